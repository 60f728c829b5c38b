"""Request set-up of the public site."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from wagtail import views as wagtail_views
from wagtail.models import Site

from core.cache import site_frame_version_for, version_memo


class SiteForRequestMiddleware:
    """Find the Wagtail site of a request for a Wagtail page once per frame version in each
    process, instead of a query on every request: the sites and their root pages change the
    frame version when saved, published or moved (``core.cache``).

    Wagtail reads the site from ``request._wagtail_site`` when it is set, as
    ``Site.find_for_request`` does for the rest of the request. The site, with its root page, is
    shared by every request of the version: nothing may modify it. Other views (data pages,
    API, downloads) look the site up only if they need it, as before.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        if view_func is not wagtail_views.serve:
            return
        # get_host() refuses a host that is not allowed, as for any other request.
        hostname = split_domain_port(request.get_host())[0]
        request._wagtail_site = version_memo(
            key=("wagtail-site", hostname, request.get_port()),
            version=site_frame_version_for(request),
            compute=lambda: Site._find_for_request(request),
        )
