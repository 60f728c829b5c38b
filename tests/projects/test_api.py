"""The read-only JSON API: promotions, challenges (with filters), administrations, people who
consented; paginated, with the licence and source in its description and every answer."""

import json

import pytest

from cohorts.models import Profile
from projects.models import ChallengeStatus
from tests.factories import (
    AdministrationFactory,
    ChallengeFactory,
    CohortFactory,
    FellowshipFactory,
    PersonFactory,
    SkillFactory,
    TeamMembershipFactory,
)
from tests.public_data import a_full_challenge, get_query_count, many_full_challenges

pytestmark = pytest.mark.django_db

LISTS = ["/api/promotions", "/api/defis", "/api/administrations", "/api/personnes"]


def get_json(client, url: str, **params) -> dict:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def titles(client, **params) -> set[str]:
    return {record["titre"] for record in get_json(client, "/api/defis", **params)["resultats"]}


def test_openapi_description_lists_the_endpoints_and_names_the_licence(client, settings):
    schema = get_json(client, "/api/openapi.json")

    assert set(LISTS) <= set(schema["paths"])
    assert settings.EIG_DATA_LICENCE_URL in schema["info"]["description"]
    assert settings.EIG_DATA_CREDIT in schema["info"]["description"]
    parameters = {p["name"] for p in schema["paths"]["/api/defis"]["get"]["parameters"]}
    assert {
        "promotion",
        "annee",
        "administration",
        "thematique",
        "competence",
        "etat",
        "q",
        "page",
    } <= parameters


def test_api_documentation_page_is_served_from_the_site_itself(client):
    response = client.get("/api/docs")

    content = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in content
    assert "cdn." not in content


@pytest.mark.parametrize("url", LISTS)
def test_every_api_answer_carries_licence_source_and_pagination(client, settings, url):
    a_full_challenge()

    data = get_json(client, url)

    assert data["licence"]["url"] == settings.EIG_DATA_LICENCE_URL
    assert data["source"]["credit"] == settings.EIG_DATA_CREDIT
    assert data["page"] == 1 and data["pages"] == 1
    assert data["nombre"] == len(data["resultats"]) >= 1
    assert data["suivant"] is None and data["precedent"] is None


def test_challenge_list_is_paginated_by_fifty_with_links_to_the_next_page(client, settings):
    cohort = CohortFactory()
    for number in range(55):
        ChallengeFactory(cohort=cohort, title=f"Défi {number:02d}")

    first = get_json(client, "/api/defis", promotion=cohort.slug)
    second = get_json(client, "/api/defis", promotion=cohort.slug, page=2)

    assert (first["nombre"], first["pages"], len(first["resultats"])) == (55, 2, 50)
    assert first["suivant"] == f"{settings.SITE_URL}/api/defis?promotion={cohort.slug}&page=2"
    assert len(second["resultats"]) == 5
    assert second["suivant"] is None and second["precedent"].endswith("page=1")
    assert client.get("/api/defis", {"page": 3}).status_code == 404
    assert client.get("/api/defis", {"page": 0}).status_code == 422


def test_challenge_filters_of_the_api_match_the_list_page(client):
    eig2 = CohortFactory(slug="eig-2", name="EIG 2", number=2, year=2018)
    ministry = AdministrationFactory(name="Ministère de la Culture")
    direction = AdministrationFactory(name="Direction des musées", parent=ministry)
    dev = SkillFactory(code="dev", name="Développement")
    museum = ChallengeFactory(
        title="Collections ouvertes",
        cohort=eig2,
        administrations=[direction],
        status=ChallengeStatus.IN_PROGRESS,
    )
    museum.skills.add(dev)
    ChallengeFactory(
        title="Autre défi",
        summary="Une histoire de données",
        cohort=CohortFactory(slug="eig-3", name="EIG 3", number=3, year=2019),
    )

    assert titles(client, promotion="eig-2") == {"Collections ouvertes"}
    assert titles(client, annee=2018) == {"Collections ouvertes"}
    assert titles(client, administration=ministry.pk) == {"Collections ouvertes"}
    assert titles(client, competence="dev") == {"Collections ouvertes"}
    assert titles(client, etat="in_progress") == {"Collections ouvertes"}
    assert titles(client, q="musées") == {"Collections ouvertes"}
    assert titles(client, q="histoire") == {"Autre défi"}
    assert client.get("/api/defis", {"etat": "draft"}).status_code == 422


