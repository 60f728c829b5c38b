"""What became of a challenge, followed for a year: questions at the cohort's end, six and
twelve months later, sent once each by run_schedule to the mentors and the administration;
every answer kept with its date; the challenge's outcome follows the latest."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from projects.models import ChallengeStatus, Outcome, OutcomeAnswer, OutcomeMilestone
from projects.outcome_follow_up import months_after, outcome_answer_record, outcome_at
from tests.call_factories import MembershipFactory
from tests.factories import ChallengeFactory, CohortFactory
from tests.program_life_factories import team_member

pytestmark = pytest.mark.django_db

END = datetime.date(2026, 6, 30)


@pytest.fixture
def challenge():
    cohort = CohortFactory(
        name="EIG 8", number=8, year=2025, start_date=datetime.date(2025, 9, 1), end_date=END
    )
    return ChallengeFactory(
        cohort=cohort, title="Signaux faibles", status=ChallengeStatus.COMPLETED
    )


@pytest.fixture
def mentor(challenge):
    from projects.models import TeamRole

    return team_member(challenge=challenge, role=TeamRole.MENTOR, username="mentor")


@pytest.fixture
def agent(challenge):
    membership = MembershipFactory(user__username="agent-suivi", user__email="agent@example.fr")
    challenge.administrations.add(membership.administration)
    return membership.user


def run_schedule_on(day: datetime.date, callbacks) -> None:
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(8)))
    with callbacks(execute=True), time_machine.travel(moment):
        call_command("run_schedule", "--only", "outcome_requests", stdout=StringIO())


def test_questions_go_at_the_end_then_six_and_twelve_months_later_once_each(
    challenge, mentor, agent, django_capture_on_commit_callbacks
):
    days = [
        END - datetime.timedelta(days=1),  # before the end: nothing
        END,
        END + datetime.timedelta(days=1),  # the same milestone again: nothing
        months_after(END, 6) + datetime.timedelta(days=3),
        months_after(END, 12),
        months_after(END, 12) + datetime.timedelta(days=90),
    ]
    sent_by_day = []
    for day in days:
        before = len(mail.outbox)
        run_schedule_on(day, django_capture_on_commit_callbacks)
        sent_by_day.append(len(mail.outbox) - before)

    assert sent_by_day == [0, 2, 0, 2, 2, 0]
    assert {message.to[0] for message in mail.outbox} == {mentor.email, "agent@example.fr"}
    assert "Que devient le défi « Signaux faibles » ?" in mail.outbox[0].subject
    url = reverse("team:outcome", args=[challenge.pk])
    assert f"{url}?echeance=six_months" in mail.outbox[2].body


def test_a_question_missed_for_two_months_is_not_sent_late(
    challenge, mentor, django_capture_on_commit_callbacks
):
    run_schedule_on(END + datetime.timedelta(days=61), django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_the_history_keeps_every_answer_and_the_outcome_follows_the_latest(challenge, mentor):
    outcome_answer_record(
        challenge=challenge,
        author=mentor.person,
        values={"answered_on": END, "status": Outcome.CONTINUED, "milestone": "end"},
    )
    outcome_answer_record(
        challenge=challenge,
        author=mentor.person,
        values={
            "answered_on": months_after(END, 6),
            "status": Outcome.STARTUP_ETAT,
            "service_url": "https://beta.gouv.fr/startups/signaux-faibles.html",
        },
    )

    challenge.refresh_from_db()
    assert challenge.outcome == Outcome.STARTUP_ETAT
    assert challenge.outcome_url == "https://beta.gouv.fr/startups/signaux-faibles.html"
    assert outcome_at(challenge=challenge, on=END + datetime.timedelta(days=30)).status == (
        Outcome.CONTINUED
    )
    assert outcome_at(challenge=challenge, on=END - datetime.timedelta(days=1)) is None
    assert OutcomeAnswer.objects.filter(challenge=challenge).count() == 2


def test_a_mentor_answers_from_the_e_mail_link_and_sees_the_history(client, challenge, mentor):
    client.force_login(mentor)
    url = reverse("team:outcome", args=[challenge.pk])

    page = client.get(f"{url}?echeance=six_months")
    assert page.status_code == 200
    assert 'value="six_months" selected' in page.content.decode()
    refused = client.post(url, {"milestone": "six_months", "answered_on": "2099-01-01"})
    assert refused.status_code == 400
    assert "La date ne peut pas être dans le futur." in refused.content.decode()
    assert "Choisissez ce qu&#x27;est devenu le défi." in refused.content.decode()
    response = client.post(
        url,
        {
            "milestone": "six_months",
            "answered_on": "2026-11-30",
            "status": Outcome.STOPPED,
            "comment": "Faute de budget pour l'hébergement.",
        },
        follow=True,
    )

    assert "Votre réponse sur le devenir du défi est enregistrée." in response.content.decode()
    assert "Faute de budget pour l&#x27;hébergement." in response.content.decode()
    answer = OutcomeAnswer.objects.get()
    assert (answer.milestone, answer.author) == (OutcomeMilestone.SIX_MONTHS, mentor.person)


def test_the_administrations_agent_answers_and_others_get_404(client, challenge, agent):
    url = reverse("team:outcome", args=[challenge.pk])
    client.force_login(agent)
    assert client.get(url).status_code == 200

    client.force_login(team_member(challenge=challenge, username="eig-du-defi"))  # a fellow
    assert client.get(url).status_code == 404
    client.force_login(MembershipFactory(user__username="autre-agent").user)
    assert client.get(url).status_code == 404
