import datetime
import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from alumni.models import DirectoryProfile, Position, Survey, SurveyInvitation
from cohorts.events import Event
from cohorts.models import (
    ChecklistItem,
    ChecklistRole,
    ChecklistTemplate,
    ChecklistTick,
    Cohort,
    Fellowship,
    Person,
)
from core.spaces import spaces_for
from projects import checklists
from projects import rules as project_rules
from projects.models import (
    Administration,
    AdministrationMembership,
    Challenge,
    ChallengeObjective,
    ChallengeProposal,
    ObjectiveValue,
    ProgressReport,
    ProposalStatus,
    ReviewAssignment,
    ReviewRound,
    TeamMembership,
)
from selection import rules as cohort_rules
from selection.models import Application, ApplicationStatus
from tests.factories import (
    AdministrationFactory,
    ChallengeFactory,
    CohortFactory,
    UserFactory,
)

# Each demo account and the space (URL name registered with core.spaces) it must reach.
SPACES = {
    "agent@eig.localhost": ["projects:space"],
    "jury@eig.localhost": ["projects:jury-space"],
    "candidat@eig.localhost": ["selection:candidate-space"],
    "eig@eig.localhost": ["team:home"],
    "ancien@eig.localhost": ["alumni:profile", "alumni:directory"],
}
DEMO_MODELS = [
    Cohort,
    Person,
    Fellowship,
    Administration,
    AdministrationMembership,
    Challenge,
    TeamMembership,
    ChallengeObjective,
    ObjectiveValue,
    ChallengeProposal,
    ReviewRound,
    ReviewAssignment,
    Application,
    ProgressReport,
    Event,
    DirectoryProfile,
    Position,
    Survey,
    SurveyInvitation,
    ChecklistTemplate,
    ChecklistItem,
    ChecklistTick,
    EmailAddress,
    get_user_model(),
]


@pytest.fixture
def debug_on(db, settings):
    settings.DEBUG = True


def run_command() -> tuple[dict[str, str], str]:
    """Run the command; return the printed password of each e-mail, and the survey link."""
    out = StringIO()
    call_command("seed_demo_activity", stdout=out)
    text = out.getvalue()
    passwords = dict(re.findall(r"Adresse e-mail : (\S+)\n\s+Mot de passe : (\S+)", text))
    link = re.search(r"enquête à remplir, sans mot de passe : (\S+)", text)
    assert set(passwords) == set(SPACES), text
    assert link, text
    return passwords, link[1]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in DEMO_MODELS}


def user(email: str):
    return get_user_model().objects.get(email=email)


def test_runs_twice_on_an_empty_database_without_duplicates(debug_on):
    run_command()
    first = counts()

    run_command()

    assert counts() == first
    assert first["Cohort"] == 3  # open calls, running, and a past one for the alumnus
    assert first["ChallengeProposal"] == 2
    assert first["ReviewAssignment"] == 1


def test_each_account_logs_in_and_reaches_its_space(debug_on, client):
    passwords, _link = run_command()

    for email, url_names in SPACES.items():
        account = user(email)
        assert EmailAddress.objects.filter(user=account, email=email, verified=True).exists()
        assert client.login(username=account.username, password=passwords[email]), email
        header_links = {link["url"] for link in spaces_for(account)}
        for url_name in url_names:
            assert reverse(url_name) in header_links, (email, url_name)
            response = client.get(reverse(url_name))
            assert response.status_code == 200, (email, url_name)
        client.logout()


def test_the_printed_e_mail_and_password_log_in_through_the_login_form(debug_on, client):
    passwords, _link = run_command()

    response = client.post(
        reverse("account_login"),
        {"login": "candidat@eig.localhost", "password": passwords["candidat@eig.localhost"]},
    )

    assert response.status_code == 302
    assert client.get(reverse("selection:candidate-space")).wsgi_request.user.email == (
        "candidat@eig.localhost"
    )


def test_an_account_already_using_a_demo_address_is_taken_over(debug_on, client):
    UserFactory(username="inscrit", email="agent@eig.localhost")

    passwords, _link = run_command()

    assert get_user_model().objects.filter(email__iexact="agent@eig.localhost").count() == 1
    assert client.login(username="inscrit", password=passwords["agent@eig.localhost"])
    assert client.get(reverse("projects:space")).status_code == 200


def test_passwords_change_at_each_run(debug_on, client):
    first, _link = run_command()

    second, _link = run_command()

    for email in SPACES:
        assert first[email] != second[email]
        account = user(email)
        assert not client.login(username=account.username, password=first[email])
        assert client.login(username=account.username, password=second[email])


