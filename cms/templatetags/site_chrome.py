"""The header and footer of every public page: main menu, search bar, mandatory links."""

from dataclasses import dataclass, field

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from cms.models import SiteSettings
from eig.spaces import spaces_for

register = template.Library()


@dataclass
class MenuItem:
    label: str
    url: str
    is_current: bool = False
    children: list["MenuItem"] = field(default_factory=list)
    key: str = ""

    @property
    def has_current_child(self) -> bool:
        return any(child.is_current for child in self.children)


def _url_or_none(name: str) -> str | None:
    """The address of the named view, or None while the view does not exist."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _page_url(page: Page | None, request) -> str | None:
    if page is None or not page.live:
        return None
    return page.get_url(request=request)


def _is_current(path: str, url: str, *, exact: bool = False) -> bool:
    return path == url if exact else path.startswith(url)


def site_settings_for(request) -> SiteSettings | None:
    """The settings of the request's site (read once per request), or None without a site."""
    if request is None or Site.find_for_request(request) is None:
        return None
    return SiteSettings.for_request(request)


def main_menu(request, site_settings: SiteSettings | None) -> list[MenuItem]:
    """The main navigation: the site's sections, those whose page or view exists."""
    from cms.selectors import news_index_for_site

    path = request.path if request is not None else ""
    site = Site.find_for_request(request) if request is not None else None
    entries: list[tuple[str, str | None]] = [
        (_("Les défis"), _url_or_none("projects:challenge-list")),
        (_("Les promotions"), _url_or_none("cohorts:cohort-list")),
        (_("Chiffres clés"), _url_or_none("projects:key-figures")),
        (_("Actualités"), _page_url(news_index_for_site(site=site), request)),
        (_("Données ouvertes"), _url_or_none("projects:open-data")),
    ]
    items = [MenuItem(label=_("Accueil"), url="/", is_current=path == "/")]
    items += [
        MenuItem(label=label, url=url, is_current=_is_current(path, url))
        for label, url in entries
        if url
    ]
    faq_pages = []
    if site_settings is not None:
        faq_pages = [
            (_("Candidats"), _page_url(site_settings.faq_candidates_page, request)),
            (_("Administrations"), _page_url(site_settings.faq_administrations_page, request)),
        ]
    faq_items = [
        MenuItem(label=label, url=url, is_current=_is_current(path, url))
        for label, url in faq_pages
        if url
    ]
    if len(faq_items) == 1:
        items.append(
            MenuItem(label=_("FAQ"), url=faq_items[0].url, is_current=faq_items[0].is_current)
        )
    elif faq_items:
        items.append(MenuItem(label=_("FAQ"), url="", children=faq_items, key="faq"))
    return items


@register.inclusion_tag("eig/_header.html", takes_context=True)
def site_header(context) -> dict:
    request = context.get("request")
    site_settings = site_settings_for(request)
    user = getattr(request, "user", None)
    return {
        "request": request,
        "menu": main_menu(request, site_settings),
        "tagline": site_settings.tagline if site_settings else "",
        "search_url": _url_or_none("cms:search") or "",
        "search_query": request.GET.get("q", "") if request is not None else "",
        "is_authenticated": bool(user and user.is_authenticated),
        "is_staff": bool(user and user.is_authenticated and user.is_staff),
        "login_url": _url_or_none("account_login") or "",
        "logout_url": _url_or_none("account_logout") or "",
        "admin_url": _url_or_none("wagtailadmin_home") or "",
        "spaces": spaces_for(user),
    }


@register.inclusion_tag("eig/_footer.html", takes_context=True)
def site_footer(context) -> dict:
    request = context.get("request")
    site_settings = site_settings_for(request)
    status = (
        site_settings.get_accessibility_status_display() if site_settings else _("non conforme")
    )
    return {
        "description": site_settings.footer_description if site_settings else "",
        "accessibility_label": _("Accessibilité : %(status)s") % {"status": status},
        "accessibility_url": _page_url(site_settings and site_settings.accessibility_page, request)
        or "",
        "legal_notice_url": _page_url(site_settings and site_settings.legal_notice_page, request)
        or "",
        "personal_data_url": _page_url(site_settings and site_settings.personal_data_page, request)
        or "",
        "contact_url": _page_url(site_settings and site_settings.contact_page, request) or "",
        "site_map_url": _url_or_none("cms:site-map") or "",
        "data_credit": settings.EIG_DATA_CREDIT,
        "data_licence_url": settings.EIG_DATA_LICENCE_URL,
    }


@register.inclusion_tag("cms/_breadcrumb.html", takes_context=True)
def page_breadcrumb(context, page: Page) -> dict:
    """The DSFR breadcrumb of a Wagtail page: the site's home, the page's ancestors, the page."""
    request = context.get("request")
    ancestors = [
        ancestor.specific_deferred for ancestor in page.get_ancestors().filter(depth__gt=2).live()
    ]
    return {
        "links": [(ancestor.title, ancestor.get_url(request=request)) for ancestor in ancestors],
        "current": page.title,
    }
