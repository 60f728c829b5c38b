"""Pages of the public site and its settings (header, footer, mandatory pages)."""

import datetime

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site
from wagtail.query import PageQuerySet
from wagtail.search import index

from cms.blocks import BodyBlock
from core.bounds import BoundedAdminFormMixin
from core.cache import serve_public_page, site_cache_version_for, version_memo

NEWS_PER_PAGE = 10


class BoundedPageForm(BoundedAdminFormMixin, WagtailAdminPageForm):
    """The editor's form of the site's pages, held to the bounds of every input."""


class CachedPageMixin:
    """Anonymous visitors share a cached copy of the page (see ``core.cache``)."""

    def serve(self, request, *args, **kwargs):
        return serve_public_page(
            request, lambda: super(CachedPageMixin, self).serve(request, *args, **kwargs)
        )


class HomePage(CachedPageMixin, Page):
    """The root of the public site: the program's pitch, its calls, figures and news."""

    base_form_class = BoundedPageForm

    intro = RichTextField(
        _("présentation"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Le texte d'accroche du programme, en tête de page."),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("contenu"),
        blank=True,
        help_text=_("Sous les appels et les chiffres clés."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.ContentPage", "cms.NewsIndexPage"]

    class Meta:
        verbose_name = _("page d'accueil")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The same for every visitor until the site's content changes: read once per site
        # version (and per day, for the calls) in each process.
        today = timezone.localdate()
        context.update(
            version_memo(
                key=("home-page", self.pk, today),
                version=site_cache_version_for(request),
                compute=lambda: self.data_context(today=today),
            )
        )
        return context

    def data_context(self, *, today: datetime.date) -> dict:
        """What the home page shows of the program: its calls, figures (promotions, public
        challenges, fellows and host structures, as the key figures page counts them) and latest
        news."""
        from cohorts.selectors import cohort_open_calls
        from projects.selectors import program_totals

        return {
            "calls": cohort_open_calls(today=today),
            "figures": program_totals(),
            "latest_news": list(NewsPage.published()[:3]),
            "news_index": NewsIndexPage.for_site(site=self.get_site()),
        }


class ContentPage(CachedPageMixin, Page):
    """A page of text: FAQ, contact, legal notice, personal data, accessibility statement…"""

    base_form_class = BoundedPageForm

    intro = models.TextField(
        _("chapeau"), blank=True, help_text=_("Une ou deux phrases qui résument la page.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage", "cms.ContentPage"]
    subpage_types = ["cms.ContentPage"]

    class Meta:
        verbose_name = _("page de contenu")
        verbose_name_plural = _("pages de contenu")


class NewsIndexPage(CachedPageMixin, Page):
    """The list of the program's news, newest first."""

    base_form_class = BoundedPageForm

    intro = models.TextField(_("chapeau"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("liste des actualités")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.news(), NEWS_PER_PAGE)
        context["news_page"] = paginator.get_page(request.GET.get("page"))
        return context

    def news(self) -> PageQuerySet:
        """The published news posts under this list, newest first."""
        return NewsPage.published().child_of(self)

    @classmethod
    def for_site(cls, *, site: Site | None) -> "NewsIndexPage | None":
        """The site's news list page, if it has a published one."""
        pages = cls.objects.live().public()
        if site is not None:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        return pages.order_by("path").first()


class NewsPage(CachedPageMixin, Page):
    """A news post."""

    base_form_class = BoundedPageForm

    date = models.DateField(_("date de publication"), default=datetime.date.today)
    intro = models.TextField(
        _("chapeau"), help_text=_("Le résumé montré dans la liste et le fil RSS.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("actualité")
        verbose_name_plural = _("actualités")

    @classmethod
    def published(cls) -> PageQuerySet:
        """Every published, unrestricted news post, newest first."""
        return cls.objects.live().public().order_by("-date", "-pk")


class AccessibilityStatus(models.TextChoices):
    NON = "non", _("non conforme")
    PARTIAL = "partiellement", _("partiellement conforme")
    FULL = "totalement", _("totalement conforme")


def _page_link(verbose_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """What the header and footer of every page show, edited in Settings."""

    tagline = models.CharField(
        _("devise du site"),
        max_length=200,
        blank=True,
        default="Des talents du numérique au service de l'action publique",
    )
    footer_description = models.TextField(
        _("texte du pied de page"),
        blank=True,
        default="Le programme Entrepreneurs d'intérêt général est porté par la direction "
        "interministérielle du numérique (DINUM).",
    )
    accessibility_status = models.CharField(
        _("conformité au RGAA"),
        max_length=20,
        choices=AccessibilityStatus.choices,
        default=AccessibilityStatus.NON,
        help_text=_(
            "Le niveau déclaré dans la déclaration d'accessibilité, affiché dans le pied "
            "de page de chaque page. Sans audit complet, le site est non conforme."
        ),
    )
    legal_notice_page = _page_link(_("mentions légales"))
    personal_data_page = _page_link(_("données personnelles"))
    accessibility_page = _page_link(_("déclaration d'accessibilité"))
    contact_page = _page_link(_("contact"))
    faq_candidates_page = _page_link(_("FAQ des candidats"))
    faq_administrations_page = _page_link(_("FAQ des administrations"))

    panels = [
        MultiFieldPanel(
            [FieldPanel("tagline"), FieldPanel("footer_description")],
            heading=_("En-tête et pied de page"),
        ),
        MultiFieldPanel(
            [FieldPanel("faq_candidates_page"), FieldPanel("faq_administrations_page")],
            heading=_("Menu principal"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("legal_notice_page"),
                FieldPanel("personal_data_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("accessibility_status"),
                FieldPanel("contact_page"),
            ],
            heading=_("Pages obligatoires du pied de page"),
        ),
    ]
    select_related = [
        "legal_notice_page",
        "personal_data_page",
        "accessibility_page",
        "contact_page",
        "faq_candidates_page",
        "faq_administrations_page",
    ]

    class Meta:
        verbose_name = _("réglages du site")
