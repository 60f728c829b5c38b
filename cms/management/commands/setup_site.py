"""Create the public site's pages and settings; safe to run again."""

from urllib.parse import urlsplit

from django.conf import settings as django_settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page, Site

from cms.management import site_content
from cms.models import (
    ContentPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    SiteSettings,
)


class Command(BaseCommand):
    help = (
        "Crée l'arborescence du site public (FAQ, contact, mentions légales, données "
        "personnelles, accessibilité, actualités) et ses réglages. Une page qui existe déjà "
        "n'est pas modifiée : la commande peut être relancée sans risque."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError("Aucun site par défaut : lancez d'abord `manage.py migrate`.")
        home = site.root_page.specific
        if not isinstance(home, HomePage):
            raise CommandError(f"La racine du site « {home.title} » n'est pas une page d'accueil.")

        created = 0
        if not home.body:
            home.intro = site_content.HOME_INTRO
            home.body = site_content.HOME_BODY
            home.save_revision().publish()
            self.stdout.write(f"Page d'accueil remplie : {home.title}")

        pages = {}
        for content in site_content.CONTENT_PAGES:
            pages[content["slug"]], is_new = self.child_page(
                home,
                ContentPage,
                slug=content["slug"],
                title=content["title"],
                intro=content["intro"],
                body=content["body"],
            )
            created += is_new

        news_index, is_new = self.child_page(home, NewsIndexPage, **site_content.NEWS_INDEX)
        created += is_new
        for news in site_content.NEWS:
            _, is_new = self.child_page(news_index, NewsPage, **news)
            created += is_new

        self.configure(site, pages)
        self.stdout.write(
            self.style.SUCCESS(f"Site public prêt : {created} page(s) créée(s), réglages à jour.")
        )

    def child_page(self, parent: Page, model: type[Page], *, slug: str, **fields):
        """The published child ``slug`` of ``parent``, created with ``fields`` when missing."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            return existing.specific, False
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.stdout.write(f"Page créée : {page.title} ({page.url_path})")
        return page, True

    def configure(self, site: Site, pages: dict[str, Page]) -> None:
        """Give the site the address of SITE_URL (its pages' full addresses, in sitemap.xml, use
        it), and point the header and footer at the mandatory pages where staff left them
        empty."""
        address = urlsplit(django_settings.SITE_URL)
        site.hostname = address.hostname or site.hostname
        site.port = address.port or (443 if address.scheme == "https" else 80)
        site.site_name = site_content.SITE_NAME
        site.save()

        settings = SiteSettings.for_site(site)
        links = {
            "faq_candidates_page": "faq-candidats",
            "faq_administrations_page": "faq-administrations",
            "contact_page": "contact",
            "legal_notice_page": "mentions-legales",
            "personal_data_page": "donnees-personnelles",
            "accessibility_page": "accessibilite",
        }
        for field, slug in links.items():
            if getattr(settings, f"{field}_id") is None:
                setattr(settings, field, pages[slug])
        settings.save()
