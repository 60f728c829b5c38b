"""A visitor's journey through the program's data in a real browser — home, challenge list,
filter, challenge, person — and no accessibility violation that axe-core detects on each kind of
data page."""

import pytest

from cohorts.models import Profile
from projects.models import TeamRole
from tests.factories import (
    AdministrationFactory,
    ChallengeFactory,
    ChallengeLinkFactory,
    CohortFactory,
    FellowshipFactory,
    KeyFigureFactory,
    PersonFactory,
    SkillFactory,
    TeamMembershipFactory,
)


@pytest.fixture
def program(public_site):
    """Two promotions; the EIG 2 challenge has a full team (one member without consent), key
    figures and links, under a ministry's direction."""
    eig1 = CohortFactory(name="EIG 1", slug="eig-1", number=1, year=2017)
    eig2 = CohortFactory(name="EIG 2", slug="eig-2", number=2, year=2018)
    ministry = AdministrationFactory(name="Ministère de l'Économie")
    direction = AdministrationFactory(name="Direction générale des entreprises", parent=ministry)
    challenge = ChallengeFactory(
        cohort=eig2,
        title="Signaux faibles",
        slug="signaux-faibles",
        summary="Détecter les entreprises en difficulté.",
        body="### La problématique\n\nRepérer **plus tôt** les entreprises fragiles.",
        administrations=[direction],
    )
    challenge.skills.add(SkillFactory(code="datascience", name="Science des données"))
    ChallengeFactory(cohort=eig1, title="Lexiq", slug="lexiq", summary="Le droit, lisible.")
    alice = PersonFactory(
        full_name="Alice Martin", slug="alice-martin", biography="Data scientist **engagée**."
    )
    FellowshipFactory(person=alice, cohort=eig2, profile=Profile.DATA_SCIENTIST)
    TeamMembershipFactory(challenge=challenge, person=alice, role=TeamRole.FELLOW)
    TeamMembershipFactory(
        challenge=challenge, person=PersonFactory(full_name="Camille Secrète", private=True)
    )
    TeamMembershipFactory(
        challenge=challenge, person=PersonFactory(full_name="Bruno Petit"), role=TeamRole.MENTOR
    )
    KeyFigureFactory(challenge=challenge, amount=1300, description="entreprises suivies")
    ChallengeLinkFactory(challenge=challenge, url="https://github.com/signaux-faibles")
    return challenge


def assert_accessible(page, axe) -> None:
    violations = axe(page)
    assert violations == [], axe.describe(violations)


def test_visitor_goes_from_home_to_a_filtered_challenge_then_to_a_person(
    page, live_server, axe, program
):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Les défis"
    ).first.click()
    page.wait_for_url("**/defis/")
    assert page.locator("h1").inner_text() == "Les défis"
    assert page.get_by_role("heading", name="2 défis").is_visible()
    assert_accessible(page, axe)

    page.get_by_label("Promotion").select_option(label="EIG 2")
    page.get_by_role("button", name="Afficher les défis").click()
    page.wait_for_url("**/defis/?*promotion=eig-2*")
    assert page.get_by_role("heading", name="1 défi", exact=True).is_visible()
    assert page.get_by_role("link", name="Lexiq").count() == 0
    assert_accessible(page, axe)

    page.get_by_role("link", name="Signaux faibles").click()
    page.wait_for_url("**/defis/eig-2/signaux-faibles/")
    assert page.locator("h1").inner_text() == "Signaux faibles"
    content = page.locator("main").inner_text()
    assert "Ministère de l'Économie › Direction générale des entreprises" in content
    assert "Camille Secrète" not in content
    assert "Et 1 autre membre de l'équipe." in content
    assert_accessible(page, axe)

    page.get_by_role("link", name="Alice Martin").click()
    page.wait_for_url("**/communaute/alice-martin/")
    assert page.locator("h1").inner_text() == "Alice Martin"
    assert page.get_by_role("link", name="Signaux faibles").is_visible()
    assert_accessible(page, axe)


@pytest.mark.parametrize(
    "path, heading",
    [
        ("/promotions/", "Les promotions"),
        ("/promotions/eig-2/", "EIG 2"),
        ("/chiffres-cles/", "Chiffres clés"),
        ("/donnees/", "Données ouvertes"),
        ("/defis/?promotion=inconnue", "Les défis"),
    ],
    ids=["cohort list", "cohort", "key figures", "open data", "list with a filter error"],
)
def test_data_page_has_no_accessibility_violation(page, live_server, axe, program, path, heading):
    response = page.goto(live_server.url + path)

    assert response.status == 200
    assert page.locator("h1").inner_text() == heading
    assert_accessible(page, axe)
