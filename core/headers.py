"""Response headers that protect every page: its Content-Security-Policy, and the
``Cache-Control`` that keeps a person's pages out of every shared or browser cache.

Both middleware sit right after WhiteNoise, before ``core.cache.PublicPageMiddleware``: the
cached copies of the public pages get them as every other response.

**Content-Security-Policy.** ``settings.CONTENT_SECURITY_POLICY`` (django-csp) is the policy of
the site: the public pages, the spaces, the accounts. An area whose pages need more (Wagtail's
admin, the API documentation) gets its own policy from
``settings.EIG_CONTENT_SECURITY_POLICY_AREAS``, a mapping of path prefixes to directives; the
first prefix that matches wins. A view may still narrow or widen its own policy with
django-csp's decorators (``csp_update``, ``csp_replace``, ``csp_override``), which take
precedence. A page's inline script carries the request's nonce (``nonce="{{ request.csp_nonce
}}"``); the nonce is written in the header only when a page used it, and such a page is never
stored by the public cache (``core.cache``), whose copies are shared.

**Cache-Control.** A response to a logged-in person, to a request that carries a session or the
messages cookie, that opens a session, or to a secret link (a URL with a ``token``: a survey's
invitation, an agent's invitation, a personal calendar) is marked ``private, no-store``, unless
its view already chose its ``Cache-Control``. The anonymous visitors' public pages keep theirs.
"""

from collections.abc import Callable

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponse

from core.cache import MESSAGES_COOKIE

PRIVATE_CACHE_CONTROL = "private, no-store"


def area_policy(path: str) -> dict | None:
    """The directives of the area ``path`` belongs to, or None for the site's policy."""
    areas = getattr(settings, "EIG_CONTENT_SECURITY_POLICY_AREAS", {})
    for prefix, directives in areas.items():
        if path.startswith(prefix):
            return directives
    return None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the policy of the request's area (``area_policy``) in
    place of the site's when the view set none of its own."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponse, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None:
            parts.config = area_policy(request.path_info)
        return parts


def request_is_personal(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether ``response`` may show this person's data (see the module's docstring)."""
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or MESSAGES_COOKIE in cookies:
        return True
    if settings.SESSION_COOKIE_NAME in response.cookies:
        return True
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    match = getattr(request, "resolver_match", None)
    return match is not None and "token" in match.kwargs


class PrivatePageMiddleware:
    """``Cache-Control: private, no-store`` on every response that may show a person's data
    and whose view did not set a ``Cache-Control`` of its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Cache-Control" not in response and request_is_personal(request, response):
            response["Cache-Control"] = PRIVATE_CACHE_CONTROL
        return response
