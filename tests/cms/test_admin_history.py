"""Staff see, for each record, who changed which field from what to what, and when."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts.models import Cohort
from projects.models import Challenge, ChallengeStatus
from tests.factories import AdministrationFactory, ChallengeFactory, CohortFactory, UserFactory

pytestmark = pytest.mark.django_db


def admin_url(model, view, *args) -> str:
    return reverse(model.snippet_viewset.get_url_name(view), args=args)


def change_rows(response) -> list[str]:
    """The text of each row of the changes table, newest first, as a screen reader reads it."""
    page = re.sub(r'<span aria-hidden="true">.*?</span>', "", response.content.decode())
    body = re.search(r"<tbody>(.*?)</tbody>", page, re.S)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1), re.S) if body else []
    return [
        re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", row))).strip() for row in rows
    ]


def cohort_form(cohort: Cohort, **changes) -> dict:
    data = {
        "name": cohort.name,
        "slug": cohort.slug,
        "track": cohort.track,
        "number": cohort.number,
        "year": cohort.year,
        "start_date": cohort.start_date.isoformat(),
        "end_date": cohort.end_date.isoformat(),
    }
    return data | changes


def challenge_form(challenge: Challenge, **changes) -> dict:
    data = {
        "cohort": challenge.cohort_id,
        "title": challenge.title,
        "slug": challenge.slug,
        "summary": challenge.summary,
        "body": challenge.body,
        "administrations": [a.pk for a in challenge.administrations.all()],
        "duration_months": challenge.duration_months,
        "status": challenge.status,
        "is_published": "on" if challenge.is_published else "",
        "outcome": challenge.outcome,
    }
    return data | changes


@pytest.fixture
def staff_member(db):
    return UserFactory(username="equipe", first_name="Inès", last_name="Durand", staff=True)


def test_staff_edit_records_the_staff_member_and_the_changed_field(client, staff_member):
    cohort = CohortFactory(name="EIG 1", number=1)
    client.force_login(staff_member)

    response = client.post(
        admin_url(Cohort, "edit", cohort.pk),
        cohort_form(cohort, name="EIG 1 — promotion pionnière"),
    )

    assert response.status_code == 302
    latest, creation = cohort.history.order_by("-history_date")
    assert latest.history_user == staff_member
    assert latest.history_type == "~"
    assert latest.diff_against(creation).changed_fields == ["name"]


def test_changes_page_shows_who_changed_which_field_from_what_to_what(client, staff_member):
    cohort = CohortFactory(name="EIG 1", number=1)
    client.force_login(staff_member)
    client.post(
        admin_url(Cohort, "edit", cohort.pk),
        cohort_form(cohort, name="EIG 1 — promotion pionnière", end_date="2017-12-15"),
    )

    response = client.get(admin_url(Cohort, "changes", cohort.pk))

    assert response.status_code == 200
    edit, creation = change_rows(response)
    assert "Inès Durand" in edit
    assert "Modification" in edit
    assert "Nom : EIG 1 devient EIG 1 — promotion pionnière" in edit
    assert "Fin du programme : 15 novembre 2017 devient 15 décembre 2017" in edit
    assert "Numéro" not in edit
    today = timezone.localdate().strftime("%Y")
    assert today in edit
    assert "Création" in creation
    assert "Import ou traitement automatique" in creation
    assert "Nom : EIG 1" in creation


def test_changes_page_shows_a_change_of_host_administrations(client, staff_member):
    before = AdministrationFactory(name="Cour des comptes")
    after = AdministrationFactory(name="Agence du numérique en santé")
    challenge = ChallengeFactory(title="Lab santé", administrations=[before])
    client.force_login(staff_member)

    client.post(
        admin_url(Challenge, "edit", challenge.pk),
        challenge_form(challenge, administrations=[after.pk], status=ChallengeStatus.IN_PROGRESS),
    )
    response = client.get(admin_url(Challenge, "changes", challenge.pk))

    # The form saves the fields, then removes the old host and adds the new one: three records.
    added, removed, saved = change_rows(response)[:3]
    assert "Inès Durand" in saved and "Inès Durand" in removed and "Inès Durand" in added
    assert "État : Terminé devient En cours" in saved
    assert "Administrations d'accueil : Cour des comptes devient (vide)" in removed
    assert "Administrations d'accueil : (vide) devient Agence du numérique en santé" in added


def test_edit_inspect_and_history_pages_link_to_the_changes(client, staff_member):
    cohort = CohortFactory()
    client.force_login(staff_member)
    changes_url = admin_url(Cohort, "changes", cohort.pk)

    for view in ("edit", "inspect", "history"):
        response = client.get(admin_url(Cohort, view, cohort.pk))

        assert f'href="{changes_url}"' in response.content.decode(), view


def test_wagtail_history_names_the_staff_member_who_edited(client, staff_member):
    cohort = CohortFactory(name="EIG 1", number=1)
    client.force_login(staff_member)
    client.post(admin_url(Cohort, "edit", cohort.pk), cohort_form(cohort, name="EIG un"))

    response = client.get(admin_url(Cohort, "history", cohort.pk))

    [row] = change_rows(response)
    assert "Modifié" in row
    assert "Inès Durand" in row