def test_challenge_detail_of_the_api(client):
    challenge = a_full_challenge(title="Lexiq")

    data = get_json(client, f"/api/defis/{challenge.cohort.slug}/{challenge.slug}")

    assert data["resultat"]["titre"] == "Lexiq"
    assert data["licence"]["nom"].startswith("Licence Ouverte")


def test_api_never_answers_with_drafts_or_unpublished_challenges(client):
    draft = ChallengeFactory(
        title="Brouillon secret",
        draft=True,
        administrations=[AdministrationFactory(name="Hôte caché")],
    )
    ChallengeFactory(title="Non publié secret", is_published=False)
    ChallengeFactory(title="Défi public")

    answers = "".join(client.get(url).content.decode() for url in LISTS)

    assert "Défi public" in answers
    for secret in ("Brouillon secret", "Non publié secret", "Hôte caché"):
        assert secret not in answers
    assert client.get(f"/api/defis/{draft.cohort.slug}/{draft.slug}").status_code == 404


def test_api_lists_only_people_who_consented_with_minimal_fields(client, settings):
    shown = PersonFactory(
        full_name="Alice Martin", slug="alice-martin", email="alice@example.fr", biography="Bio"
    )
    FellowshipFactory(
        person=shown, cohort=CohortFactory(number=901, slug="eig-901"), profile=Profile.DEVELOPER
    )
    hidden = PersonFactory(full_name="Camille Secrète", slug="camille-secrete", private=True)
    FellowshipFactory(person=hidden)
    TeamMembershipFactory(person=hidden)

    people = get_json(client, "/api/personnes")["resultats"]
    answers = "".join(client.get(url).content.decode() for url in LISTS)

    assert people == [
        {
            "nom": "Alice Martin",
            "identifiant": "alice-martin",
            "url": f"{settings.SITE_URL}/communaute/alice-martin/",
            "parcours": [{"promotion": "eig-901", "profil": "Développeur ou développeuse"}],
        }
    ]
    assert "Camille Secrète" not in answers
    assert "camille-secrete" not in answers
    assert "alice@example.fr" not in answers


def test_api_keeps_html_in_texts_as_inert_text(client):
    title = '<script>alert("titre")</script>'
    ChallengeFactory(title=title, slug="defi-script")

    raw = client.get("/api/defis").content.decode()

    assert json.loads(raw)["resultats"][0]["titre"] == title
    assert "<script>" not in raw


@pytest.mark.parametrize("url", LISTS)
def test_api_list_query_count_does_not_grow_with_challenges(client, url):
    a_full_challenge()
    one = get_query_count(client, url)

    many_full_challenges(49)
    fifty = get_query_count(client, url)

    assert one == fifty
    assert (
        one
        == {"/api/promotions": 4, "/api/defis": 9, "/api/administrations": 4, "/api/personnes": 3}[
            url
        ]
    )


@pytest.mark.parametrize(
    "url", ["/api/defis", "/api/promotions", "/api/openapi.json", "/api/defis/eig-0/inconnu"]
)
def test_api_answers_may_be_read_by_scripts_of_any_web_site(client, url):
    response = client.get(url, HTTP_ORIGIN="https://example.org")

    assert response.status_code in (200, 404)
    assert response["Access-Control-Allow-Origin"] == "*"


def test_api_accepts_no_write(client):
    response = client.post("/api/defis", {}, HTTP_ORIGIN="https://example.org")

    assert response.status_code == 405
    assert not response.has_header("Access-Control-Allow-Origin")


def test_a_parameter_of_the_wrong_type_is_explained_in_french_for_each_parameter(client):
    response = client.get("/api/defis", {"page": "deux", "etat": "perdu"})

    assert response.status_code == 422
    data = json.loads(response.content)
    assert data["detail"] == "Un ou plusieurs paramètres ne sont pas valides."
    messages = {error["parametre"]: error["message"] for error in data["erreurs"]}
    assert messages["page"] == "Un nombre entier est attendu."
    assert messages["etat"].startswith("Valeur non autorisée")


def test_a_refused_character_in_the_api_is_a_json_bad_request_in_french(client):
    response = client.get("/api/defis", {"q": "a\x00b"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "caractère" in json.loads(response.content)["detail"]