def test_each_role_has_something_to_show(debug_on, client):
    passwords, _link = run_command()
    today = timezone.localdate()

    agent = user("agent@eig.localhost")
    proposals = project_rules.proposals_visible_to(agent)
    assert sorted(proposals.values_list("status", flat=True)) == sorted(
        [ProposalStatus.DRAFT, ProposalStatus.SUBMITTED]
    )
    upcoming = proposals.first().cohort
    assert project_rules.call_is_open(upcoming, on=today)
    assert cohort_rules.call_is_open(cohort=upcoming, today=today)

    jury = user("jury@eig.localhost")
    assignment = project_rules.assignments_of(jury).get()
    assert assignment.proposal.status == ProposalStatus.SUBMITTED
    assert project_rules.can_score(jury, assignment)

    candidate = user("candidat@eig.localhost")
    application = cohort_rules.applications_of_candidate(user=candidate).get()
    assert application.status == ApplicationStatus.DRAFT and application.cohort == upcoming

    fellow = user("eig@eig.localhost")
    challenge = Challenge.objects.get(memberships__person__user=fellow)
    assert challenge.cohort.start_date <= today <= challenge.cohort.end_date
    assert challenge.progress_reports.filter(author_user=fellow).exists()
    event = Event.objects.get(cohort=challenge.cohort, is_public=False)
    assert event.starts_at > timezone.now()
    client.login(username=fellow.username, password=passwords["eig@eig.localhost"])
    page = client.get(reverse("team:home")).content.decode()
    assert event.title in page
    demo_day = Event.objects.get(cohort=challenge.cohort, is_public=True)
    assert demo_day.title in client.get(reverse("projects:public-calendar")).content.decode()

    alumnus = user("ancien@eig.localhost")
    profile = DirectoryProfile.objects.get(person__user=alumnus)
    assert profile.listed and profile.show_positions
    assert Position.objects.filter(person__user=alumnus).exists()
    client.login(username=alumnus.username, password=passwords["ancien@eig.localhost"])
    directory = client.get(reverse("alumni:directory")).content.decode()
    assert profile.person.full_name in directory
    # Peers to find: several listed alumni, with positions.
    listed = DirectoryProfile.objects.filter(listed=True)
    assert listed.count() >= 5
    assert all(name in directory for name in listed.values_list("person__full_name", flat=True))


def test_the_checklists_have_tasks_ticked_and_overdue(debug_on, client):
    passwords, _link = run_command()

    fellow, agent = user("eig@eig.localhost"), user("agent@eig.localhost")
    assert ChecklistTick.objects.filter(user=fellow).count() == 1
    assert ChecklistTick.objects.filter(user=agent).count() == 1
    client.login(username=fellow.username, password=passwords["eig@eig.localhost"])
    page = client.get(reverse("team:tasks")).content.decode()
    assert "Signer la charte du programme" in page and "Faite le" in page and "En retard" in page
    client.login(username=agent.username, password=passwords["agent@eig.localhost"])
    page = client.get(reverse("projects:space-tasks")).content.decode()
    assert "Préparer les postes de travail et les accès" in page
    late = {(group.role, len(group.late)) for group in checklists.late_groups()}
    assert {(ChecklistRole.FELLOW, 1), (ChecklistRole.ADMINISTRATION, 1)} <= late


def test_two_demo_challenges_follow_objectives_the_published_one_in_public(debug_on, client):
    run_command()

    fellow = user("eig@eig.localhost")
    team_challenge = Challenge.objects.get(memberships__person__user=fellow)
    published = Challenge.objects.get(slug="demo-defi-objectifs")
    assert team_challenge.objectives.count() == 2
    assert team_challenge.objectives.filter(is_public=False).exists()
    assert ObjectiveValue.objects.filter(objective__challenge=team_challenge).count() == 7
    assert all(
        value.measured_on <= timezone.localdate()
        for value in ObjectiveValue.objects.filter(objective__challenge=published)
    )
    page = client.get(
        reverse(
            "projects:challenge-detail",
            kwargs={"cohort_slug": published.cohort.slug, "slug": published.slug},
        )
    ).content.decode()
    assert "Demandes traitées en moins de 48 heures au fil du temps" in page
    assert "<polyline" in page


def test_the_survey_link_opens_without_a_password_and_is_renewed_at_each_run(debug_on, client):
    _passwords, first_link = run_command()
    assert client.get(first_link).status_code == 200

    _passwords, second_link = run_command()

    invitation = SurveyInvitation.objects.get(person__user__email="ancien@eig.localhost")
    assert not invitation.answered
    assert client.get(second_link).status_code == 200
    assert client.get(first_link).status_code == 404


def test_uses_the_real_data_without_changing_it(debug_on):
    today = timezone.localdate()
    real_cohort = CohortFactory(
        name="EIG 4",
        slug="eig-4",
        number=4,
        year=2020,
        start_date=datetime.date(2020, 1, 15),
        end_date=datetime.date(2020, 11, 15),
    )
    administration = AdministrationFactory(name="Ministère de la Culture")
    real_challenge = ChallengeFactory(cohort=real_cohort, administrations=[administration])
    before = {
        "cohort": Cohort.objects.filter(pk=real_cohort.pk).values().get(),
        "administration": Administration.objects.filter(pk=administration.pk).values().get(),
        "challenge": Challenge.objects.filter(pk=real_challenge.pk).values().get(),
        "cohort_history": real_cohort.history.count(),
    }

    run_command()
    run_command()

    assert Cohort.objects.filter(pk=real_cohort.pk).values().get() == before["cohort"]
    assert (
        Administration.objects.filter(pk=administration.pk).values().get()
        == before["administration"]
    )
    assert Challenge.objects.filter(pk=real_challenge.pk).values().get() == before["challenge"]
    assert real_cohort.history.count() == before["cohort_history"]
    assert list(real_challenge.memberships.all()) == []
    # The agent belongs to the real administration, the alumnus to the real cohort.
    agent = user("agent@eig.localhost")
    assert project_rules.administrations_of(agent).get() == administration
    alumnus = user("ancien@eig.localhost")
    assert Fellowship.objects.get(person__user=alumnus).cohort == real_cohort
    # The new cohorts come after the imported ones.
    upcoming = Cohort.objects.get(slug="demo-promotion-a-venir")
    running = Cohort.objects.get(slug="demo-promotion-en-cours")
    assert {running.number, upcoming.number} == {5, 6}
    assert upcoming.name == f"Promotion {today.year + 1}"
    assert not Cohort.objects.filter(slug="demo-promotion-passee").exists()


def test_refuses_to_run_in_production(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DJANGO_DEBUG vaut false"):
        call_command("seed_demo_activity", stdout=StringIO())
