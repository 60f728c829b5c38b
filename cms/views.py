"""Views of the public site outside Wagtail's pages: the site search and the site map."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from wagtail.models import Site

from cms import selectors
from cms.templatetags.site_chrome import main_menu
from core.cache import cache_public_page


@cache_public_page
@require_safe
def search(request: HttpRequest) -> HttpResponse:
    results = selectors.site_search(
        query=request.GET.get("q", ""), site=Site.find_for_request(request)
    )
    return render(request, "cms/search.html", {"results": results})


@cache_public_page
@require_safe
def site_map(request: HttpRequest) -> HttpResponse:
    site = Site.find_for_request(request)
    return render(
        request,
        "cms/site_map.html",
        {
            "menu": main_menu(request),
            "pages": selectors.site_map_pages(site=site),
        },
    )
