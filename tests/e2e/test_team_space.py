"""A fellow's journey through the team space in a real browser: log in, write a progress report
(a first attempt with an error keeps what was typed), find it in the challenge's history; axe
finds no accessibility violation on the team pages."""

import datetime

import icalendar
import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from cohorts.models import AttendanceStatus, EventKind
from projects.models import ProgressReport, TeamRole
from tests.factories import ChallengeFactory, CohortFactory
from tests.program_life_factories import AttendanceFactory, EventFactory, team_member

PASSWORD = "correct horse battery staple"


@pytest.fixture
def fellow(public_site):
    cohort = CohortFactory(name="EIG 9", slug="eig-9", number=9, year=2026)
    challenge = ChallengeFactory(cohort=cohort, title="Signaux faibles", slug="signaux-faibles")
    user = team_member(challenge=challenge, username="alice", full_name="Alice Martin")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    team_member(challenge=challenge, role=TeamRole.MENTOR, username="bruno")
    event = EventFactory(
        cohort=cohort,
        kind=EventKind.SEMINAR,
        title="Séminaire de printemps",
        starts_at=timezone.now() + datetime.timedelta(days=10),
        place="Marseille",
    )
    AttendanceFactory(event=event, person=user.person, status=AttendanceStatus.EXCUSED)
    return user


def assert_accessible(page, axe) -> None:
    violations = axe(page)
    assert violations == [], axe.describe(violations)


def test_fellow_writes_a_progress_report_and_sees_it(live_server, page, axe, fellow):
    page.goto(live_server.url + "/comptes/login/")
    page.locator("input[name=login]").fill(fellow.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(live_server.url + "/")

    page.get_by_role("link", name="Espace équipe").first.click()
    page.wait_for_url("**/equipe/")
    assert page.get_by_role("heading", level=1).inner_text() == "Espace équipe"
    assert page.get_by_text("Séminaire de printemps").is_visible()
    assert page.get_by_text("Excusé ou excusée").is_visible()
    assert_accessible(page, axe)

    with page.expect_navigation():
        page.get_by_role("link", name="Signaux faibles").click()
    assert_accessible(page, axe)
    with page.expect_navigation():
        page.get_by_role("link", name="Écrire un point d'avancement").click()
    assert_accessible(page, axe)

    # A first attempt without the mood: the error shows, what was typed stays.
    page.get_by_label("Avancement").fill("Le tableau de bord est en test à Lyon.")
    page.get_by_label("Difficultés et blocages").fill("L'accès aux données tarde.")
    page.get_by_role("button", name="Enregistrer le point").click()
    assert page.get_by_text("Choisissez le moral de l'équipe.").is_visible()
    assert page.get_by_label("Avancement").input_value() == "Le tableau de bord est en test à Lyon."
    assert_accessible(page, axe)

    page.get_by_text("4 — Bien", exact=True).click()  # DSFR draws the radio on its label
    page.get_by_role("button", name="Enregistrer le point").click()

    assert page.get_by_text("Votre point d'avancement est enregistré.").is_visible()
    assert page.get_by_text("Le tableau de bord est en test à Lyon.").is_visible()
    assert page.get_by_text("L'accès aux données tarde.").is_visible()
    assert_accessible(page, axe)
    report = ProgressReport.objects.get()
    assert report.author_user == fellow


def test_mentor_records_the_challenges_results(live_server, page, axe, fellow):
    mentor = fellow.person.memberships.get().challenge.memberships.get(role=TeamRole.MENTOR)
    user = mentor.person.user
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    page.goto(live_server.url + "/comptes/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(live_server.url + "/")

    page.goto(live_server.url + f"/equipe/defis/{mentor.challenge_id}/")
    page.get_by_role("link", name="Renseigner les résultats et le devenir").click()
    page.wait_for_url(live_server.url + f"/equipe/defis/{mentor.challenge_id}/resultats/")
    assert_accessible(page, axe)
    page.get_by_label("Devenir après le programme").select_option(label="Essaimé ailleurs")
    page.locator("input[name='chiffres-0-amount']").fill("1300")
    page.locator("input[name='chiffres-0-description']").fill("entreprises suivies")
    page.get_by_role("button", name="Enregistrer les résultats").click()

    assert page.get_by_text("Les résultats du défi sont enregistrés.").is_visible()
    challenge = mentor.challenge
    challenge.refresh_from_db()
    assert challenge.outcome == "replicated"
    assert challenge.key_figures.get().description == "entreprises suivies"


def test_fellow_adds_the_feed_of_their_events_to_a_calendar(live_server, page, axe, fellow):
    page.goto(live_server.url + "/comptes/login/")
    page.locator("input[name=login]").fill(fellow.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(live_server.url + "/")

    page.goto(live_server.url + "/equipe/")
    page.get_by_role("button", name="Obtenir l'adresse de mon calendrier").click()
    assert page.get_by_text("L'adresse de votre calendrier est prête.").is_visible()
    assert_accessible(page, axe)
    address = page.get_by_label("Adresse de mon calendrier").input_value()

    # A calendar application fetches the address on its own, without the session.
    feed = page.context.browser.new_context().request.get(address)
    assert feed.status == 200
    events = icalendar.Calendar.from_ical(feed.body()).walk("VEVENT")
    assert [str(event["summary"]) for event in events] == ["Séminaire de printemps"]
    assert str(events[0]["location"]) == "Marseille"

    # Renewed, the former address stops answering.
    page.get_by_role("button", name="Renouveler l'adresse").click()
    assert page.get_by_label("Adresse de mon calendrier").input_value() != address
    assert page.context.browser.new_context().request.get(address).status == 404
