"""Cache of the public pages, for anonymous visitors only.

A page is cached under its host, path and query string, and under the current "site version": a
token that changes whenever something the public site shows changes (a page published or
unpublished, program data saved or deleted). Changing the token makes every cached copy
unreachable at once; the cache backend forgets the old copies at their timeout.

Logged-in users (staff, agents, candidates…) and anyone carrying a session never read nor fill the
cache: they always get a fresh page. A response that sets a cookie, is not a 200, or is marked
private is never stored.

    @cache_public_page
    def challenge_list(request): ...

Wagtail pages get the same treatment through ``cms.models.CachedPageMixin``.
"""

import functools
import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

VERSION_KEY = "eig:public-site-version"
PAGE_KEY_PREFIX = "eig:public-page"
DEFAULT_TIMEOUT = 300
# Headers a cached copy keeps; the others belong to the request that produced it.
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "Vary",
    "Link",
    "Last-Modified",
    "X-Robots-Tag",
)


def public_cache_timeout() -> int:
    """Seconds a public page stays cached (``EIG_PUBLIC_CACHE_SECONDS``, 0 to disable)."""
    return int(getattr(settings, "EIG_PUBLIC_CACHE_SECONDS", DEFAULT_TIMEOUT))


def _new_version() -> str:
    # A fresh token that no earlier version can equal, even after the cache lost the current one.
    return f"{time.time_ns():x}"


def site_cache_version() -> str:
    """The current version of the public site."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _new_version(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def site_cache_version_bump() -> None:
    """Make every cached public page stale: the next visit renders it again."""
    cache.set(VERSION_KEY, _new_version(), timeout=None)


def request_is_cacheable(request: HttpRequest) -> bool:
    """Whether this request may read or fill the public cache: an anonymous GET or HEAD, with
    no session (a session may carry messages or a passed page restriction)."""
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def response_is_cacheable(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-cache", "no-store"))


def public_page_key(request: HttpRequest) -> str:
    """The cache key of this request's page in the current site version."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"{PAGE_KEY_PREFIX}:{site_cache_version()}:{digest}"


def _cached_response(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=200)
    for header, value in entry["headers"].items():
        response[header] = value
    return response


def _store(key: str, response: HttpResponse, timeout: int) -> None:
    if response_is_cacheable(response):
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        cache.set(key, {"content": response.content, "headers": headers}, timeout)


def serve_public_page(request: HttpRequest, render: Callable[[], HttpResponse]) -> HttpResponse:
    """The cached copy of this page for an anonymous visitor, or ``render()``'s response (stored
    for the next anonymous visitor when it may be)."""
    timeout = public_cache_timeout()
    if timeout <= 0 or not request_is_cacheable(request):
        return render()
    key = public_page_key(request)
    entry = cache.get(key)
    if entry is not None:
        return _cached_response(entry)
    response = render()
    # The copy is shared by everyone: tell proxies it depends on the session cookie.
    patch_vary_headers(response, ["Cookie"])
    if hasattr(response, "render") and not response.is_rendered:
        response.add_post_render_callback(lambda rendered: _store(key, rendered, timeout))
    else:
        _store(key, response, timeout)
    return response


def cache_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorator of a public view: anonymous visitors share a cached copy of its GET responses
    until the site version changes or the timeout passes."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return serve_public_page(request, lambda: view(request, *args, **kwargs))

    return wrapper


# --- What makes the public site change --------------------------------------------------------

# Apps whose records the public site shows, whole. Their history tables (simple_history) are
# left out: they are written together with the record itself.
PUBLIC_DATA_APPS = {"cohorts", "projects", "alumni", "cms", "dsfr"}
# Records of Wagtail's own apps that change what the public sees.
PUBLIC_WAGTAIL_MODELS = {
    ("wagtailcore", "site"),
    ("wagtailimages", "image"),
    ("wagtaildocs", "document"),
    ("wagtailredirects", "redirect"),
}


def changes_public_site(model: type) -> bool:
    meta = model._meta
    if meta.app_label in PUBLIC_DATA_APPS:
        return not meta.model_name.startswith("historical")
    return (meta.app_label, meta.model_name) in PUBLIC_WAGTAIL_MODELS


def _bump_on_record_change(sender, **kwargs) -> None:
    if changes_public_site(sender):
        site_cache_version_bump()


def _bump(sender, **kwargs) -> None:
    site_cache_version_bump()


def connect_cache_invalidation() -> None:
    """Bump the site version whenever the public site's content changes. Called once, from
    ``CmsConfig.ready``."""
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    dispatch = "eig.cache"
    post_save.connect(_bump_on_record_change, dispatch_uid=f"{dispatch}.post_save")
    post_delete.connect(_bump_on_record_change, dispatch_uid=f"{dispatch}.post_delete")
    m2m_changed.connect(_bump_on_m2m_change, dispatch_uid=f"{dispatch}.m2m_changed")
    page_published.connect(_bump, dispatch_uid=f"{dispatch}.page_published")
    page_unpublished.connect(_bump, dispatch_uid=f"{dispatch}.page_unpublished")
    post_page_move.connect(_bump, dispatch_uid=f"{dispatch}.post_page_move")


def _bump_on_m2m_change(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and changes_public_site(type(instance)):
        site_cache_version_bump()
