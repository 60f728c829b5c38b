"""When staff move, relocate or cancel an upcoming event, everyone holding a seat or on its
waiting list is told by e-mail; those who declined, and changes of past events, are not."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cohorts.events_services import event_rsvp, event_save
from cohorts.models import Event
from tests.factories import ChallengeFactory, CohortFactory
from tests.program_life_factories import EventFactory, team_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(cohort=CohortFactory(), title="Séminaire de rentrée", capacity=1)


def member(event, name):
    user = team_member(challenge=ChallengeFactory(cohort=event.cohort), full_name=name)
    return user.person


@pytest.fixture
def answers(event):
    """A seat taken, one on the waiting list, one who declined."""
    seated, waiting, declined = (member(event, name) for name in ("Alice", "Bruno", "Chloé"))
    event_rsvp(event=event, person=seated, attending=True)
    event_rsvp(event=event, person=waiting, attending=True)
    event_rsvp(event=event, person=declined, attending=False)
    mail.outbox.clear()
    return seated, waiting, declined


def save(event, django_capture_on_commit_callbacks, **values):
    with django_capture_on_commit_callbacks(execute=True):
        for name, value in values.items():
            setattr(event, name, value)  # as the admin form does before the service
        return event_save(instance=event, values=values, user=None)


def test_a_new_place_reaches_the_seated_and_the_waiting_list(
    event, answers, django_capture_on_commit_callbacks
):
    seated, waiting, _declined = answers

    save(event, django_capture_on_commit_callbacks, place="Lyon, Hôtel de région")

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [seated.contact_email, waiting.contact_email]
    )
    message = mail.outbox[0]
    assert message.subject.endswith("Événement modifié : Séminaire de rentrée")
    assert "Lieu : Lyon, Hôtel de région" in message.body


def test_a_cancellation_says_so(event, answers, django_capture_on_commit_callbacks):
    save(event, django_capture_on_commit_callbacks, is_cancelled=True)

    assert len(mail.outbox) == 2
    assert all("Événement annulé : Séminaire de rentrée" in m.subject for m in mail.outbox)
    assert "est annulé" in mail.outbox[0].body


def test_a_new_description_or_a_past_event_tells_nobody(
    event, answers, django_capture_on_commit_callbacks
):
    save(event, django_capture_on_commit_callbacks, description="Programme détaillé en pièce.")
    assert mail.outbox == []

    past = timezone.now() - datetime.timedelta(days=30)
    Event.objects.filter(pk=event.pk).update(starts_at=past)
    event.refresh_from_db()
    save(event, django_capture_on_commit_callbacks, place="Lyon")
    assert mail.outbox == []


def test_a_change_made_in_the_admin_reaches_those_who_answered(
    client, staff_user, event, answers, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    starts = timezone.localtime(event.starts_at) + datetime.timedelta(days=1)
    data = {
        "cohort": event.cohort.pk,
        "kind": event.kind,
        "title": event.title,
        "starts_at": starts.strftime("%Y-%m-%d %H:%M"),
        "ends_at": "",
        "place": event.place,
        "description": "",
        "capacity": "1",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(Event.snippet_viewset.get_url_name("edit"), args=[event.pk]), data
        )

    assert response.status_code == 302
    assert len(mail.outbox) == 2
    assert starts.strftime("%Y") in mail.outbox[0].body
