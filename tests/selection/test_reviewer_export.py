"""The reviewers' CSV of their assigned applications: what a candidate writes can never run as a
spreadsheet formula."""

import csv
import io

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.selection.factories import ReviewFactory

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example","Cliquer")'
COMMAND = "=cmd|' /C calc'!A0"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_reviewer_export_neutralises_what_a_candidate_wrote_as_a_formula(client):
    reviewer = UserFactory(username="jury", email="jury@example.fr")
    ReviewFactory(
        reviewer=reviewer,
        has_conflict=False,
        application__full_name=HYPERLINK,
        application__motivation=COMMAND,
        application__links="@SUM(A1:A9) https://exemple.fr",
    )
    client.force_login(reviewer)

    response = client.get(reverse("selection:reviewer-export"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    header, row = csv.reader(io.StringIO(response.content.decode(), newline=""))
    assert header[:2] == ["promotion", "candidat"]
    cells = dict(zip(header, row, strict=True))
    assert cells["candidat"] == f"'{HYPERLINK}"
    assert cells["motivation"] == f"'{COMMAND}"
    assert cells["liens"] == "'@SUM(A1:A9) https://exemple.fr"
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


def test_a_conflicted_reviewer_sees_the_hostile_name_neutralised_and_nothing_else(client):
    reviewer = UserFactory(username="jury", email="jury@example.fr")
    ReviewFactory(reviewer=reviewer, has_conflict=True, application__full_name=COMMAND)
    client.force_login(reviewer)

    header, row = csv.reader(
        io.StringIO(client.get(reverse("selection:reviewer-export")).content.decode(), newline="")
    )

    cells = dict(zip(header, row, strict=True))
    assert cells["candidat"] == f"'{COMMAND}"
    assert cells["motivation"] == ""
