"""The events of a cohort's ten months and their attendance: staff record them in the admin;
fellows and mentors see their cohort's events with their own attendance only."""

import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cohorts.events_selectors import team_events
from cohorts.models import Attendance, AttendanceStatus, Event, EventKind
from cohorts.rules_events import own_attendances, visible_events
from projects.models import TeamRole
from tests.factories import ChallengeFactory, CohortFactory, PersonFactory
from tests.program_life_factories import AttendanceFactory, EventFactory, team_member

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)


def page_text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def cohort():
    return CohortFactory(name="EIG 9", number=9, year=2026)


@pytest.fixture
def fellow(cohort):
    return team_member(
        challenge=ChallengeFactory(cohort=cohort), username="alice", full_name="Alice Martin"
    )


@pytest.fixture
def mentor(cohort):
    return team_member(
        challenge=ChallengeFactory(cohort=cohort), role=TeamRole.MENTOR, username="bruno"
    )


def test_members_see_the_events_of_their_own_cohorts_only(fellow, mentor, cohort, outsider_user):
    own = EventFactory(cohort=cohort, title="Bootcamp", kind=EventKind.BOOTCAMP)
    EventFactory(cohort=CohortFactory(name="EIG 8", number=8), title="Autre promotion")

    assert list(visible_events(fellow)) == [own]
    assert list(visible_events(mentor)) == [own]
    assert not visible_events(outsider_user).exists()


def test_a_member_sees_only_their_own_attendance(fellow, cohort):
    event = EventFactory(cohort=cohort)
    own = AttendanceFactory(event=event, person=fellow.person, status=AttendanceStatus.EXCUSED)
    AttendanceFactory(event=event, person=PersonFactory(), status=AttendanceStatus.ABSENT)

    assert list(own_attendances(fellow)) == [own]
    [row] = team_events(user=fellow, upcoming=True)
    assert row.attendance == own


def test_team_space_shows_upcoming_events_with_own_attendance(client, fellow, cohort, time_machine):
    time_machine.move_to(NOW, tick=False)
    seminar = EventFactory(
        cohort=cohort,
        title="Séminaire de printemps",
        kind=EventKind.SEMINAR,
        starts_at=NOW + datetime.timedelta(days=10),
        place="Marseille",
    )
    AttendanceFactory(event=seminar, person=fellow.person, status=AttendanceStatus.EXCUSED)
    EventFactory(
        cohort=cohort,
        title="Démo day",
        kind=EventKind.DEMO_DAY,
        starts_at=NOW + datetime.timedelta(days=200),
    )
    bootcamp = EventFactory(
        cohort=cohort,
        title="Bootcamp de rentrée",
        kind=EventKind.BOOTCAMP,
        starts_at=NOW - datetime.timedelta(days=40),
    )
    AttendanceFactory(event=bootcamp, person=fellow.person, status=AttendanceStatus.PRESENT)
    client.force_login(fellow)

    text = page_text(client.get(reverse("team:home")))

    upcoming, past = text.split("Événements passés")
    assert upcoming.index("Séminaire de printemps") < upcoming.index("Démo day")
    assert "Marseille" in upcoming
    assert "Excusé ou excusée" in upcoming
    assert "Non renseignée" in upcoming  # no attendance recorded yet for the demo day
    assert "Bootcamp de rentrée" not in upcoming
    assert "Bootcamp de rentrée" in past and "Présent ou présente" in past


def test_an_event_must_end_after_it_starts(cohort):
    event = Event(
        cohort=cohort,
        kind=EventKind.SEMINAR,
        title="Séminaire",
        starts_at=NOW,
        ends_at=NOW - datetime.timedelta(hours=1),
    )

    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert error.value.message_dict == {"ends_at": ["La fin de l'événement doit suivre son début."]}


def test_attendance_is_unique_per_event_and_person(fellow, cohort):
    event = EventFactory(cohort=cohort)
    AttendanceFactory(event=event, person=fellow.person)

    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(event=event, person=fellow.person, status="absent")


def test_events_and_attendance_keep_their_history(fellow, cohort):
    attendance = AttendanceFactory(person=fellow.person, status=AttendanceStatus.ABSENT)
    attendance.status = AttendanceStatus.EXCUSED
    attendance.save()

    assert [record.status for record in attendance.history.order_by("history_id")] == [
        "absent",
        "excused",
    ]
    assert attendance.event.history.count() == 1


# --- Staff, in the admin ------------------------------------------------------------------------


