"""The positions in the alumni's admin are written through alumni.services, as the alumni's own
space does: a refused position shows its error in French and nothing is saved."""

import pytest
from django.urls import reverse

from alumni import services
from alumni.models import Position
from tests.admin_writes import page_text, service_calls
from tests.factories import PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db


def position_url(action, *args):
    return reverse(f"wagtailsnippets_alumni_position:{action}", args=args)


def position_data(person, **overrides):
    return {
        "person": person.pk,
        "organisation": "Cour des comptes",
        "sector": "public",
        "title": "Data scientist",
        "start": "2024-01-01",
        "end": "",
    } | overrides


def test_admin_records_a_position_through_position_create(client, staff_user, monkeypatch):
    calls = service_calls(monkeypatch, services, "position_create")
    person = PersonFactory()
    client.force_login(staff_user)

    response = client.post(position_url("add"), position_data(person))

    assert response.status_code == 302
    assert [call["person"] for call in calls] == [person]
    position = Position.objects.get()
    assert (position.person, position.organisation) == (person, "Cour des comptes")
    assert position.history.get().history_user == staff_user


def test_admin_corrects_a_position_through_position_update(client, staff_user, monkeypatch):
    calls = service_calls(monkeypatch, services, "position_update")
    position = PositionFactory()
    client.force_login(staff_user)

    response = client.post(
        position_url("edit", position.pk),
        position_data(position.person, title="Directrice des données"),
    )

    assert response.status_code == 302
    assert [call["position"] for call in calls] == [position]
    position.refresh_from_db()
    assert position.title == "Directrice des données"


def test_admin_refuses_a_position_that_ends_before_it_starts_and_saves_nothing(client, staff_user):
    person = PersonFactory()
    client.force_login(staff_user)

    response = client.post(position_url("add"), position_data(person, end="2023-06-30"))

    assert response.status_code == 200
    assert "La fin du poste ne peut précéder son début." in page_text(response)
    assert not Position.objects.exists()
