"""Program life of a challenge: its team's progress reports, its results, and the reminders to
quiet teams. A fellow or mentor sees and reports only on their own challenges."""

import datetime
import html
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects.models import (
    ChallengeLink,
    KeyFigure,
    Mood,
    Outcome,
    ProgressReminder,
    ProgressReport,
    TeamRole,
)
from projects.progress_selectors import quiet_teams
from projects.progress_services import quiet_teams_remind
from projects.progress_tasks import remind_progress_reports_task
from tests.factories import (
    ChallengeFactory,
    CohortFactory,
    KeyFigureFactory,
    PersonFactory,
    TeamMembershipFactory,
    UserFactory,
)
from tests.program_life_factories import ProgressReportFactory, team_member

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def challenge():
    return ChallengeFactory(title="Signaux faibles")


@pytest.fixture
def fellow(challenge):
    return team_member(challenge=challenge, username="alice", full_name="Alice Martin")


@pytest.fixture
def mentor(challenge):
    return team_member(
        challenge=challenge, role=TeamRole.MENTOR, username="bruno", full_name="Bruno Petit"
    )


@pytest.fixture
def other_challenge():
    return ChallengeFactory(title="Lexiq")


def report_data(**changes) -> dict:
    data = {
        "reported_on": "2026-03-02",
        "progress": "Le tableau de bord est en test à Lyon.",
        "blockers": "L'accès aux données fiscales tarde.",
        "help_needed": "Une relance auprès de la DGFiP.",
        "mood": str(Mood.GOOD),
    }
    return data | changes


# --- Rules: own challenges only ----------------------------------------------------------------


def test_team_space_lists_only_the_members_own_challenges(
    client, fellow, challenge, other_challenge
):
    client.force_login(fellow)

    response = client.get(reverse("team:home"))

    assert response.status_code == 200
    text = page_text(response)
    assert "Signaux faibles" in text
    assert "Lexiq" not in text


def test_team_member_gets_404_on_another_challenges_pages(
    client, fellow, mentor, challenge, other_challenge
):
    other_report = ProgressReportFactory(challenge=other_challenge)
    urls = [
        reverse("team:challenge", args=[other_challenge.pk]),
        reverse("team:report-create", args=[other_challenge.pk]),
        reverse("team:report-edit", args=[other_challenge.pk, other_report.pk]),
        reverse("team:report-edit", args=[challenge.pk, other_report.pk]),
        reverse("team:results", args=[other_challenge.pk]),
    ]
    for user in (fellow, mentor):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, url
        response = client.post(
            reverse("team:report-create", args=[other_challenge.pk]), report_data()
        )
        assert response.status_code == 404

    assert ProgressReport.objects.filter(challenge=other_challenge).count() == 1


def test_another_challenges_reports_never_show_on_own_challenge_page(
    client, fellow, challenge, other_challenge
):
    ProgressReportFactory(challenge=other_challenge, progress="Secret de l'autre équipe")
    ProgressReportFactory(challenge=challenge, progress="Notre avancement")
    client.force_login(fellow)

    text = page_text(client.get(reverse("team:challenge", args=[challenge.pk])))

    assert "Notre avancement" in text
    assert "Secret de l'autre équipe" not in text


def test_a_user_on_no_team_gets_404_and_no_team_space_link(client, outsider_user, challenge):
    sponsor = team_member(challenge=challenge, role=TeamRole.SPONSOR, username="porteur")
    for user in (outsider_user, sponsor):
        client.force_login(user)

        assert client.get(reverse("team:home")).status_code == 404
        assert client.get(reverse("team:challenge", args=[challenge.pk])).status_code == 404


def test_the_header_links_team_members_to_their_space(client, fellow, outsider_user, public_site):
    client.force_login(fellow)
    assert "Espace équipe" in page_text(client.get(reverse("projects:challenge-list")))

    client.force_login(outsider_user)
    assert "Espace équipe" not in page_text(client.get(reverse("projects:challenge-list")))


