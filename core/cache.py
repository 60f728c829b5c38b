"""Cache of the public pages, for anonymous visitors only.

A page is cached under its host, path and query string, and under the current "site version": a
token that changes whenever something the public site shows changes (a page published or
unpublished, program data saved or deleted). Changing the token makes every cached copy
unreachable at once; the cache backend forgets the old copies at their timeout.

Logged-in users (staff, agents, candidates…) and anyone carrying a session never read nor fill the
cache: they always get a fresh page. A response that sets a cookie, is not a 200, is marked
private, or wrote the request's Content-Security-Policy nonce (an inline script) is never stored.

    @cache_public_page
    def challenge_list(request): ...

Wagtail pages get the same treatment through ``cms.models.CachedPageMixin``.

Where things are kept: the site version lives in Django's default cache, shared by every process
(Redis, or the database table without ``REDIS_URL`` in production), so that a change made through
any process makes every process' copies stale at once. The copies themselves live in each
process' memory (``PAGE_STORE_MAX_ENTRIES`` at most, the oldest forgotten first): reading one costs
no network nor database round trip, only the version's read. Each process renders a page once per
site version.

``PublicPageMiddleware``, placed right after WhiteNoise, serves a cached copy before the rest of
the stack runs (sessions, authentication, CSRF, messages, Wagtail's routing): a cached hit costs
the version's read and a dictionary look-up. The views and pages above fill the cache.
"""

import functools
import hashlib
import logging
import time
from collections.abc import Callable, Hashable
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import DatabaseError, router, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)

VERSION_KEY = "eig:public-site-version"
FRAME_VERSION_KEY = "eig:public-frame-version"
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
    "Access-Control-Allow-Origin",
)
# Besides the session's, the cookie of the messages waiting to be shown makes a page personal.
MESSAGES_COOKIE = "messages"
PAGE_STORE_MAX_ENTRIES = 300
# This process' copies of the public pages, keyed by site version (see the module's docstring).
_page_store = LocMemCache(
    "eig-public-pages",
    {"TIMEOUT": DEFAULT_TIMEOUT, "OPTIONS": {"MAX_ENTRIES": PAGE_STORE_MAX_ENTRIES}},
)


def public_cache_timeout() -> int:
    """Seconds a public page stays cached (``EIG_PUBLIC_CACHE_SECONDS``, 0 to disable)."""
    return int(getattr(settings, "EIG_PUBLIC_CACHE_SECONDS", DEFAULT_TIMEOUT))


def _new_version() -> str:
    # A fresh token that no earlier version can equal, even after the cache lost the current one.
    return f"{time.time_ns():x}"


def _versions() -> tuple[str, str]:
    """The current site version and frame version, in one cache read (two when one is new)."""
    keys = (VERSION_KEY, FRAME_VERSION_KEY)
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, _new_version(), timeout=None)
        found.update(cache.get_many(missing))
    return found[VERSION_KEY], found[FRAME_VERSION_KEY]


def site_cache_version() -> str:
    """The current version of the public site."""
    return _versions()[0]


def _versions_for(request: HttpRequest) -> tuple[str, str]:
    versions = getattr(request, "_eig_site_versions", None)
    if versions is None:
        versions = _versions()
        request._eig_site_versions = versions
    return versions


def site_cache_version_for(request: HttpRequest) -> str:
    """The site version for this request, read once per request."""
    return _versions_for(request)[0]


def site_frame_version_for(request: HttpRequest) -> str:
    """The version of what the frame of every page (header, footer, menus) shows: the site's
    pages and settings, not the program's data. Read once per request."""
    return _versions_for(request)[1]


