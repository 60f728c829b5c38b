"""The RGPD purge of rejected applications, driven by a clock (time-machine): nothing younger
than its retention period is touched, nothing older remains, files and history included."""

import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from selection.models import Application, Decision, EqualityStatistics, Review
from selection.services import application_decide
from tests.selection.factories import ApplicationFactory, EqualityStatisticsFactory, ReviewFactory

DECIDED = datetime.datetime(2026, 1, 15, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def rejected(*, keep: bool = False, name: str = "Candidat") -> Application:
    with time_machine.travel(DECIDED - datetime.timedelta(days=30), tick=False):
        review = ReviewFactory(application__full_name=name, application__keep_for_future_calls=keep)
        application = review.application
        EqualityStatisticsFactory(application=application)
    with time_machine.travel(DECIDED, tick=False):
        application_decide(application=application, decision=Decision.REJECTED, reason="Non.")
    return application


def purge() -> str:
    out = StringIO()
    call_command("purge_applications", stdout=out)
    return out.getvalue()


def remains(application: Application) -> bool:
    return Application.objects.filter(pk=application.pk).exists()


def test_a_rejection_younger_than_three_months_is_kept(db):
    application = rejected()
    cv_path = Path(application.cv.path)

    with time_machine.travel(DECIDED + datetime.timedelta(days=88), tick=False):
        output = purge()

    assert remains(application) and cv_path.exists()
    assert "Candidatures supprimées : 0." in output


def test_a_rejection_older_than_three_months_is_deleted_with_its_file_and_history(
    db, django_capture_on_commit_callbacks
):
    application = rejected()
    pk, cv_path = application.pk, Path(application.cv.path)
    assert Application.history.filter(id=pk).exists()

    with (
        time_machine.travel(DECIDED + datetime.timedelta(days=93), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        output = purge()

    assert not remains(application)
    assert not cv_path.exists()
    assert not Application.history.filter(id=pk).exists()
    assert not Review.objects.filter(application_id=pk).exists()
    assert not Review.history.filter(application_id=pk).exists()
    assert not EqualityStatistics.objects.filter(application_id=pk).exists()
    assert "Candidatures supprimées : 1." in output


def test_with_consent_a_rejection_is_kept_two_years(db, django_capture_on_commit_callbacks):
    application = rejected(keep=True)
    cv_path = Path(application.cv.path)

    with time_machine.travel(DECIDED + datetime.timedelta(days=365 * 2 - 2), tick=False):
        purge()
    assert remains(application) and cv_path.exists()

    with (
        time_machine.travel(DECIDED + datetime.timedelta(days=365 * 2 + 2), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        purge()
    assert not remains(application) and not cv_path.exists()


def test_the_purge_touches_neither_pending_nor_selected_nor_waiting_applications(db):
    with time_machine.travel(DECIDED, tick=False):
        pending = ApplicationFactory(submitted=True)
        waiting = ApplicationFactory(submitted=True)
        application_decide(application=waiting, decision=Decision.WAITING_LIST)
        selected = ApplicationFactory(submitted=True)
        application_decide(application=selected, decision=Decision.SELECTED)

    with time_machine.travel(DECIDED + datetime.timedelta(days=365 * 3), tick=False):
        purge()
        purge()  # safe to run twice

    assert remains(pending) and remains(waiting) and remains(selected)


def test_the_purge_mixes_old_and_young_in_one_run(db):
    old = rejected(name="Ancien")
    with time_machine.travel(DECIDED + datetime.timedelta(days=80), tick=False):
        young = ApplicationFactory(submitted=True, full_name="Récent")
        application_decide(application=young, decision=Decision.REJECTED, reason="Non.")

    with time_machine.travel(DECIDED + datetime.timedelta(days=95), tick=False):
        purge()

    assert not remains(old)
    assert remains(young)


def test_a_candidate_downloads_everything_held_about_them(client, db):
    application = rejected(name="Camille Données")
    client.force_login(application.candidate)

    response = client.get(reverse("selection:candidate-data"))

    data = json.loads(response.content)
    assert response["Content-Type"] == "application/json"
    assert data["compte"]["adresse_e_mail"] == application.candidate.email
    [held] = data["candidatures"]
    assert held["nom_complet"] == "Camille Données"
    assert held["motif"] == "Non."
    assert held["statistiques_egalite"]["genre"] == "Femme"


def test_a_candidate_erases_their_applications_and_files(
    client, db, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(submitted=True)
    other = ApplicationFactory(submitted=True)
    cv_path = Path(application.cv.path)
    client.force_login(application.candidate)

    assert client.get(reverse("selection:candidate-erasure")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("selection:candidate-erasure"), {"confirm": "yes"})

    assert not remains(application) and not cv_path.exists()
    assert not Application.history.filter(id=application.pk).exists()
    assert remains(other)


def test_the_retention_is_counted_in_calendar_months(db):
    from selection.services import months_before

    moment = timezone.make_aware(datetime.datetime(2026, 5, 31, 12, 0))

    assert months_before(moment, 3).date() == datetime.date(2026, 2, 28)
    assert months_before(moment, 24).date() == datetime.date(2024, 5, 31)