def test_anonymous_visitor_is_sent_to_the_login(client, challenge):
    response = client.get(reverse("team:challenge", args=[challenge.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_only_the_author_edits_a_report_teammates_read_it(client, fellow, mentor, challenge):
    client.force_login(fellow)
    client.post(reverse("team:report-create", args=[challenge.pk]), report_data())
    report = ProgressReport.objects.get()
    edit_url = reverse("team:report-edit", args=[challenge.pk, report.pk])

    client.force_login(mentor)
    page = page_text(client.get(reverse("team:challenge", args=[challenge.pk])))
    forbidden = client.post(edit_url, report_data(progress="Réécrit par le mentor"))

    assert "Le tableau de bord est en test à Lyon." in page
    assert edit_url not in page
    assert forbidden.status_code == 404
    report.refresh_from_db()
    assert report.progress == "Le tableau de bord est en test à Lyon."


# --- Writing a report ---------------------------------------------------------------------------


def test_fellow_writes_a_report_and_finds_it_in_the_history(client, fellow, challenge):
    client.force_login(fellow)

    response = client.post(reverse("team:report-create", args=[challenge.pk]), report_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("team:challenge", args=[challenge.pk])
    report = ProgressReport.objects.get()
    assert report.challenge == challenge
    assert report.author == fellow.person
    assert report.author_user == fellow
    assert report.reported_on == datetime.date(2026, 3, 2)
    assert report.mood == Mood.GOOD
    page = page_text(client.get(response["Location"]))
    assert "Point du 2 mars 2026" in page
    assert "Par Alice Martin" in page
    assert "L'accès aux données fiscales tarde." in page
    assert "4 — Bien" in page
    assert "Votre point d'avancement est enregistré." in page


def test_report_form_with_errors_keeps_what_was_typed(client, fellow, challenge):
    client.force_login(fellow)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()

    response = client.post(
        reverse("team:report-create", args=[challenge.pk]),
        report_data(mood="", reported_on=tomorrow, blockers="Pas de serveur <de test>"),
    )

    assert response.status_code == 200
    text = page_text(response)
    assert "Choisissez le moral de l'équipe." in text
    assert "La date du point ne peut pas être dans le futur." in text
    assert "Le tableau de bord est en test à Lyon." in text
    assert "Pas de serveur <de test>" in text
    assert f'value="{tomorrow}"' in text
    assert 'aria-describedby="id_reported_on-desc-error"' in text
    assert 'id="id_reported_on-desc-error"' in text
    assert not ProgressReport.objects.exists()


def test_report_form_keeps_the_chosen_mood_when_another_field_fails(client, fellow, challenge):
    client.force_login(fellow)

    response = client.post(
        reverse("team:report-create", args=[challenge.pk]), report_data(progress="")
    )

    assert "Décrivez l'avancement du défi." in page_text(response)
    checked = re.findall(
        r'<input type="radio" name="mood" value="(\d)"[^>]* checked', response.content.decode()
    )
    assert checked == [str(Mood.GOOD)]


def test_author_edits_a_report_and_the_change_is_recorded(client, fellow, challenge):
    client.force_login(fellow)
    client.post(reverse("team:report-create", args=[challenge.pk]), report_data())
    report = ProgressReport.objects.get()
    edit_url = reverse("team:report-edit", args=[challenge.pk, report.pk])
    assert "Le tableau de bord est en test à Lyon." in page_text(client.get(edit_url))

    response = client.post(edit_url, report_data(mood=str(Mood.BAD)))

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.mood == Mood.BAD
    [latest, created] = report.history.order_by("-history_id")
    assert (latest.history_type, latest.history_user, latest.mood) == ("~", fellow, Mood.BAD)
    assert created.mood == Mood.GOOD


# --- Results after the program -------------------------------------------------------------


def results_data(**changes) -> dict:
    data = {
        "outcome": Outcome.CONTINUED,
        "outcome_note": "Repris par la direction générale des entreprises.",
        "chiffres-TOTAL_FORMS": "1",
        "chiffres-INITIAL_FORMS": "0",
        "chiffres-0-prefix": "+",
        "chiffres-0-amount": "1300",
        "chiffres-0-suffix": "",
        "chiffres-0-description": "entreprises suivies",
        "chiffres-0-position": "0",
        "liens-TOTAL_FORMS": "1",
        "liens-INITIAL_FORMS": "0",
        "liens-0-kind": "source_code",
        "liens-0-url": "https://github.com/signaux-faibles",
        "liens-0-title": "Code source",
        "liens-0-position": "0",
    }
    return data | changes


def test_mentor_records_results_and_outcome(client, mentor, challenge):
    client.force_login(mentor)
    assert client.get(reverse("team:results", args=[challenge.pk])).status_code == 200

    response = client.post(reverse("team:results", args=[challenge.pk]), results_data())

    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.outcome == Outcome.CONTINUED
    assert challenge.outcome_note == "Repris par la direction générale des entreprises."
    figure = KeyFigure.objects.get(challenge=challenge)
    assert (figure.prefix, figure.amount, figure.description) == ("+", 1300, "entreprises suivies")
    assert (
        ChallengeLink.objects.get(challenge=challenge).url == "https://github.com/signaux-faibles"
    )
    assert challenge.history.latest().history_user == mentor


def test_results_form_with_an_error_saves_nothing_and_keeps_values(client, mentor, challenge):
    client.force_login(mentor)

    response = client.post(
        reverse("team:results", args=[challenge.pk]),
        results_data(**{"liens-0-url": "pas une adresse"}),
    )

    assert response.status_code == 200
    text = page_text(response)
    assert "Saisissez une URL valide." in text
    assert 'value="pas une adresse"' in text
    assert "entreprises suivies" in text
    assert "Repris par la direction générale des entreprises." in text
    challenge.refresh_from_db()
    assert challenge.outcome == Outcome.UNKNOWN
    assert not KeyFigure.objects.exists()


def test_mentor_deletes_a_figure_but_cannot_touch_another_challenges(
    client, mentor, challenge, other_challenge
):
    own = KeyFigureFactory(challenge=challenge, description="agents formés")
    foreign = KeyFigureFactory(challenge=other_challenge, description="chiffre d'un autre défi")
    client.force_login(mentor)
    existing = {
        "chiffres-TOTAL_FORMS": "1",
        "chiffres-INITIAL_FORMS": "1",
        "chiffres-0-amount": "42",
        "chiffres-0-description": "agents formés",
        "chiffres-0-position": "0",
        "liens-TOTAL_FORMS": "0",
        "liens-INITIAL_FORMS": "0",
    }
    url = reverse("team:results", args=[challenge.pk])

    client.post(url, results_data(**existing, **{"chiffres-0-id": foreign.pk}))
    client.post(
        url, results_data(**existing, **{"chiffres-0-id": foreign.pk, "chiffres-0-DELETE": "on"})
    )
    deleted = client.post(
        url, results_data(**existing, **{"chiffres-0-id": own.pk, "chiffres-0-DELETE": "on"})
    )

    # Another challenge's figure is out of the formset's reach: neither edited nor deleted.
    foreign.refresh_from_db()
    assert (foreign.challenge, foreign.description) == (other_challenge, "chiffre d'un autre défi")
    assert KeyFigure.objects.filter(challenge=challenge).count() == 0
    assert deleted.status_code == 302
    assert not KeyFigure.objects.filter(pk=own.pk).exists()


def test_a_fellow_cannot_record_results(client, fellow, challenge):
    client.force_login(fellow)

    assert client.get(reverse("team:results", args=[challenge.pk])).status_code == 404
    assert (
        client.post(reverse("team:results", args=[challenge.pk]), results_data()).status_code == 404
    )
    challenge.refresh_from_db()
    assert challenge.outcome == Outcome.UNKNOWN


# --- Quiet teams and reminders -------------------------------------------------------------------

NOW = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def running_cohort():
    return CohortFactory(
        name="EIG 9",
        number=9,
        year=2026,
        start_date=datetime.date(2026, 1, 15),
        end_date=datetime.date(2026, 11, 15),
    )


def team(cohort, title, *, with_mentor=True):
    challenge = ChallengeFactory(cohort=cohort, title=title)
    TeamMembershipFactory(
        challenge=challenge,
        person=PersonFactory(
            full_name=f"EIG de {title}", user=UserFactory(email=f"eig-{challenge.slug}@example.fr")
        ),
    )
    if with_mentor:
        TeamMembershipFactory(
            challenge=challenge,
            person=PersonFactory(
                full_name=f"Mentor de {title}", email=f"mentor-{challenge.slug}@example.gouv.fr"
            ),
            role=TeamRole.MENTOR,
        )
    TeamMembershipFactory(
        challenge=challenge,
        person=PersonFactory(email=f"porteur-{challenge.slug}@example.gouv.fr"),
        role=TeamRole.SPONSOR,
    )
    return challenge


def report_at(challenge, moment, time_machine):
    time_machine.move_to(moment, tick=False)
    ProgressReportFactory(challenge=challenge)


@pytest.fixture
def quiet_world(running_cohort, time_machine):
    silent = team(running_cohort, "Silencieux")
    recent = team(running_cohort, "Bavard")
    never = team(running_cohort, "Muet")
    report_at(silent, NOW - datetime.timedelta(days=40), time_machine)
    report_at(recent, NOW - datetime.timedelta(days=10), time_machine)
    ended = CohortFactory(
        name="EIG 1",
        number=1,
        year=2017,
        start_date=datetime.date(2017, 1, 15),
        end_date=datetime.date(2017, 11, 15),
    )
    team(ended, "Terminé")
    ChallengeFactory(cohort=running_cohort, title="Sans équipe")
    ChallengeFactory(cohort=running_cohort, title="Proposé", draft=True)
    time_machine.move_to(NOW, tick=False)
    return {"silent": silent, "recent": recent, "never": never}


def test_quiet_teams_are_the_running_teams_silent_for_n_days_or_never_heard(quiet_world):
    quiet = {challenge.title: challenge for challenge in quiet_teams(days=30)}

    assert set(quiet) == {"Silencieux", "Muet"}
    assert quiet["Silencieux"].last_report_at == NOW - datetime.timedelta(days=40)
    assert quiet["Muet"].last_report_at is None
    assert {c.title for c in quiet_teams(days=7)} == {"Silencieux", "Muet", "Bavard"}


def test_a_new_report_takes_a_team_off_the_quiet_list(quiet_world, client):
    silent = quiet_world["silent"]
    user = silent.memberships.get(role=TeamRole.FELLOW).person.user
    client.force_login(user)

    client.post(
        reverse("team:report-create", args=[silent.pk]), report_data(reported_on="2026-06-01")
    )

    assert {c.title for c in quiet_teams(days=30)} == {"Muet"}


def test_reminders_reach_fellows_and_mentors_of_quiet_teams_once_per_period(
    quiet_world, time_machine, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert quiet_teams_remind(days=30) == 2
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == [
        "eig-muet@example.fr",
        "eig-silencieux@example.fr",
        "mentor-muet@example.gouv.fr",
        "mentor-silencieux@example.gouv.fr",
    ]
    [message] = [m for m in mail.outbox if "eig-silencieux@example.fr" in m.to]
    assert "« Silencieux »" in message.subject
    assert "date du 22 avril 2026" in message.body
    assert reverse("team:challenge", args=[quiet_world["silent"].pk]) in message.body

    # 29 days on: the two teams are not reminded again; the talkative one has gone quiet.
    time_machine.move_to(NOW + datetime.timedelta(days=29), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert quiet_teams_remind(days=30) == 1
    assert sorted(address for message in mail.outbox[2:] for address in message.to) == [
        "eig-bavard@example.fr",
        "mentor-bavard@example.gouv.fr",
    ]

    # A new period: the two silent teams are reminded again, the talkative one not yet.
    time_machine.move_to(NOW + datetime.timedelta(days=31), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert quiet_teams_remind(days=30) == 2
    assert {address for message in mail.outbox[3:] for address in message.to} == {
        "eig-muet@example.fr",
        "eig-silencieux@example.fr",
        "mentor-muet@example.gouv.fr",
        "mentor-silencieux@example.gouv.fr",
    }
    assert ProgressReminder.objects.count() == 5


def test_reminder_command_is_safe_to_run_twice(quiet_world, django_capture_on_commit_callbacks):
    first, second = StringIO(), StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_progress_reports", stdout=first)
        call_command("remind_progress_reports", "--days", "30", stdout=second)

    assert first.getvalue().strip() == "2 équipe(s) relancée(s)."
    assert second.getvalue().strip() == "0 équipe(s) relancée(s)."
    assert len(mail.outbox) == 2


def test_reminder_task_reminds_the_quiet_teams(quiet_world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = remind_progress_reports_task.enqueue(days=30)

    assert result.return_value == 2
    assert ProgressReminder.objects.filter(challenge=quiet_world["never"]).exists()


def test_staff_see_the_quiet_teams_in_the_admin(client, staff_user, quiet_world, time_machine):
    ProgressReminder.objects.create(challenge=quiet_world["silent"], sent_at=NOW)
    client.force_login(staff_user)

    response = client.get(reverse("equipes-silencieuses:index"))

    assert response.status_code == 200
    text = page_text(response)
    assert "Silencieux" in text and "Muet" in text
    assert "Bavard" not in text and "Terminé" not in text
    assert "22 avril 2026" in text  # the silent team's last report
    assert "1er juin 2026" in text  # and its reminder
    assert "Bavard" in page_text(client.get(reverse("equipes-silencieuses:index") + "?days=7"))


def test_staff_remind_the_quiet_teams_from_the_admin(
    client, staff_user, quiet_world, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    url = reverse("equipes-silencieuses:index")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"days": "30"}, follow=True)
        client.post(url, {"days": "30"})

    assert "2 équipe(s) relancée(s) par e-mail." in page_text(response)
    assert len(mail.outbox) == 2


# --- Query counts of the list pages -------------------------------------------------------------


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_team_space_home_query_count_does_not_grow_with_challenges(client, fellow, challenge):
    person = fellow.person
    client.force_login(fellow)
    # Warm the page frame's caches (the first visit creates the site's settings, which makes
    # the frame be built once more).
    queries_for(client, reverse("team:home"))
    queries_for(client, reverse("team:home"))
    one = queries_for(client, reverse("team:home"))
    for _ in range(5):
        other = ChallengeFactory()
        TeamMembershipFactory(challenge=other, person=person)
        ProgressReportFactory(challenge=other)

    assert queries_for(client, reverse("team:home")) == one


def test_challenge_page_query_count_does_not_grow_with_reports(client, fellow, challenge):
    url = reverse("team:challenge", args=[challenge.pk])
    client.force_login(fellow)
    ProgressReportFactory(challenge=challenge, author=fellow.person, author_user=fellow)
    queries_for(client, url)  # the first visit creates the site's settings: the frame is
    queries_for(client, url)  # built once more, then kept
    one = queries_for(client, url)
    for _ in range(10):
        ProgressReportFactory(challenge=challenge, author=PersonFactory())

    assert queries_for(client, url) == one


def test_admin_lists_query_count_does_not_grow(client, staff_user, running_cohort):
    client.force_login(staff_user)
    reports_url = reverse(ProgressReport.snippet_viewset.get_url_name("list"))
    quiet_url = reverse("equipes-silencieuses:index")
    team(running_cohort, "Premier")
    ProgressReportFactory(author=PersonFactory())
    counts = [queries_for(client, reports_url), queries_for(client, quiet_url)]
    counts = [queries_for(client, reports_url), queries_for(client, quiet_url)]
    for number in range(10):
        team(running_cohort, f"Équipe {number}")
        ProgressReportFactory(author=PersonFactory())

    assert [queries_for(client, reports_url), queries_for(client, quiet_url)] == counts


def test_the_schedule_reminds_the_quiet_teams_once(quiet_world, django_capture_on_commit_callbacks):
    first, second = StringIO(), StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_schedule", "--only", "progress_reminders", stdout=first)
        call_command("run_schedule", "--only", "progress_reminders", stdout=second)

    assert first.getvalue().strip() == "progress_reminders : 2"
    assert second.getvalue().strip() == "progress_reminders : 0"
    assert len(mail.outbox) == 2
