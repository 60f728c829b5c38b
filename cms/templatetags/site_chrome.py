"""The header and footer of every public page: main menu, search bar, mandatory links.

What they show of the site (its settings, the addresses of the menu's and footer's pages) is the
same for every visitor: it is read once per site version and kept in the process' memory
(``site_chrome``), so that rendering a page costs no query for its frame. Every change that the
frame could show (settings, pages, sites) changes the site version (``core.cache``).
"""

import functools
from dataclasses import dataclass, field

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from cms.models import SiteSettings
from core.cache import site_frame_version_for, version_memo
from core.spaces import spaces_for

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


@dataclass(frozen=True)
class SiteChrome:
    """What the header and footer show of the site, for every visitor and every page."""

    tagline: str = ""
    footer_description: str = ""
    accessibility_label: str = ""
    accessibility_url: str = ""
    legal_notice_url: str = ""
    personal_data_url: str = ""
    contact_url: str = ""
    # The main menu's sections (label, address) then the FAQ pages (label, address).
    sections: tuple[tuple[str, str], ...] = ()
    faq_pages: tuple[tuple[str, str], ...] = ()


def _chrome_build(request, site_settings: SiteSettings | None) -> SiteChrome:
    from cms.selectors import news_index_for_site

    site = Site.find_for_request(request) if request is not None else None
    entries: list[tuple[str, str | None]] = [
        (_("Les défis"), _url_or_none("projects:challenge-list")),
        (_("Les promotions"), _url_or_none("projects:cohort-list")),
        (_("Chiffres clés"), _url_or_none("projects:key-figures")),
        (
            _("Actualités"),
            _page_url(news_index_for_site(site=site), request) if request is not None else None,
        ),
        (_("Données ouvertes"), _url_or_none("projects:open-data")),
    ]
    faq_pages: list[tuple[str, str | None]] = []
    if site_settings is not None:
        faq_pages = [
            (_("Candidats"), _page_url(site_settings.faq_candidates_page, request)),
            (_("Administrations"), _page_url(site_settings.faq_administrations_page, request)),
        ]
    status = (
        site_settings.get_accessibility_status_display() if site_settings else _("non conforme")
    )

    def page_url(name: str) -> str:
        return _page_url(getattr(site_settings, name) if site_settings else None, request) or ""

    return SiteChrome(
        tagline=site_settings.tagline if site_settings else "",
        footer_description=site_settings.footer_description if site_settings else "",
        accessibility_label=_("Accessibilité : %(status)s") % {"status": status},
        accessibility_url=page_url("accessibility_page"),
        legal_notice_url=page_url("legal_notice_page"),
        personal_data_url=page_url("personal_data_page"),
        contact_url=page_url("contact_page"),
        sections=tuple((label, url) for label, url in entries if url),
        faq_pages=tuple((label, url) for label, url in faq_pages if url),
    )


def site_chrome(request) -> SiteChrome:
    """The request's site chrome: from this process' memory when it was read in the current
    frame version (``core.cache.site_frame_version_for``), else read (settings and pages) and
    kept. Without a request, what can be shown without the database."""
    if request is None:
        return _chrome_build(None, None)
    chrome = getattr(request, "_eig_site_chrome", None)
    if chrome is None:
        # The host decides the site, and page addresses include it when several sites exist.
        chrome = version_memo(
            key=("site-chrome", request.get_host()),
            version=site_frame_version_for(request),
            compute=lambda: _chrome_build(request, site_settings_for(request)),
        )
        request._eig_site_chrome = chrome
    return chrome


def main_menu(request, chrome: SiteChrome | None = None) -> list[MenuItem]:
    """The main navigation: the site's sections, those whose page or view exists, the current
    one marked."""
    chrome = chrome or site_chrome(request)
    path = request.path if request is not None else ""
    items = [MenuItem(label=_("Accueil"), url="/", is_current=path == "/")]
    items += [
        MenuItem(label=label, url=url, is_current=_is_current(path, url))
        for label, url in chrome.sections
    ]
    faq_items = [
        MenuItem(label=label, url=url, is_current=_is_current(path, url))
        for label, url in chrome.faq_pages
    ]
    if len(faq_items) == 1:
        items.append(
            MenuItem(label=_("FAQ"), url=faq_items[0].url, is_current=faq_items[0].is_current)
        )
    elif faq_items:
        items.append(MenuItem(label=_("FAQ"), url="", children=faq_items, key="faq"))
    return items


def header_context(request) -> dict:
    """What the header template shows to this request's user on this page."""
    chrome = site_chrome(request)
    user = getattr(request, "user", None)
    return {
        "request": request,
        "menu": main_menu(request, chrome),
        "tagline": chrome.tagline,
        "search_url": _url_or_none("cms:search") or "",
        "search_query": request.GET.get("q", "") if request is not None else "",
        "is_authenticated": bool(user and user.is_authenticated),
        "is_staff": bool(user and user.is_authenticated and user.is_staff),
        "login_url": _url_or_none("account_login") or "",
        "logout_url": _url_or_none("account_logout") or "",
        "admin_url": _url_or_none("wagtailadmin_home") or "",
        "spaces": spaces_for(user),
    }


@register.simple_tag(takes_context=True)
def site_header(context) -> str:
    """The header (``eig/_header.html``). An anonymous visitor's header differs only by the
    menu's current section: rendered once per frame version and section in each process."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or (user is not None and user.is_authenticated) or request.GET.get("q"):
        return render_to_string("eig/_header.html", header_context(request))
    data = header_context(request)
    current = tuple(
        (item.is_current, tuple(child.is_current for child in item.children))
        for item in data["menu"]
    )
    return version_memo(
        key=("site-header", request.get_host(), current),
        version=site_frame_version_for(request),
        compute=lambda: render_to_string("eig/_header.html", data),
    )


@register.simple_tag(takes_context=True)
def site_footer(context) -> str:
    """The footer (``eig/_footer.html``), the same on every page: rendered once per frame
    version in each process."""
    request = context.get("request")

    def render() -> str:
        chrome = site_chrome(request)
        return render_to_string(
            "eig/_footer.html",
            {
                "description": chrome.footer_description,
                "accessibility_label": chrome.accessibility_label,
                "accessibility_url": chrome.accessibility_url,
                "legal_notice_url": chrome.legal_notice_url,
                "personal_data_url": chrome.personal_data_url,
                "contact_url": chrome.contact_url,
                "site_map_url": _url_or_none("cms:site-map") or "",
                "data_credit": settings.EIG_DATA_CREDIT,
                "data_licence_url": settings.EIG_DATA_LICENCE_URL,
            },
        )

    if request is None:
        return render()
    return version_memo(
        key=("site-footer", request.get_host()),
        version=site_frame_version_for(request),
        compute=render,
    )


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


@functools.cache
def _dsfr_assets(part: str) -> str:
    from django.template import engines

    source = {
        "head": "{% load dsfr_tags %}{% dsfr_css %}{% dsfr_favicon %}",
        "body": "{% load dsfr_tags %}{% dsfr_theme_modale %}{% dsfr_js %}",
    }[part]
    return engines["django"].from_string(source).render({})


@register.simple_tag
def dsfr_assets(part: str) -> str:
    """DSFR's stylesheets and icons (``"head"``) or its theme dialog and scripts (``"body"``),
    as django-dsfr's tags write them, rendered once per process: they depend on nothing but
    the static files' addresses."""
    return mark_safe(_dsfr_assets(part))  # noqa: S308 (django-dsfr's own templates)
