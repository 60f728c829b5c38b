"""The public site's frame and its Wagtail pages, as a visitor reads them."""

import datetime
import html as html_lib
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.views.defaults import server_error

from cms.models import ContentPage, NewsIndexPage, NewsPage, SiteSettings
from tests.factories import (
    ChallengeFactory,
    CohortFactory,
    FellowshipFactory,
)

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    """The page's visible text, tags removed and spaces collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_setup_site_creates_the_page_tree_and_the_footer_links(public_site):
    titles = list(public_site.get_children().live().values_list("title", flat=True))
    settings = SiteSettings.objects.get()

    assert titles == [
        "Questions fréquentes des candidats",
        "Questions fréquentes des administrations",
        "Contact",
        "Mentions légales",
        "Données personnelles",
        "Déclaration d'accessibilité",
        "Actualités",
    ]
    assert NewsPage.objects.live().count() == 3
    assert settings.legal_notice_page.slug == "mentions-legales"
    assert settings.accessibility_page.slug == "accessibilite"
    assert settings.get_accessibility_status_display() == "non conforme"


def test_setup_site_run_twice_keeps_pages_and_staff_edits(public_site):
    legal = ContentPage.objects.get(slug="mentions-legales")
    legal.title = "Mentions légales du programme"
    legal.save_revision().publish()

    out = StringIO()
    call_command("setup_site", stdout=out)

    assert "0 page(s) créée(s)" in out.getvalue()
    assert ContentPage.objects.count() == 6
    assert NewsPage.objects.count() == 3
    assert ContentPage.objects.get(slug="mentions-legales").title == "Mentions légales du programme"


def test_every_page_has_the_main_navigation_search_and_mandatory_footer_links(client, public_site):
    html = client.get("/faq-candidats/").content.decode()

    for label, url in [
        ("Accueil", "/"),
        ("Les défis", "/defis/"),
        ("Les promotions", "/promotions/"),
        ("Chiffres clés", "/chiffres-cles/"),
        ("Actualités", "/actualites/"),
        ("Données ouvertes", "/donnees/"),
        ("Candidats", "/faq-candidats/"),
        ("Administrations", "/faq-administrations/"),
    ]:
        assert re.search(rf'class="fr-nav__link" href="{re.escape(url)}"[^>]*>{label}<', html)
    assert 'action="/recherche/"' in html
    assert '<a class="fr-link" href="#content">Contenu</a>' in html
    assert re.search(r'href="/accessibilite/">Accessibilité : non conforme<', html)
    assert re.search(r'href="/mentions-legales/">Mentions légales<', html)
    assert re.search(r'href="/donnees-personnelles/">Données personnelles<', html)
    assert (
        "Programme Entrepreneurs d'Intérêt Général — Etalab / DINUM, site-eig, mis à jour "
        "le 2022-09-05"
    ) in html_lib.unescape(html)
    assert 'href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/"' in html


def test_main_navigation_marks_the_current_page(client, public_site):
    html = client.get("/faq-administrations/").content.decode()

    assert re.search(r'href="/faq-administrations/" target="_self" aria-current="page"', html)
    assert re.search(r'aria-controls="header-menu-faq" aria-current="true"', html)
    assert not re.search(r'href="/" target="_self" aria-current="page"', html)


def test_data_pages_share_the_site_frame(client, public_site):
    html = client.get("/defis/").content.decode()

    assert re.search(r'href="/defis/" target="_self" aria-current="page">Les défis<', html)
    assert "Accessibilité : non conforme" in html


def test_home_page_shows_the_pitch_open_and_upcoming_calls_and_figures(
    client, public_site, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 3, 10, 12, 0))
    cohort = CohortFactory(
        name="EIG 9",
        year=2026,
        number=9,
        challenges_call_opens=datetime.date(2026, 3, 1),
        challenges_call_closes=datetime.date(2026, 4, 15),
        candidates_call_opens=datetime.date(2026, 6, 1),
        candidates_call_closes=datetime.date(2026, 7, 1),
    )
    CohortFactory(
        name="EIG 8",
        number=8,
        year=2025,
        candidates_call_opens=datetime.date(2025, 6, 1),
        candidates_call_closes=datetime.date(2025, 7, 1),
    )
    ChallengeFactory(cohort=cohort)
    ChallengeFactory(cohort=cohort, draft=True)
    FellowshipFactory(cohort=cohort)

    text = text_of(client.get("/"))

    assert (
        "Le programme Entrepreneurs d'intérêt général fait venir dans les administrations" in text
    )
    assert "Appel à défis — EIG 9 " in text
    assert "Ouvert Du 1er mars 2026 au 15 avril 2026" in text
    assert "Appel à candidatures — EIG 9 " in text
    assert "À venir Du 1er juin 2026 au 1er juillet 2026" in text
    assert "EIG 8" not in text
    assert "2 promotions 1 défi relevé 1 entrepreneur ou designer 1 structure d'accueil" in text


def test_home_page_says_when_no_call_is_open(client, public_site):
    text = text_of(client.get("/"))

    assert "Aucun appel n'est ouvert en ce moment." in text


def test_home_page_shows_the_three_latest_news(client, public_site):
    index = NewsIndexPage.objects.get()
    index.add_child(
        instance=NewsPage(
            title="Bilan de la promotion EIG 4",
            slug="bilan",
            date=datetime.date(2023, 1, 10),
            intro="Dix mois après.",
        )
    )

    text = text_of(client.get("/"))

    assert "Bilan de la promotion EIG 4" in text
    assert "Les données du programme de 2017 à 2020 sont ouvertes" in text
    assert "La promotion EIG 4 relève ses défis" in text
    assert "Des designers d'intérêt général rejoignent le programme" not in text


def test_content_page_shows_its_questions_as_an_accordion(client, public_site):
    response = client.get("/faq-candidats/")
    html = response.content.decode()

    assert "<h1>Questions fréquentes des candidats</h1>" in html
    assert re.search(
        r'<button type="button" class="fr-accordion__btn" aria-expanded="false" '
        r'aria-controls="faq-[\w-]+-1">Qu&#x27;est-ce qu&#x27;un entrepreneur '
        r"d&#x27;intérêt général \?</button>",
        html,
    )
    assert '<ol class="fr-breadcrumb__list">' in html


def test_content_page_renders_every_block_of_the_shared_body(client, public_site):
    page = ContentPage(
        title="Bloc par bloc",
        slug="blocs",
        body=[
            {"type": "paragraph", "value": "<h2>Un intertitre</h2><p>Du texte.</p>"},
            {
                "type": "call_to_action",
                "value": {
                    "title": "Candidatez",
                    "text": "Avant le 1er juin.",
                    "link": {
                        "label": "Voir les défis",
                        "page": None,
                        "url": "https://example.org/defis",
                    },
                },
            },
            {
                "type": "video",
                "value": {
                    "title": "Demo day",
                    "url": "https://example.org/video",
                    "duration": "3 min",
                    "transcript": "Bonjour à tous.",
                },
            },
            {
                "type": "quote",
                "value": {"text": "Un défi utile.", "author": "Une mentore", "source": "Ministère"},
            },
        ],
    )
    public_site.add_child(instance=page)

    text = text_of(client.get("/blocs/"))

    assert "Un intertitre Du texte." in text
    assert "Candidatez Avant le 1er juin. Voir les défis" in text
    assert "Demo day Vidéo, sur le site qui l'héberge. 3 min Transcription Bonjour à tous." in text
    assert "« Un défi utile. » Une mentore Ministère" in text


def test_news_index_lists_published_news_newest_first(client, public_site):
    index = NewsIndexPage.objects.get()
    draft = NewsPage(
        title="Brouillon pas encore publié",
        slug="brouillon",
        date=datetime.date(2030, 1, 1),
        intro="…",
        live=False,
    )
    index.add_child(instance=draft)

    text = text_of(client.get("/actualites/"))

    assert (
        text.index("Les données du programme")
        < text.index("La promotion EIG 4")
        < text.index("Des designers d'intérêt général")
    )
    assert "Brouillon pas encore publié" not in text
    assert "S'abonner au fil RSS des actualités" in text


def test_news_page_shows_its_date_intro_and_body(client, public_site):
    text = text_of(client.get("/actualites/promotion-eig-4/"))

    assert "La promotion EIG 4 relève ses défis Publié le 3 février 2020" in text
    assert "Accueil Actualités La promotion EIG 4 relève ses défis" in text


def test_site_map_lists_the_sections_and_pages(client, public_site):
    text = text_of(client.get("/plan-du-site/"))

    assert "Les défis Les promotions Chiffres clés Actualités Données ouvertes FAQ" in text
    assert "Mentions légales" in text
    assert "La promotion EIG 4 relève ses défis" not in text


def test_unknown_address_gets_the_dsfr_not_found_page(client, public_site):
    response = client.get("/cette-page-n-existe-pas/")
    text = text_of(response)

    assert response.status_code == 404
    assert "Page non trouvée Erreur 404" in text
    assert "Accessibilité : non conforme" in text


def test_server_error_page_renders_without_request_context_or_database(django_assert_num_queries):
    request = RequestFactory().get("/")

    with django_assert_num_queries(0):
        response = server_error(request)

    assert response.status_code == 500
    assert "Erreur inattendue" in text_of(response)
    assert "Erreur 500" in text_of(response)


def count_queries(client, path: str) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # What is kept per site version (the page frame, the home page's data) is read again.
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def add_news(count: int, *, prefix: str) -> None:
    index = NewsIndexPage.objects.get()
    for number in range(count):
        index.add_child(
            instance=NewsPage(
                title=f"{prefix} {number}",
                slug=f"{prefix.lower()}-{number}",
                date=datetime.date(2024, 1, 1) + datetime.timedelta(days=number),
                intro="Une nouvelle.",
            )
        )


@pytest.mark.parametrize("path", ["/", "/actualites/", "/recherche/?q=nouvelle"])
def test_page_query_count_does_not_grow_with_news(client, public_site, settings, path):
    settings.EIG_PUBLIC_CACHE_SECONDS = 0  # Every request renders the page.
    add_news(2, prefix="Nouvelle")
    client.get(path)  # Wagtail's own caches (sites, their root paths) filled once.
    few = count_queries(client, path)

    add_news(8, prefix="Autre")
    many = count_queries(client, path)

    assert many == few
