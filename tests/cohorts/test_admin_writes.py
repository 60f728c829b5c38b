"""The attendance sheet of the cohorts' admin writes through cohorts.events_services, as the
front office does; a refused sheet shows its error in French and saves nothing."""

import pytest
from django.urls import reverse

from cohorts import events_services
from cohorts.models import Attendance, AttendanceStatus, Event
from tests.admin_writes import page_text, service_calls
from tests.factories import ChallengeFactory, CohortFactory
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