def test_staff_create_an_event_in_the_admin_with_its_author_recorded(client, staff_user, cohort):
    client.force_login(staff_user)

    response = client.post(
        reverse(Event.snippet_viewset.get_url_name("add")),
        {
            "cohort": cohort.pk,
            "kind": EventKind.MIDTERM_REVIEW,
            "title": "Revue de mi-parcours",
            "starts_at": "2026-06-02 09:30",
            "ends_at": "2026-06-02 17:00",
            "place": "Paris",
            "description": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get()
    assert timezone.localtime(event.starts_at).strftime("%Y-%m-%d %H:%M") == "2026-06-02 09:30"
    assert event.history.get().history_user == staff_user


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("model", [Event, Attendance], ids=lambda model: model.__name__)
def test_admin_lists_query_count_does_not_grow_with_rows(client, staff_user, model):
    url = reverse(model.snippet_viewset.get_url_name("list"))
    AttendanceFactory()
    client.force_login(staff_user)
    queries_for(client, url)
    one = queries_for(client, url)
    for _ in range(10):
        AttendanceFactory()

    assert queries_for(client, url) == one


def test_team_space_home_query_count_does_not_grow_with_events(client, fellow, cohort):
    client.force_login(fellow)
    AttendanceFactory(event=EventFactory(cohort=cohort), person=fellow.person)
    EventFactory(cohort=cohort, starts_at=timezone.now() - datetime.timedelta(days=30))
    # Warm the page frame's caches (the first visit creates the site's settings, which makes
    # the frame be built once more).
    queries_for(client, reverse("team:home"))
    queries_for(client, reverse("team:home"))
    one = queries_for(client, reverse("team:home"))
    for days in range(1, 9):
        event = EventFactory(
            cohort=cohort, starts_at=timezone.now() + datetime.timedelta(days=days)
        )
        AttendanceFactory(event=event, person=fellow.person)
        EventFactory(cohort=cohort, starts_at=timezone.now() - datetime.timedelta(days=days))

    assert queries_for(client, reverse("team:home")) == one


# --- Staff: the attendance sheet of an event ---------------------------------------------------


def test_staff_record_attendance_on_the_events_sheet(client, staff_user, fellow, mentor, cohort):
    event = EventFactory(cohort=cohort, title="Bootcamp", kind=EventKind.BOOTCAMP)
    team_member(
        challenge=fellow.person.memberships.get().challenge,
        role=TeamRole.SPONSOR,
        username="porteur",
        full_name="Paul Porteur",
    )
    team_member(challenge=ChallengeFactory(), username="ailleurs", full_name="Autre Promotion")
    url = reverse(Event.snippet_viewset.get_url_name("attendance"), args=[event.pk])
    client.force_login(staff_user)

    sheet = page_text(client.get(url))
    response = client.post(
        url,
        {
            f"person_{fellow.person.pk}": AttendanceStatus.PRESENT,
            f"person_{mentor.person.pk}": AttendanceStatus.EXCUSED,
        },
    )

    assert "Alice Martin" in sheet and mentor.person.full_name in sheet
    assert "Paul Porteur" not in sheet and "Autre Promotion" not in sheet
    assert response.status_code == 302
    assert dict(event.attendances.values_list("person__full_name", "status")) == {
        "Alice Martin": "present",
        mentor.person.full_name: "excused",
    }
    record = Attendance.objects.get(person=fellow.person)
    assert record.history.get().history_user == staff_user

    # Changing one status and clearing another changes only those records.
    client.post(url, {f"person_{fellow.person.pk}": AttendanceStatus.ABSENT})
    assert dict(event.attendances.values_list("person__full_name", "status")) == {
        "Alice Martin": "absent"
    }
    assert record.history.count() == 2
    assert 'value="absent" selected' in client.get(url).content.decode()


def test_attendance_sheet_query_count_does_not_grow_with_people(client, staff_user, cohort):
    event = EventFactory(cohort=cohort)
    url = reverse(Event.snippet_viewset.get_url_name("attendance"), args=[event.pk])
    AttendanceFactory(
        event=event, person=team_member(challenge=ChallengeFactory(cohort=cohort)).person
    )
    client.force_login(staff_user)
    queries_for(client, url)
    one = queries_for(client, url)
    for _ in range(8):
        user = team_member(challenge=ChallengeFactory(cohort=cohort))
        AttendanceFactory(event=event, person=user.person)

    assert queries_for(client, url) == one
