"""The weekly digest: a cohort's shared progress reports of one week, read on a page with an
anchor per team and e-mailed once a week by run_schedule to the cohort and the staff."""

import datetime
import html
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects.models import ProgressDigest, ProgressReport
from projects.progress_digest import digest_url, digests_send, weekly_digest
from tests.factories import ChallengeFactory, CohortFactory, UserFactory
from tests.program_life_factories import ProgressReportFactory, team_member

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 11, 23)  # a week of the running cohort


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def cohort():
    return CohortFactory(
        name="EIG 9",
        number=9,
        year=2026,
        start_date=datetime.date(2026, 9, 1),
        end_date=datetime.date(2027, 6, 30),
    )


@pytest.fixture
def teams(cohort):
    first = ChallengeFactory(cohort=cohort, title="Signaux faibles")
    second = ChallengeFactory(cohort=cohort, title="Apprentissage")
    alice = team_member(challenge=first, username="alice", full_name="Alice Martin")
    bruno = team_member(challenge=second, username="bruno", full_name="Bruno Petit")
    return {"first": first, "second": second, "alice": alice, "bruno": bruno}


def report(challenge, *, on, **values) -> ProgressReport:
    with time_machine.travel(at(on), tick=False):
        return ProgressReportFactory(challenge=challenge, reported_on=on, **values)


def test_the_digest_holds_only_that_weeks_shared_reports(cohort, teams):
    shared = report(teams["first"], on=MONDAY + datetime.timedelta(days=2), help_needed="Un DPO")
    report(teams["first"], on=MONDAY + datetime.timedelta(days=3), staff_only=True)
    report(teams["second"], on=MONDAY - datetime.timedelta(days=1))  # the week before
    report(teams["second"], on=MONDAY + datetime.timedelta(days=7))  # the week after
    later = report(teams["second"], on=MONDAY + datetime.timedelta(days=6))
    report(ChallengeFactory(), on=MONDAY + datetime.timedelta(days=1))  # another cohort

    digest = weekly_digest(cohort=cohort, week_start=MONDAY)

    assert [(team.challenge.title, team.reports) for team in digest] == [
        ("Apprentissage", [later]),
        ("Signaux faibles", [shared]),
    ]


def test_a_team_member_reads_the_digest_with_an_anchor_per_team(client, cohort, teams):
    report(teams["first"], on=MONDAY, progress="Le tableau de bord est en test.")
    report(teams["second"], on=MONDAY, progress="Réservé au programme.", staff_only=True)
    client.force_login(teams["bruno"])

    response = client.get(digest_url(cohort=cohort, week_start=MONDAY))

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Le tableau de bord est en test." in page
    assert f'id="defi-{teams["first"].pk}"' in page
    assert "Réservé au programme." not in page


def test_the_digest_of_another_cohort_or_a_wrong_week_is_not_found(client, cohort, teams):
    client.force_login(team_member(username="chloe", full_name="Chloé Autre"))
    assert client.get(digest_url(cohort=cohort, week_start=MONDAY)).status_code == 404
    client.force_login(teams["alice"])
    url = reverse("team:digest", args=[cohort.pk, 2026, 60])
    assert client.get(url).status_code == 404
    assert client.get(f"/equipe/promotions/{cohort.pk}/synthese/99999999999-S1/").status_code in (
        400,
        404,
    )


def test_staff_who_follow_progress_reports_read_every_digest(client, cohort, teams):
    staff = UserFactory(is_staff=True)
    staff.groups.add(Group.objects.get(name="Équipe du programme"))
    outsider_staff = UserFactory(is_staff=True)
    outsider_staff.groups.add(Group.objects.get(name="Communication"))

    client.force_login(staff)
    assert client.get(digest_url(cohort=cohort, week_start=MONDAY)).status_code == 200
    client.force_login(outsider_staff)
    assert client.get(digest_url(cohort=cohort, week_start=MONDAY)).status_code == 404


def test_the_digest_is_sent_once_a_week_to_the_cohort_and_the_staff(
    cohort, teams, django_capture_on_commit_callbacks
):
    staff = UserFactory(is_staff=True, email="equipe@example.fr")
    staff.groups.add(Group.objects.get(name="Équipe du programme"))
    UserFactory(is_staff=True, email="com@example.fr").groups.add(
        Group.objects.get(name="Communication")
    )
    report(teams["first"], on=MONDAY + datetime.timedelta(days=1), help_needed="Un DPO")
    next_monday = at(MONDAY + datetime.timedelta(days=7), hour=8)

    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(next_monday):
        call_command("run_schedule", "--only", "progress_digests", stdout=StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send(now=next_monday + datetime.timedelta(hours=2)) == 0

    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([teams["alice"].email, teams["bruno"].email, "equipe@example.fr"])
    assert all(len(message.to) == 1 for message in mail.outbox)
    body = mail.outbox[0].body
    assert "Signaux faibles" in body and "Aide souhaitée : Un DPO" in body
    assert digest_url(cohort=cohort, week_start=MONDAY) in body
    assert ProgressDigest.objects.get().reports == 1


def test_the_digest_page_reads_its_reports_in_one_query_whatever_their_number(
    client, cohort, teams
):
    client.force_login(teams["alice"])
    url = digest_url(cohort=cohort, week_start=MONDAY)

    def report_queries_for(count: int) -> int:
        for index in range(count):
            report(ChallengeFactory(cohort=cohort), on=MONDAY + datetime.timedelta(days=index % 5))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        # The frame of the site (header, spaces) is cached apart and tested elsewhere.
        return sum(
            any(
                table in query["sql"] for table in ("projects_progressreport", "projects_challenge")
            )
            for query in queries.captured_queries
        )

    assert report_queries_for(2) == report_queries_for(12)
