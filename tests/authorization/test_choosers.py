"""Wagtail's choosers of the program's records (the modal that picks a record for a form
field) ask for the permissions of the record's listing: a communication officer, who may not
read the applications, cannot list the applicants' names through the application chooser."""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from selection.models import Application
from tests.factories import UserFactory
from tests.selection.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

CHOOSER = Application.snippet_viewset.chooser_viewset


def staff_in(group_name: str):
    user = UserFactory(is_staff=True)
    user.groups.set([Group.objects.get(name=group_name)])
    return user


@pytest.fixture
def application():
    return ApplicationFactory(submitted=True, full_name="Dominique Candidate")


def chooser_urls(application) -> dict[str, str]:
    return {
        "choose": reverse(CHOOSER.get_url_name("choose")),
        "results": reverse(CHOOSER.get_url_name("choose_results")),
        "chosen": reverse(CHOOSER.get_url_name("chosen"), args=[application.pk]),
        "chosen_multiple": reverse(CHOOSER.get_url_name("chosen_multiple"))
        + f"?id={application.pk}",
    }


def test_a_communication_officer_is_refused_on_the_application_chooser(client, application):
    client.force_login(staff_in("Communication"))

    for name, url in chooser_urls(application).items():
        response = client.get(url)

        assert (response.status_code, response["Location"]) == (
            302,
            reverse("wagtailadmin_home"),
        ), name
        assert b"Dominique Candidate" not in response.content


def test_the_selection_group_chooses_an_application_by_its_name(client, application):
    client.force_login(staff_in("Sélection"))
    urls = chooser_urls(application)

    listing = client.get(urls["choose"])
    chosen = client.get(urls["chosen"])

    assert listing.status_code == 200
    assert "Dominique Candidate" in json.loads(listing.content)["html"]
    assert json.loads(chosen.content)["result"]["string"].startswith("Dominique Candidate")


def test_no_record_is_created_from_a_chooser(client, staff_user):
    client.force_login(staff_user)  # the superuser
    create_url = reverse(CHOOSER.get_url_name("create"))

    response = client.post(create_url, {"full_name": "Créée depuis un sélecteur"})

    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert not Application.objects.filter(full_name="Créée depuis un sélecteur").exists()
