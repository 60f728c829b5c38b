"""Fellows and alumni keep the history of their positions themselves; nobody else edits it."""

import datetime

import pytest
from django.urls import reverse

from alumni.models import Position, Sector
from tests.alumni_factories import alumnus
from tests.factories import PositionFactory

pytestmark = pytest.mark.django_db


def position_values(**overrides) -> dict:
    values = {
        "title": "Cheffe de produit",
        "organisation": "Agence nationale de la cohésion des territoires",
        "sector": Sector.PUBLIC,
        "start": "2022-03-01",
        "end": "",
    }
    return values | overrides


def test_an_alumnus_adds_a_position_to_their_history(client, alumnus_user):
    client.force_login(alumnus_user)

    response = client.post(reverse("alumni:position-create"), position_values())

    assert response.status_code == 302
    position = Position.objects.get()
    assert position.person == alumnus_user.person
    assert position.start == datetime.date(2022, 3, 1)
    assert (
        "Agence nationale de la cohésion des territoires"
        in client.get(reverse("alumni:profile")).content.decode()
    )


def test_a_position_ending_before_it_starts_is_refused_in_french_keeping_the_values(
    client, alumnus_user
):
    client.force_login(alumnus_user)

    response = client.post(reverse("alumni:position-create"), position_values(end="2021-01-01"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "La fin du poste ne peut précéder son début." in page
    assert "Agence nationale de la cohésion des territoires" in page
    assert not Position.objects.exists()


def test_the_owner_edits_and_deletes_their_position(client, alumnus_user):
    position = PositionFactory(person=alumnus_user.person)
    client.force_login(alumnus_user)

    client.post(
        reverse("alumni:position-update", args=[position.pk]),
        position_values(title="Directrice de projet"),
    )
    position.refresh_from_db()
    assert position.title == "Directrice de projet"

    response = client.post(reverse("alumni:position-delete", args=[position.pk]))

    assert response.status_code == 302
    assert not Position.objects.filter(pk=position.pk).exists()


@pytest.mark.parametrize("view", ["alumni:position-update", "alumni:position-delete"])
def test_another_alumnus_gets_404_on_a_position_and_cannot_change_it(client, alumnus_user, view):
    position = PositionFactory(person=alumnus(username="autre").person, title="Poste d'autrui")
    client.force_login(alumnus_user)

    shown = client.get(reverse(view, args=[position.pk]))
    posted = client.post(reverse(view, args=[position.pk]), position_values(title="Piraté"))

    assert shown.status_code == 404
    assert posted.status_code == 404
    position.refresh_from_db()
    assert position.title == "Poste d'autrui"


def test_staff_edit_positions_in_the_admin_not_in_the_front_office(client, staff_user):
    position = PositionFactory()
    client.force_login(staff_user)

    assert client.get(reverse("alumni:position-update", args=[position.pk])).status_code == 404


def test_a_user_who_is_not_a_fellow_has_no_network_profile(client, outsider_user):
    client.force_login(outsider_user)

    assert client.get(reverse("alumni:profile")).status_code == 404
    assert client.post(reverse("alumni:position-create"), position_values()).status_code == 404
    assert not Position.objects.exists()
