"""Reads of the public site: news, the site search, the site map.

The pages read their own news through their models (``NewsPage.published``,
``NewsIndexPage.news``, ``NewsIndexPage.for_site``); this module reads the models, never the other
way round."""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from wagtail.models import Page, Site

from cms.models import NewsIndexPage, NewsPage

SEARCH_RESULTS_PER_KIND = 20


def news_live() -> QuerySet[NewsPage]:
    """Every published, unrestricted news post, newest first."""
    return NewsPage.published()


def news_latest(*, limit: int) -> list[NewsPage]:
    """The ``limit`` newest news posts."""
    return list(news_live()[:limit])


def news_list(*, index: NewsIndexPage) -> QuerySet[NewsPage]:
    """The published news posts under ``index``, newest first."""
    return index.news()


def news_index_for_site(*, site: Site | None) -> NewsIndexPage | None:
    """The site's news list page, if it has a published one."""
    return NewsIndexPage.for_site(site=site)


@dataclass
class SearchResults:
    query: str
    pages: list[Page] = field(default_factory=list)
    challenges: list = field(default_factory=list)
    people: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.pages) + len(self.challenges) + len(self.people)


def site_search(*, query: str, site: Site | None) -> SearchResults:
    """The site's pages, public challenges and people who consented to appear that match
    ``query`` (at most ``SEARCH_RESULTS_PER_KIND`` of each)."""
    from cohorts.selectors import person_public_search
    from core.bounds import without_control_characters
    from projects.selectors import ChallengeFilters, challenge_public_list

    query = " ".join(without_control_characters(query).split())[:200]
    if not query:
        return SearchResults(query="")
    pages = Page.objects.live().public().specific()
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    return SearchResults(
        query=query,
        pages=_pages_matching(pages=pages, query=query),
        challenges=list(
            challenge_public_list(filters=ChallengeFilters(q=query))[:SEARCH_RESULTS_PER_KIND]
        ),
        people=person_public_search(text=query, limit=SEARCH_RESULTS_PER_KIND),
    )


def _pages_matching(*, pages: QuerySet[Page], query: str) -> list[Page]:
    """The pages Wagtail's search finds (whole words, accents ignored on both databases), then
    those whose title holds every word as a part of a word, ignoring case and accents: two
    queries."""
    from django.db.models import Q

    from core.text_search import folded_contains

    # The search backend reads quotes and operators (SQLite FTS5's ``"``, ``*``, ``NEAR``,
    # PostgreSQL's ``&``, ``|``, ``!``): it is given the words alone, each one as a phrase.
    words = _search_words(query)
    found = list(pages.search(words)[:SEARCH_RESULTS_PER_KIND]) if words else []
    by_title = Q()
    for word in query.split()[:10]:
        by_title &= folded_contains("title", word)
    seen = {page.pk for page in found}
    for page in pages.filter(by_title).order_by("path")[:SEARCH_RESULTS_PER_KIND]:
        if page.pk not in seen and len(found) < SEARCH_RESULTS_PER_KIND:
            found.append(page)
    return found


def _search_words(query: str) -> str:
    """The words of ``query`` (letters and digits), without what a search backend would read
    as an operator or a quote; lower case, so that ``AND``, ``OR`` and ``NOT`` are words."""
    import re

    return " ".join(re.findall(r"\w+", query.lower())[:20])


@dataclass
class SiteMapEntry:
    title: str
    url: str
    children: list["SiteMapEntry"] = field(default_factory=list)


def site_map_pages(*, site: Site | None) -> list[SiteMapEntry]:
    """The site's published, unrestricted pages under its home page (news posts aside), as a
    tree in the site's order."""
    if site is None:
        return []
    home = site.root_page
    pages = home.get_descendants().live().public().not_type(NewsPage).order_by("path")
    entries: dict[str, SiteMapEntry] = {}
    roots: list[SiteMapEntry] = []
    for page in pages:
        entry = SiteMapEntry(title=page.title, url=page.get_url())
        entries[page.path] = entry
        parent = entries.get(page.path[: -Page.steplen])
        (parent.children if parent else roots).append(entry)
    return roots
