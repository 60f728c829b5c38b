"""Calendar feeds: the public events at /evenements.ics, and each person's events at a private
address whose token can be renewed. The feeds are read back with icalendar, as a calendar
application would."""

import datetime

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cohorts.models import CalendarFeed, RsvpStatus
from tests.factories import ChallengeFactory, CohortFactory
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


def entries(response) -> dict[str, icalendar.Event]:
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(entry["summary"]): entry for entry in calendar.walk("VEVENT")}


def feed_url(client) -> str:
    """The address of the logged-in person's feed, as the team space shows it."""
    client.post(reverse("team:calendar-renew"))
    page = client.get(reverse("team:home"))
    token = CalendarFeed.objects.get().token
    url = reverse("team:calendar", args=[token])
    assert url in page.content.decode()
    return url


def test_the_public_feed_holds_the_public_events_only(client, cohort):
    starts = datetime.datetime(2026, 12, 10, 9, 30, tzinfo=datetime.UTC)
    EventFactory(
        cohort=cohort,
        title="Démo day",
        is_public=True,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        place="Ségur, Paris",
    )
    EventFactory(cohort=cohort, title="Séminaire interne")
    EventFactory(cohort=cohort, title="Rencontre annulée", is_public=True, is_cancelled=True)

    response = client.get("/evenements.ics")

    found = entries(response)
    assert set(found) == {"Démo day", "Rencontre annulée"}
    assert found["Démo day"].decoded("dtstart") == starts
    assert found["Démo day"].decoded("dtend") == starts + datetime.timedelta(hours=3)
    assert str(found["Démo day"]["location"]) == "Ségur, Paris"
    assert str(found["Démo day"]["status"]) == "CONFIRMED"
    # A cancelled event stays, so that calendars which imported it show the cancellation.
    assert str(found["Rencontre annulée"]["status"]) == "CANCELLED"


def test_a_fellow_subscribes_to_the_events_of_their_cohort_with_their_answer(
    client, fellow, cohort
):
    seminar = EventFactory(cohort=cohort, title="Séminaire de printemps")
    EventFactory(cohort=CohortFactory(name="EIG 8", number=8), title="Séminaire d'une autre")
    client.force_login(fellow)
    client.post(reverse("team:event", args=[seminar.pk]), {"answer": "yes"})
    url = feed_url(client)
    client.logout()

    # Calendar applications fetch the feed without a session.
    response = client.get(url)

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    found = entries(response)
    assert set(found) == {"Séminaire de printemps"}
    entry = found["Séminaire de printemps"]
    assert f"Votre réponse : {RsvpStatus.ATTENDING.label}" in str(entry["description"])
    assert str(entry["url"]).endswith(reverse("team:event", args=[seminar.pk]))


def test_renewing_the_address_revokes_the_former_one(client, fellow):
    client.force_login(fellow)
    former = feed_url(client)

    response = client.post(reverse("team:calendar-renew"), follow=True)

    assert "l'ancienne ne répond plus" in response.content.decode().replace("&#x27;", "'")
    current = reverse("team:calendar", args=[CalendarFeed.objects.get().token])
    assert current != former
    client.logout()
    assert client.get(former).status_code == 404
    assert client.get(current).status_code == 200


@pytest.mark.parametrize(("token", "status"), [("inconnu", 404), ("x" * 65, 404), ("a%00b", 400)])
def test_a_wrong_token_reveals_nothing(client, fellow, token, status):
    response = client.get(f"/equipe/calendrier/{token}.ics")
    assert response.status_code == status


def test_asking_for_a_feed_needs_an_account_with_a_person(client, django_user_model):
    assert client.post(reverse("team:calendar-renew")).status_code == 302  # to the login page
    client.force_login(django_user_model.objects.create_user("sans-fiche", "x@example.org"))
    assert client.post(reverse("team:calendar-renew")).status_code == 404
    assert client.get(reverse("team:calendar-renew")).status_code == 405
    assert not CalendarFeed.objects.exists()


def test_the_personal_feed_reads_a_constant_number_of_queries(client, fellow, cohort):
    client.force_login(fellow)
    url = feed_url(client)
    client.logout()

    def queries_for(count: int) -> int:
        for index in range(count):
            event = EventFactory(cohort=cohort)
            if index % 2:
                event.rsvps.create(
                    person=fellow.person, status=RsvpStatus.DECLINED, answered_at=event.starts_at
                )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert queries_for(2) == queries_for(20)
