"""Fellows and mentors answer « je viens » / « je ne viens pas » to their cohort's events, with
a capacity and a waiting list; staff see the headcount and the attendance sheet starts from the
answers."""

import datetime
import html

import pytest
from django.core import mail
from django.urls import reverse

from cohorts.events_selectors import event_expected_people
from cohorts.events_services import RsvpRefused, event_rsvp
from cohorts.models import AttendanceStatus, Rsvp, RsvpStatus
from cohorts.viewsets import AttendanceSheetForm
from tests.factories import ChallengeFactory, CohortFactory, PersonFactory
from tests.program_life_factories import EventFactory, team_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    return CohortFactory(name="EIG 9", number=9, year=2026)


@pytest.fixture
def fellow(cohort):
    return team_member(
        challenge=ChallengeFactory(cohort=cohort), username="alice", full_name="Alice Martin"
    )


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_a_fellow_answers_from_the_event_page(client, fellow, cohort):
    event = EventFactory(cohort=cohort, title="Séminaire de printemps")
    client.force_login(fellow)

    page = client.get(reverse("team:event", args=[event.pk]))
    assert "Non renseignée" in text(page)
    response = client.post(reverse("team:event", args=[event.pk]), {"answer": "yes"}, follow=True)

    assert "Votre réponse est enregistrée : Je viens." in text(response)
    assert Rsvp.objects.get(event=event, person=fellow.person).status == RsvpStatus.ATTENDING
    client.post(reverse("team:event", args=[event.pk]), {"answer": "no"})
    assert Rsvp.objects.get(event=event, person=fellow.person).status == RsvpStatus.DECLINED
    assert Rsvp.history.filter(event_id=event.pk).count() == 2


def test_past_cancelled_or_foreign_events_are_refused_in_french(client, fellow, cohort):
    client.force_login(fellow)
    past = EventFactory(cohort=cohort, starts_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    cancelled = EventFactory(cohort=cohort, is_cancelled=True)
    foreign = EventFactory(cohort=CohortFactory(name="EIG 8", number=8))

    response = client.post(reverse("team:event", args=[past.pk]), {"answer": "yes"})
    assert response.status_code == 400
    assert "Cet événement est passé" in text(response)
    response = client.post(reverse("team:event", args=[cancelled.pk]), {"answer": "yes"})
    assert "Cet événement est annulé" in text(response)
    response = client.post(reverse("team:event", args=[past.pk]), {"answer": "peut-être"})
    assert "Choisissez « je viens » ou « je ne viens pas »." in text(response)
    assert (
        client.post(reverse("team:event", args=[foreign.pk]), {"answer": "yes"}).status_code == 404
    )
    assert not Rsvp.objects.exists()


def test_a_full_event_waitlists_and_a_decline_gives_the_seat_to_the_first_waiting(
    cohort, django_capture_on_commit_callbacks
):
    event = EventFactory(cohort=cohort, capacity=1, title="Bootcamp")
    first, second, third = (PersonFactory(email=f"p{n}@example.org") for n in range(3))

    assert event_rsvp(event=event, person=first, attending=True).status == RsvpStatus.ATTENDING
    assert event_rsvp(event=event, person=second, attending=True).status == RsvpStatus.WAITLISTED
    assert event_rsvp(event=event, person=third, attending=True).status == RsvpStatus.WAITLISTED
    with django_capture_on_commit_callbacks(execute=True):
        event_rsvp(event=event, person=first, attending=False)

    statuses = dict(Rsvp.objects.values_list("person_id", "status"))
    assert statuses == {
        first.pk: RsvpStatus.DECLINED,
        second.pk: RsvpStatus.ATTENDING,
        third.pk: RsvpStatus.WAITLISTED,
    }
    [message] = mail.outbox
    assert message.to == ["p1@example.org"]
    assert "Une place s'est libérée : Bootcamp" in message.subject


def test_answering_a_past_event_raises(cohort):
    event = EventFactory(
        cohort=cohort, starts_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    with pytest.raises(RsvpRefused):
        event_rsvp(event=event, person=PersonFactory(), attending=True)


def test_the_attendance_sheet_starts_from_the_answers(fellow, cohort):
    event = EventFactory(cohort=cohort)
    other = team_member(challenge=ChallengeFactory(cohort=cohort), username="bob").person
    event_rsvp(event=event, person=fellow.person, attending=True)
    event_rsvp(event=event, person=other, attending=False)

    form = AttendanceSheetForm(people=event_expected_people(event=event))

    assert form.fields[f"person_{fellow.person.pk}"].initial == AttendanceStatus.PRESENT
    assert form.fields[f"person_{other.pk}"].initial == AttendanceStatus.EXCUSED


def test_staff_see_the_headcount_in_the_events_listing(client, staff_user, cohort):
    event = EventFactory(cohort=cohort, capacity=1, title="Démo day")
    event_rsvp(event=event, person=PersonFactory(), attending=True)
    event_rsvp(event=event, person=PersonFactory(), attending=True)

    client.force_login(staff_user)
    response = client.get(reverse(event.snippet_viewset.get_url_name("list")))

    assert "1 / 1 (1 en attente)" in text(response)
