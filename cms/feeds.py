"""The RSS feed of the program's news."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from cms import selectors
from cms.models import NewsIndexPage, NewsPage

FEED_SIZE = 20


class NewsFeed(Feed):
    title = _("Actualités des Entrepreneurs d'intérêt général")
    description = _("Les dernières nouvelles du programme Entrepreneurs d'intérêt général.")

    def get_object(self, request, *args, **kwargs) -> NewsIndexPage | None:
        # The feed's object is the site's news list: its link, and the site of its posts.
        return selectors.news_index_for_site(site=Site.find_for_request(request))

    def link(self, obj: NewsIndexPage | None) -> str:
        return obj.get_url() if obj else "/"

    def items(self, obj: NewsIndexPage | None) -> list[NewsPage]:
        return list(selectors.news_list(index=obj)[:FEED_SIZE]) if obj else []

    def item_title(self, item: NewsPage) -> str:
        return item.title

    def item_description(self, item: NewsPage) -> str:
        return item.intro

    def item_link(self, item: NewsPage) -> str:
        return item.get_url()

    def item_pubdate(self, item: NewsPage) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(9, 0)))

    def item_updateddate(self, item: NewsPage) -> datetime.datetime | None:
        return item.last_published_at
