"""The site search: pages, public challenges and people who consented to appear."""

import html
import re

import pytest

from tests.factories import ChallengeFactory, CohortFactory, PersonFactory

pytestmark = pytest.mark.django_db


def result_titles(response, section: str) -> list[str]:
    """The link texts of one section of the results page."""
    page = response.content.decode()
    match = re.search(rf'<h2 id="results-{section}">.*?</section>', page, flags=re.S)
    if match is None:
        return []
    return [
        html.unescape(text)
        for text in re.findall(r"<a href=\"[^\"]+\">([^<]+)</a>", match.group(0))
    ]


def test_search_finds_site_pages(client, public_site):
    response = client.get("/recherche/", {"q": "accessibilité"})

    assert "Déclaration d'accessibilité" in result_titles(response, "pages")


def test_search_finds_public_challenges_only(client, public_site):
    cohort = CohortFactory(name="EIG 4", number=4)
    ChallengeFactory(cohort=cohort, title="Datafin", summary="Les finances publiques ouvertes.")
    ChallengeFactory(cohort=cohort, title="Datafin brouillon", draft=True)

    response = client.get("/recherche/", {"q": "datafin"})

    assert result_titles(response, "challenges") == ["Datafin"]
    assert 'href="/defis/eig-4/datafin/"' in response.content.decode()


def test_search_finds_only_people_who_consented_to_appear(client, public_site):
    PersonFactory(full_name="Camille Martin", slug="camille-martin")
    PersonFactory(full_name="Camille Bernard", slug="camille-bernard", private=True)

    response = client.get("/recherche/", {"q": "camille"})

    assert result_titles(response, "people") == ["Camille Martin"]
    assert "Bernard" not in response.content.decode()


def test_search_says_how_many_results_it_found(client, public_site):
    response = client.get("/recherche/", {"q": "aucun-résultat-possible"})

    assert "0 résultat" in response.content.decode()


def test_empty_search_shows_the_form_only(client, public_site):
    response = client.get("/recherche/")
    page = response.content.decode()

    assert response.status_code == 200
    assert 'id="search-page-input"' in page
    assert "résultat" not in page


def test_header_search_bar_keeps_the_query(client, public_site):
    response = client.get("/recherche/", {"q": "données"})

    assert re.search(
        r'id="header-search-input" name="q" value="données"', response.content.decode()
    )


def test_search_ignores_accents_and_case_both_ways(client, public_site):
    cohort = CohortFactory(name="EIG 4", number=4)
    ChallengeFactory(cohort=cohort, title="Élysée numérique", summary="Le cœur de l'État.")
    PersonFactory(full_name="Hélène Émery", slug="helene-emery")

    by_plain_words = client.get("/recherche/", {"q": "ELYSEE helene"})
    by_accented_words = client.get("/recherche/", {"q": "numériqué coeur"})
    by_person = client.get("/recherche/", {"q": "helene emery"})

    assert result_titles(by_plain_words, "challenges") == []  # every word must match
    assert result_titles(client.get("/recherche/", {"q": "elysee"}), "challenges") == [
        "Élysée numérique"
    ]
    assert result_titles(by_accented_words, "challenges") == ["Élysée numérique"]
    assert result_titles(by_person, "people") == ["Hélène Émery"]


def test_search_finds_site_pages_without_their_accents(client, public_site):
    response = client.get("/recherche/", {"q": "DECLARATION accessibilite"})

    assert "Déclaration d'accessibilité" in result_titles(response, "pages")


@pytest.mark.parametrize(
    ("body", "query"),
    [
        ("Les écureuils et les hérissons du jardin public.", "ecureuils herissons"),
        ("Sans accent ici : les ecureuils et les herissons.", "écureuils hérissons"),
    ],
)
def test_search_finds_words_of_page_bodies_whatever_their_accents(client, public_site, body, query):
    from cms.models import ContentPage

    public_site.add_child(
        instance=ContentPage(
            title="Une page de contenu",
            slug="une-page",
            body=[{"type": "paragraph", "value": f"<p>{body}</p>"}],
        )
    )

    response = client.get("/recherche/", {"q": query})

    assert result_titles(response, "pages") == ["Une page de contenu"]
