"""The open data page and its downloads: challenges, promotions and administrations as CSV
and JSON, each with the licence and the source credit."""

import csv
import io
import json

import pytest
from django.urls import reverse

from projects.models import TeamRole
from tests.factories import (
    AdministrationFactory,
    ChallengeFactory,
    CohortFactory,
    FellowshipFactory,
    KeyFigureFactory,
    PersonFactory,
    TeamMembershipFactory,
)
from tests.public_data import a_full_challenge, get_query_count, many_full_challenges

pytestmark = pytest.mark.django_db

KINDS = ["defis", "promotions", "administrations"]
FORMATS = ["csv", "json"]


def export_url(kind: str, format: str) -> str:
    return reverse("projects:export", kwargs={"kind": kind, "format": format})


def download_csv(client, kind: str) -> list[dict[str, str]]:
    response = client.get(export_url(kind, "csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert not text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def download_json(client, kind: str) -> dict:
    response = client.get(export_url(kind, "json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


def test_export_urls_are_french_paths():
    assert export_url("defis", "csv") == "/donnees/defis.csv"
    assert export_url("administrations", "json") == "/donnees/administrations.json"


def test_open_data_page_links_every_download_and_the_api(client, settings):
    content = client.get(reverse("projects:open-data")).content.decode()

    for kind in KINDS:
        for format in FORMATS:
            assert f'href="{export_url(kind, format)}"' in content
    assert 'href="/api/docs"' in content
    assert settings.EIG_DATA_LICENCE_URL in content
    assert "séparateur virgule" in content


def test_challenge_csv_has_one_line_per_public_challenge_with_its_team_and_credit(client, settings):
    challenge = ChallengeFactory(
        title="Signaux faibles",
        cohort=CohortFactory(slug="eig-2", name="EIG 2", number=2, year=2018),
        administrations=[AdministrationFactory(name="DGE")],
    )
    alice = PersonFactory(full_name="Alice Martin")
    FellowshipFactory(person=alice, cohort=challenge.cohort)
    TeamMembershipFactory(challenge=challenge, person=alice)
    KeyFigureFactory(challenge=challenge, amount=42, description="agents formés")

    rows = download_csv(client, "defis")

    assert len(rows) == 1
    row = rows[0]
    assert row["titre"] == "Signaux faibles"
    assert row["promotion"] == "eig-2"
    assert row["annee"] == "2018"
    assert row["administrations"] == "DGE"
    assert row["eig"] == "Alice Martin (Développeur ou développeuse)"
    assert row["chiffres_cles"] == "42 agents formés"
    assert row["url"] == f"{settings.SITE_URL}/defis/eig-2/{challenge.slug}/"
    assert settings.EIG_DATA_LICENCE_URL in row["licence"]
    assert row["source"] == settings.EIG_DATA_CREDIT


def test_downloads_carry_a_licence_link_header(client, settings):
    response = client.get(export_url("promotions", "csv"))

    assert f'<{settings.EIG_DATA_LICENCE_URL}>; rel="license"' in response["Link"]
    assert 'attachment; filename="eig-promotions.csv"' == response["Content-Disposition"]


def test_challenge_json_has_licence_source_and_structured_records(client, settings):
    challenge = a_full_challenge(title="Lexiq")

    data = download_json(client, "defis")

    assert data["licence"]["url"] == settings.EIG_DATA_LICENCE_URL
    assert data["source"]["credit"] == settings.EIG_DATA_CREDIT
    assert data["nombre"] == 1
    record = data["resultats"][0]
    assert record["titre"] == "Lexiq"
    assert record["identifiant"] == challenge.slug
    assert len(record["administrations"]) == 2
    assert [member["profil"] for member in record["eig"]] == ["Data scientist"]
    assert record["eig_non_nommes"] == 1
    assert len(record["mentors"]) == 1 and len(record["porteurs"]) == 1
    assert record["chiffres_cles"] == [
        {"valeur": 42, "prefixe": "", "suffixe": "", "description": "agents formés"}
    ]
    assert {link["nature"] for link in record["liens"]} == {"source_code", "website"}


def test_promotion_and_administration_downloads_count_public_challenges_only(client):
    cohort = CohortFactory(slug="eig-3", name="EIG 3", number=3)
    ministry = AdministrationFactory(name="Ministère de la Justice")
    direction = AdministrationFactory(name="Direction des affaires civiles", parent=ministry)
    ChallengeFactory(cohort=cohort, administrations=[direction])
    ChallengeFactory(
        cohort=cohort, draft=True, administrations=[AdministrationFactory(name="Brouillonnerie")]
    )

    promotions = download_json(client, "promotions")["resultats"]
    administrations = download_csv(client, "administrations")

    assert [(p["identifiant"], p["nombre_defis"]) for p in promotions] == [("eig-3", 1)]
    assert [(a["nom"], a["rattachement"], a["nombre_defis"]) for a in administrations] == [
        ("Ministère de la Justice", "", "0"),
        ("Direction des affaires civiles", str(ministry.pk), "1"),
    ]


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_downloads_never_contain_drafts_or_people_without_consent(client, kind, format):
    shown = ChallengeFactory(administrations=[AdministrationFactory(name="Hôte public")])
    hidden_person = PersonFactory(full_name="Camille Secrète", slug="camille-secrete", private=True)
    TeamMembershipFactory(challenge=shown, person=hidden_person)
    TeamMembershipFactory(challenge=shown, person=hidden_person, role=TeamRole.MENTOR)
    FellowshipFactory(person=hidden_person, cohort=shown.cohort)
    ChallengeFactory(
        title="Brouillon secret",
        slug="brouillon-secret",
        draft=True,
        summary="Résumé caché",
        administrations=[AdministrationFactory(name="Administration du brouillon")],
    )
    ChallengeFactory(title="Non publié secret", is_published=False)

    content = client.get(export_url(kind, format)).content.decode()

    for secret in (
        "Brouillon secret",
        "brouillon-secret",
        "Résumé caché",
        "Administration du brouillon",
        "Non publié secret",
        "Camille Secrète",
        "camille-secrete",
    ):
        assert secret not in content


def test_csv_defuses_cells_a_spreadsheet_would_run_as_formulas(client):
    ChallengeFactory(title='=HYPERLINK("http://evil.example","clic")', slug="formule")
    ChallengeFactory(title="+33 défis", slug="plus", summary="@SUM(A1:A2)")
    ChallengeFactory(title="-1 an", slug="moins", summary="Normal")

    rows = {row["identifiant"]: row for row in download_csv(client, "defis")}

    assert rows["formule"]["titre"] == '\'=HYPERLINK("http://evil.example","clic")'
    assert rows["plus"]["titre"] == "'+33 défis"
    assert rows["plus"]["resume"] == "'@SUM(A1:A2)"
    assert rows["moins"]["titre"] == "'-1 an"
    assert rows["moins"]["resume"] == "Normal"


def test_downloads_keep_html_in_texts_as_inert_text(client):
    title = '<script>alert("titre")</script>'
    ChallengeFactory(title=title, slug="defi-script", summary="<b>gras</b> & co")

    rows = download_csv(client, "defis")
    raw_json = client.get(export_url("defis", "json")).content.decode()
    record = json.loads(raw_json)["resultats"][0]

    assert rows[0]["titre"] == title
    assert record["titre"] == title
    assert record["resume"] == "<b>gras</b> & co"
    assert "<script>" not in raw_json
    assert "<b>" not in raw_json
    assert "\\u003cscript\\u003e" in raw_json


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_download_query_count_does_not_grow_with_challenges(client, kind, format):
    a_full_challenge()
    one = get_query_count(client, export_url(kind, format))

    many_full_challenges(49)
    fifty = get_query_count(client, export_url(kind, format))

    assert one == fifty
    assert one == {"defis": 8, "promotions": 3, "administrations": 4}[kind]


def test_an_empty_csv_still_has_its_header_line(client):
    rows = client.get(export_url("defis", "csv")).content.decode().splitlines()

    assert rows == [
        "promotion,promotion_nom,annee,identifiant,titre,resume,url,administrations,ville,"
        "duree_mois,etat,thematiques,competences,eig,eig_non_nommes,mentors,mentors_non_nommes,"
        "porteurs,porteurs_non_nommes,chiffres_cles,liens,devenir,precisions_devenir,licence,"
        "source"
    ]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("format", FORMATS)
def test_downloads_may_be_read_by_scripts_of_any_web_site(client, kind, format):
    a_full_challenge()

    first = client.get(export_url(kind, format), HTTP_ORIGIN="https://example.org")
    cached = client.get(export_url(kind, format), HTTP_ORIGIN="https://example.org")

    assert first["Access-Control-Allow-Origin"] == "*"
    assert cached["Access-Control-Allow-Origin"] == "*"


def test_open_data_page_itself_is_not_opened_to_other_sites(client):
    response = client.get(reverse("projects:open-data"))

    assert not response.has_header("Access-Control-Allow-Origin")
