"""Routes of the public site outside Wagtail's pages; Wagtail's catch-all comes after them."""

from django.urls import path
from wagtail.contrib.sitemaps import views as sitemap_views

from cms import views
from cms.feeds import NewsFeed
from cms.sitemaps import SITEMAPS
from core.cache import cache_public_page

app_name = "cms"

urlpatterns = [
    path("recherche/", views.search, name="search"),
    path("plan-du-site/", views.site_map, name="site-map"),
    path("actualites/rss/", cache_public_page(NewsFeed()), name="news-feed"),
    path(
        "sitemap.xml",
        cache_public_page(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "cms:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_public_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]