def site_cache_version_bump(*, frame: bool = False) -> None:
    """Make every cached public page stale: the next visit renders it again. With ``frame``,
    the pages' frame too (``site_frame_version_for``).

    Without its table (the database cache before ``manage.py createcachetable``, e.g. during the
    first ``migrate``), no page can have been cached: the bump is skipped with a warning instead
    of failing the save that triggered it.
    """
    versions = dict.fromkeys(
        (VERSION_KEY, FRAME_VERSION_KEY) if frame else (VERSION_KEY,), _new_version()
    )
    backend = caches["default"]
    try:
        if isinstance(backend, DatabaseCache):
            # In a savepoint: on PostgreSQL, a failed query would otherwise abort the whole
            # transaction of the save (or of the migration) that triggered the bump.
            with transaction.atomic(using=router.db_for_write(backend.cache_model_class)):
                backend.set_many(versions, timeout=None)
        else:
            backend.set_many(versions, timeout=None)
    except DatabaseError:
        logger.warning(
            "The public page cache could not be marked stale (is its table missing? "
            "run `manage.py createcachetable`).",
            exc_info=True,
        )


# Values computed from the site's content, kept in this process' memory while their version
# stays current, and at most MEMO_SECONDS (a change made without signals, such as a bulk update,
# bumps no version): key -> (version, expiry, value).
_memos: dict[Hashable, tuple[str, float, Any]] = {}
MEMO_MAX_ENTRIES = 100
MEMO_SECONDS = DEFAULT_TIMEOUT


