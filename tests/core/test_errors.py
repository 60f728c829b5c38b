"""A database that cannot be reached answers 503, in French, with Retry-After; not 500."""

import html
from unittest import mock

import pytest
from django.db import IntegrityError, OperationalError, connection
from django.test import Client
from django.urls import reverse

from tests.authorization.matrix import close_without_closing_the_database

pytestmark = pytest.mark.django_db


@pytest.fixture
def web():
    # Like a browser: the page Django answers with, not the exception re-raised in the test.
    return Client(raise_request_exception=False)


def unreachable(error=None):
    """The database refuses every new query for the duration of one request."""
    return mock.patch.object(
        connection,
        "ensure_connection",
        side_effect=error or OperationalError("connection to server failed: Connection refused"),
    )


def page_text(response) -> str:
    text = html.unescape(response.content.decode())
    close_without_closing_the_database(response)
    return text


def test_public_page_answers_503_in_french_when_the_database_is_down(web):
    with unreachable():
        response = web.get("/")

    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert response["Cache-Control"] == "no-store"
    text = page_text(response)
    assert "Service momentanément indisponible" in text
    assert "sa base de données est momentanément injoignable" in text
    assert '<html lang="fr"' in text
    # Rendered while every query fails: the page reads nothing from the database.


def test_signed_in_staff_get_503_when_the_connection_is_lost_mid_request(web, staff_user):
    web.force_login(staff_user)

    with unreachable(OperationalError("server closed the connection unexpectedly")):
        response = web.get(reverse("evaluation:reports"))

    assert response.status_code == 503
    assert "Service momentanément indisponible" in page_text(response)


def test_an_integrity_error_stays_a_server_error(web):
    with unreachable(IntegrityError("duplicate key value violates unique constraint")):
        response = web.get("/")

    assert response.status_code == 500
    assert not response.has_header("Retry-After")
    assert "Erreur inattendue" in page_text(response)


def test_the_site_works_again_once_the_database_is_back(web):
    with unreachable():
        assert web.get("/").status_code == 503

    response = web.get(reverse("evaluation:reports"))

    assert response.status_code == 302  # to the login page: the database answered
    close_without_closing_the_database(response)
