"""The news feed (RSS) and sitemap.xml."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings

from cms.models import NewsIndexPage, NewsPage
from tests.factories import ChallengeFactory, CohortFactory, PersonFactory

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_news_feed_lists_published_news_newest_first_with_absolute_links(client, public_site):
    NewsIndexPage.objects.get().add_child(
        instance=NewsPage(
            title="Brouillon",
            slug="brouillon",
            date=datetime.date(2030, 1, 1),
            intro="…",
            live=False,
        )
    )

    response = client.get("/actualites/rss/")
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")

    assert response["Content-Type"].startswith("application/rss+xml")
    assert channel.findtext("title") == "Actualités des Entrepreneurs d'intérêt général"
    assert [item.findtext("title") for item in items] == [
        "Les données du programme de 2017 à 2020 sont ouvertes",
        "La promotion EIG 4 relève ses défis",
        "Des designers d'intérêt général rejoignent le programme",
    ]
    assert items[1].findtext("link") == "http://testserver/actualites/promotion-eig-4/"
    assert items[1].findtext("pubDate").startswith("Mon, 03 Feb 2020")


def test_sitemap_index_lists_pages_and_program_data_sections(client, public_site):
    response = client.get("/sitemap.xml")
    locations = [
        node.text for node in ET.fromstring(response.content).findall("s:sitemap/s:loc", SITEMAP_NS)
    ]

    assert locations == [
        f"http://testserver/sitemap-{section}.xml"
        for section in ["pages", "donnees", "defis", "promotions", "communaute"]
    ]


def test_sitemap_lists_site_pages_and_public_data(client, public_site):
    cohort = CohortFactory(name="EIG 2", number=2)
    ChallengeFactory(cohort=cohort, title="Archifiltre")
    ChallengeFactory(cohort=cohort, title="Pas publié", draft=True)
    PersonFactory(slug="ada-lovelace")
    PersonFactory(slug="sans-consentement", private=True)

    def locations(section: str) -> list[str]:
        response = client.get(f"/sitemap-{section}.xml")
        return [
            node.text for node in ET.fromstring(response.content).findall("s:url/s:loc", SITEMAP_NS)
        ]

    # Pages carry the site's canonical address (SITE_URL), set by setup_site.
    assert f"{settings.SITE_URL}/mentions-legales/" in locations("pages")
    assert "http://testserver/chiffres-cles/" in locations("donnees")
    assert locations("defis") == ["http://testserver/defis/eig-2/archifiltre/"]
    assert locations("promotions") == ["http://testserver/promotions/eig-2/"]
    assert locations("communaute") == ["http://testserver/communaute/ada-lovelace/"]
