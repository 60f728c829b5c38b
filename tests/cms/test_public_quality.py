"""What the site's own pages must show whatever the data: a query count that does not grow with
the challenges, and HTML typed into a title, a name or a biography shown as text."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from cms.models import NewsIndexPage, NewsPage
from tests.factories import ChallengeFactory, CohortFactory, PersonFactory
from tests.public_data import a_full_challenge, get_query_count, many_full_challenges

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>'
ESCAPED_SCRIPT = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/actualites/",
        "/recherche/?q=d%C3%A9fi",
        "/plan-du-site/",
        "/sitemap.xml",
        "/sitemap-defis.xml",
        "/sitemap-communaute.xml",
        "/actualites/rss/",
    ],
)
def test_site_page_query_count_is_the_same_for_1_and_50_challenges(client, public_site, url):
    cohort = CohortFactory()
    a_full_challenge(cohort=cohort, title="Un défi")
    one = get_query_count(client, url)

    many_full_challenges(49, cohort=cohort)
    fifty = get_query_count(client, url)

    assert fifty == one


def test_search_results_show_html_in_titles_and_names_as_text(client, public_site):
    ChallengeFactory(title=f"Défi {SCRIPT}", summary=f"Résumé {SCRIPT}")
    PersonFactory(full_name=f"Ada {SCRIPT}", slug="ada")

    page = client.get("/recherche/", {"q": "script"}).content.decode()

    assert SCRIPT not in page
    assert f"Défi {ESCAPED_SCRIPT}" in page
    assert f"Ada {ESCAPED_SCRIPT}" in page


def test_search_query_is_shown_as_text(client, public_site):
    page = client.get("/recherche/", {"q": SCRIPT}).content.decode()

    assert SCRIPT not in page
    assert ESCAPED_SCRIPT in page


def test_news_feed_keeps_html_in_titles_and_intros_as_text(client, public_site):
    NewsIndexPage.objects.get().add_child(
        instance=NewsPage(
            title=f"Nouvelle {SCRIPT}",
            slug="nouvelle-script",
            date=datetime.date(2031, 1, 1),
            intro=f"Chapeau {SCRIPT}",
        )
    )

    response = client.get("/actualites/rss/")
    item = ET.fromstring(response.content).find("channel/item")

    assert SCRIPT not in response.content.decode()
    assert item.findtext("title") == f"Nouvelle {SCRIPT}"
    assert item.findtext("description") == f"Chapeau {SCRIPT}"


def test_sitemap_stays_well_formed_with_html_in_titles(client, public_site):
    cohort = CohortFactory(name=f"EIG {SCRIPT}", slug="eig-9", number=9)
    ChallengeFactory(cohort=cohort, title=f"Défi {SCRIPT}", slug="defi-script")

    response = client.get("/sitemap-defis.xml")

    assert "<script>" not in response.content.decode()
    root = ET.fromstring(response.content)
    assert [
        node.text for node in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ] == ["http://testserver/defis/eig-9/defi-script/"]


def test_home_page_shows_html_in_news_and_cohort_names_as_text(client, public_site):
    CohortFactory(
        name=f"EIG {SCRIPT}",
        challenges_call_opens=datetime.date(2000, 1, 1),
        challenges_call_closes=None,
    )
    NewsIndexPage.objects.get().add_child(
        instance=NewsPage(
            title=f"Nouvelle {SCRIPT}",
            slug="nouvelle-script",
            date=datetime.date(2031, 1, 1),
            intro=f"Chapeau {SCRIPT}",
        )
    )

    page = client.get("/").content.decode()

    assert SCRIPT not in page
    assert f"Nouvelle {ESCAPED_SCRIPT}" in page
    assert f"Appel à défis — EIG {ESCAPED_SCRIPT}" in page
