"""The cohorts' admin writes through the cohorts' services, as the front office does: the
attendance sheet, and each form of promotions, people, fellowships, events and attendance
records. A refused write shows its error in French and saves nothing."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from cohorts import events_services, services
from cohorts.models import Attendance, AttendanceStatus, Cohort, Event, Fellowship, Person, Profile
from tests.admin_writes import page_text, service_calls
from tests.factories import ChallengeFactory, CohortFactory, FellowshipFactory, PersonFactory
from tests.program_life_factories import EventFactory, team_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(cohort=CohortFactory(), title="Séminaire de rentrée")


@pytest.fixture
def fellow(event):
    user = team_member(challenge=ChallengeFactory(cohort=event.cohort), full_name="Alice Martin")
    return user.person


def sheet_url(event):
    return reverse(Event.snippet_viewset.get_url_name("attendance"), args=[event.pk])


def test_attendance_sheet_records_through_event_attendance_record(
    client, staff_user, event, fellow, monkeypatch
):
    calls = service_calls(monkeypatch, events_services, "event_attendance_record")
    client.force_login(staff_user)

    response = client.post(sheet_url(event), {f"person_{fellow.pk}": AttendanceStatus.PRESENT})

    assert response.status_code == 302
    assert calls == [{"event": event, "statuses": {fellow.pk: AttendanceStatus.PRESENT}}]
    assert Attendance.objects.get().status == AttendanceStatus.PRESENT


def test_attendance_sheet_refuses_an_unknown_status_in_french_and_saves_nothing(
    client, staff_user, event, fellow, monkeypatch
):
    calls = service_calls(monkeypatch, events_services, "event_attendance_record")
    client.force_login(staff_user)

    response = client.post(sheet_url(event), {f"person_{fellow.pk}": "en-retard"})

    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in page_text(response)
    assert calls == []
    assert not Attendance.objects.exists()


# --- Cohorts, people, fellowships, events and attendance records ------------------------------


def snippet_url(model, action, *args):
    return reverse(model.snippet_viewset.get_url_name(action), args=args)


def cohort_data(**overrides):
    return {
        "name": "EIG 9",
        "slug": "eig-9",
        "track": "eig",
        "number": "9",
        "year": "2026",
        "start_date": "2026-01-15",
        "end_date": "2026-11-15",
        "challenges_call_opens": "2025-06-01",
        "challenges_call_closes": "2025-07-01",
        "candidates_call_opens": "2025-09-01",
        "candidates_call_closes": "2025-10-01",
    } | overrides


def test_admin_creates_a_cohort_through_cohort_save(client, staff_user, monkeypatch):
    calls = service_calls(monkeypatch, services, "cohort_save")
    client.force_login(staff_user)

    response = client.post(snippet_url(Cohort, "add"), cohort_data())

    assert response.status_code == 302
    assert [call["user"] for call in calls] == [staff_user]
    cohort = Cohort.objects.get(slug="eig-9")
    assert cohort.challenges_call_closes == datetime.date(2025, 7, 1)
    assert cohort.history.get().history_user == staff_user
    entry = ModelLogEntry.objects.get(object_id=str(cohort.pk), action="wagtail.create")
    assert entry.user == staff_user


def test_admin_refuses_a_call_closing_before_it_opens_and_saves_nothing(client, staff_user):
    cohort = CohortFactory(number=9)
    client.force_login(staff_user)

    response = client.post(
        snippet_url(Cohort, "edit", cohort.pk),
        cohort_data(candidates_call_opens="2025-10-01", candidates_call_closes="2025-09-01"),
    )

    assert response.status_code == 200
    assert "L'appel à candidatures doit se clore après son ouverture." in page_text(response)
    cohort.refresh_from_db()
    assert cohort.candidates_call_opens is None


def person_data(**overrides):
    return {"full_name": "Alice Martin", "slug": "alice-martin", "biography": ""} | overrides


def test_admin_changes_a_person_through_person_save(client, staff_user, monkeypatch):
    calls = service_calls(monkeypatch, services, "person_save")
    person = PersonFactory(slug="alice-martin")
    client.force_login(staff_user)

    response = client.post(
        snippet_url(Person, "edit", person.pk), person_data(website="https://alice.fr")
    )

    assert response.status_code == 302
    assert [call["instance"] for call in calls] == [person]
    person.refresh_from_db()
    assert (person.full_name, person.website) == ("Alice Martin", "https://alice.fr")


def test_admin_refuses_a_person_with_a_taken_url_identifier_and_saves_nothing(client, staff_user):
    PersonFactory(slug="alice-martin")
    client.force_login(staff_user)

    response = client.post(snippet_url(Person, "add"), person_data())

    assert response.status_code == 200
    assert "existe déjà" in page_text(response)
    assert Person.objects.count() == 1


def test_admin_records_a_fellowship_through_fellowship_save(client, staff_user, monkeypatch):
    calls = service_calls(monkeypatch, services, "fellowship_save")
    person, cohort = PersonFactory(), CohortFactory()
    client.force_login(staff_user)

    response = client.post(
        snippet_url(Fellowship, "add"),
        {"person": person.pk, "cohort": cohort.pk, "profile": Profile.DESIGNER},
    )

    assert response.status_code == 302
    assert len(calls) == 1
    assert Fellowship.objects.get().profile == Profile.DESIGNER


def test_admin_refuses_a_second_fellowship_in_the_same_cohort_and_saves_nothing(client, staff_user):
    fellowship = FellowshipFactory()
    client.force_login(staff_user)

    response = client.post(
        snippet_url(Fellowship, "add"),
        {
            "person": fellowship.person.pk,
            "cohort": fellowship.cohort.pk,
            "profile": Profile.DESIGNER,
        },
    )

    assert response.status_code == 200
    assert "existe déjà" in page_text(response)
    assert Fellowship.objects.count() == 1


def event_data(event, **overrides):
    return {
        "cohort": event.cohort.pk,
        "kind": event.kind,
        "title": event.title,
        "starts_at": "2026-09-01 09:00",
        "ends_at": "2026-09-01 17:00",
        "place": "Paris",
        "description": "",
    } | overrides


def test_admin_changes_an_event_through_event_save(client, staff_user, event, monkeypatch):
    calls = service_calls(monkeypatch, events_services, "event_save")
    client.force_login(staff_user)

    response = client.post(snippet_url(Event, "edit", event.pk), event_data(event, place="Lyon"))

    assert response.status_code == 302
    assert [call["instance"] for call in calls] == [event]
    event.refresh_from_db()
    assert event.place == "Lyon"


def test_admin_refuses_an_event_ending_before_it_starts_and_saves_nothing(
    client, staff_user, event
):
    client.force_login(staff_user)

    response = client.post(
        snippet_url(Event, "edit", event.pk),
        event_data(event, ends_at="2026-09-01 08:00", place="Lyon"),
    )

    assert response.status_code == 200
    assert "La fin de l'événement doit suivre son début." in page_text(response)
    event.refresh_from_db()
    assert event.place == "Paris"


def test_admin_records_one_attendance_through_attendance_save(
    client, staff_user, event, fellow, monkeypatch
):
    calls = service_calls(monkeypatch, events_services, "attendance_save")
    client.force_login(staff_user)

    response = client.post(
        snippet_url(Attendance, "add"),
        {"event": event.pk, "person": fellow.pk, "status": AttendanceStatus.EXCUSED},
    )

    assert response.status_code == 302
    assert len(calls) == 1
    assert Attendance.objects.get().status == AttendanceStatus.EXCUSED


def test_admin_refuses_a_second_attendance_of_one_person_and_saves_nothing(
    client, staff_user, event, fellow
):
    Attendance.objects.create(event=event, person=fellow, status=AttendanceStatus.PRESENT)
    client.force_login(staff_user)

    response = client.post(
        snippet_url(Attendance, "add"),
        {"event": event.pk, "person": fellow.pk, "status": AttendanceStatus.ABSENT},
    )

    assert response.status_code == 200
    assert "existe déjà" in page_text(response)
    assert Attendance.objects.get().status == AttendanceStatus.PRESENT