def version_memo(*, key: Hashable, version: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, kept in this process' memory under ``key`` until ``version`` changes or
    ``MEMO_SECONDS`` pass. The value is shared by every request: it must not be modified."""
    entry = _memos.get(key)
    now = time.monotonic()
    if entry is not None and entry[0] == version and entry[1] > now:
        return entry[2]
    value = compute()
    if len(_memos) >= MEMO_MAX_ENTRIES:
        _memos.clear()
    _memos[key] = (version, now + MEMO_SECONDS, value)
    return value


def request_is_cacheable(request: HttpRequest) -> bool:
    """Whether this request may read or fill the public cache: an anonymous GET or HEAD, with
    no session (a session may carry messages or a passed page restriction) nor messages."""
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or MESSAGES_COOKIE in cookies:
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
    return f"{PAGE_KEY_PREFIX}:{site_cache_version_for(request)}:{digest}"


def _cached_response(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=200)
    for header, value in entry["headers"].items():
        response[header] = value
    return response


def request_used_csp_nonce(request: HttpRequest) -> bool:
    """Whether the page wrote this request's Content-Security-Policy nonce (core/headers.py):
    a copy served to another request would carry a nonce its policy does not allow."""
    # django-csp's lazy nonce is true once it has been generated.
    return bool(getattr(request, "csp_nonce", None))


def _store(request: HttpRequest, key: str, response: HttpResponse, timeout: int) -> None:
    # A page that asked for a CSRF token is personal: the token goes with a cookie. A page
    # that used the CSP nonce belongs to its request.
    if (
        response_is_cacheable(response)
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request_used_csp_nonce(request)
    ):
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        _page_store.set(key, {"content": response.content, "headers": headers}, timeout)


def cached_public_page(request: HttpRequest) -> HttpResponse | None:
    """The cached copy of this request's page, if it may be served one and one is stored."""
    if public_cache_timeout() <= 0 or not request_is_cacheable(request):
        return None
    entry = _page_store.get(public_page_key(request))
    return None if entry is None else _cached_response(entry)


def serve_public_page(request: HttpRequest, render: Callable[[], HttpResponse]) -> HttpResponse:
    """The cached copy of this page for an anonymous visitor, or ``render()``'s response (stored
    for the next anonymous visitor when it may be)."""
    timeout = public_cache_timeout()
    if timeout <= 0 or not request_is_cacheable(request):
        return render()
    key = public_page_key(request)
    entry = _page_store.get(key)
    if entry is not None:
        return _cached_response(entry)
    response = render()
    # The copy is shared by everyone: tell proxies it depends on the session cookie.
    patch_vary_headers(response, ["Cookie"])
    if hasattr(response, "render") and not response.is_rendered:
        response.add_post_render_callback(lambda rendered: _store(request, key, rendered, timeout))
    else:
        _store(request, key, response, timeout)
    return response


def cache_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorator of a public view: anonymous visitors share a cached copy of its GET responses
    until the site version changes or the timeout passes."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return serve_public_page(request, lambda: view(request, *args, **kwargs))

    return wrapper


class PublicPageMiddleware:
    """Serve an anonymous visitor's cached copy of a public page before the rest of the
    middleware stack and the URL routing run; place it right after WhiteNoise.

    The copy carries the headers the page had (``KEPT_HEADERS``); the security headers that the
    skipped middleware would add (clickjacking protection) are added here, and
    ``SecurityMiddleware``, placed before, adds its own as for any response.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = cached_public_page(request)
        if response is None:
            return self.get_response(request)
        response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        return response


# --- What makes the public site change --------------------------------------------------------

# Apps whose records the public site shows, whole. Their history tables (simple_history) are
# left out: they are written together with the record itself. The call for candidates
# (``selection``) and the evaluation reports are not public: their records never change it.
PUBLIC_DATA_APPS = {"cohorts", "projects", "alumni", "cms", "dsfr"}
# Records of Wagtail's own apps that change what the public sees.
PUBLIC_WAGTAIL_MODELS = {
    ("wagtailcore", "site"),
    # A page or collection made private must stop being served from the cache at once.
    ("wagtailcore", "pageviewrestriction"),
    ("wagtailcore", "collectionviewrestriction"),
    ("wagtailimages", "image"),
    ("wagtaildocs", "document"),
    ("wagtailredirects", "redirect"),
}


# Records of those apps that no public page shows (the front-office spaces, the jury, the
# surveys): saving them, as candidates and agents do all day long, keeps the public cache.
PRIVATE_MODELS = {
    ("cohorts", "event"),
    ("cohorts", "attendance"),
    ("cohorts", "checklisttemplate"),
    ("cohorts", "checklistitem"),
    ("cohorts", "checklisttick"),
    ("cohorts", "checklistreminder"),
    ("projects", "administrationmembership"),
    ("projects", "administrationinvitation"),
    ("projects", "challengeproposal"),
    ("projects", "proposalattachment"),
    ("projects", "reviewround"),
    ("projects", "reviewcriterion"),
    ("projects", "reviewassignment"),
    ("projects", "reviewscore"),
    ("projects", "progressreport"),
    ("projects", "progressreminder"),
    ("alumni", "directoryprofile"),
    ("alumni", "survey"),
    ("alumni", "surveyquestion"),
    ("alumni", "surveyinvitation"),
    ("alumni", "surveyresponse"),
}


# Apps whose records the frame of every page (header, footer, menus) may show.
FRAME_APPS = {"cms", "dsfr"}


def changes_public_site(model: type) -> bool:
    meta = model._meta
    if meta.app_label in PUBLIC_DATA_APPS:
        return not meta.model_name.startswith("historical") and (
            (meta.app_label, meta.model_name) not in PRIVATE_MODELS
        )
    return (meta.app_label, meta.model_name) in PUBLIC_WAGTAIL_MODELS


def changes_site_frame(model: type) -> bool:
    meta = model._meta
    if meta.app_label in FRAME_APPS:
        return not meta.model_name.startswith("historical")
    return (meta.app_label, meta.model_name) in PUBLIC_WAGTAIL_MODELS


def _bump_on_record_change(sender, **kwargs) -> None:
    if changes_public_site(sender):
        site_cache_version_bump(frame=changes_site_frame(sender))


def _bump(sender, **kwargs) -> None:
    site_cache_version_bump(frame=True)


def connect_cache_invalidation() -> None:
    """Bump the site version whenever the public site's content changes. Called once, from
    ``CmsConfig.ready``."""
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    dispatch = "core.cache"
    post_save.connect(_bump_on_record_change, dispatch_uid=f"{dispatch}.post_save")
    post_delete.connect(_bump_on_record_change, dispatch_uid=f"{dispatch}.post_delete")
    m2m_changed.connect(_bump_on_m2m_change, dispatch_uid=f"{dispatch}.m2m_changed")
    page_published.connect(_bump, dispatch_uid=f"{dispatch}.page_published")
    page_unpublished.connect(_bump, dispatch_uid=f"{dispatch}.page_unpublished")
    post_page_move.connect(_bump, dispatch_uid=f"{dispatch}.post_page_move")


def _bump_on_m2m_change(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and changes_public_site(type(instance)):
        site_cache_version_bump(frame=changes_site_frame(type(instance)))
