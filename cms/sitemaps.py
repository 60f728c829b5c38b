"""The sections of sitemap.xml: the site's pages and the program's public data."""

from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

# The data pages' views, listed while they exist.
DATA_LIST_VIEWS = [
    "projects:challenge-list",
    "projects:cohort-list",
    "projects:key-figures",
    "projects:open-data",
]


class DataListSitemap(Sitemap):
    """The lists of the program's data: challenges, promotions, key figures, open data."""

    changefreq = "weekly"

    def items(self) -> list[str]:
        names = []
        for name in DATA_LIST_VIEWS:
            try:
                reverse(name)
            except NoReverseMatch:
                continue
            names.append(name)
        return names

    def location(self, item: str) -> str:
        return reverse(item)


class ChallengeSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        from projects.selectors import challenge_public_queryset

        return challenge_public_queryset().select_related("cohort").order_by("pk")

    def location(self, item) -> str:
        return reverse(
            "projects:challenge-detail", kwargs={"cohort_slug": item.cohort.slug, "slug": item.slug}
        )


class CohortSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        from cohorts.selectors import cohort_list

        return cohort_list()

    def location(self, item) -> str:
        return reverse("projects:cohort-detail", kwargs={"slug": item.slug})


class PersonSitemap(Sitemap):
    """People who consented to appear publicly, only."""

    changefreq = "monthly"

    def items(self):
        from cohorts.selectors import person_public_list

        return person_public_list().prefetch_related(None)

    def location(self, item) -> str:
        return reverse("projects:person-detail", kwargs={"slug": item.slug})


SITEMAPS = {
    "pages": WagtailSitemap,
    "donnees": DataListSitemap,
    "defis": ChallengeSitemap,
    "promotions": CohortSitemap,
    "communaute": PersonSitemap,
}
