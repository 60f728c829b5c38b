"""A report whose worker stopped mid-render: detected by its old heartbeat, marked failed with a
French message, and restarted in one click from the reports page."""

import datetime as dt
import html

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from core.schedule import jobs
from evaluation.models import Report, ReportStatus
from evaluation.services import report_generate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
INTERRUPTED = "Le calcul s'est interrompu"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def limit(settings):
    settings.EIG_REPORT_STALLED_MINUTES = 15


def staff_in(group_name: str, username: str):
    user = UserFactory(username=username, is_staff=True, totp=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def evaluation_client(client):
    client.force_login(staff_in("Évaluation", "evaluatrice"))
    return client


def running_report(*, heartbeat: dt.datetime) -> Report:
    return Report.objects.create(
        status=ReportStatus.RUNNING, progress=10, started_at=START, heartbeat_at=heartbeat
    )


def stalled_reports_job():
    return next(job for job in jobs() if job.name == "stalled_reports")


def test_reports_page_marks_a_report_left_running_past_the_limit_failed(
    evaluation_client, time_machine
):
    report = running_report(heartbeat=START)
    time_machine.move_to(START + dt.timedelta(minutes=16), tick=False)

    listing = evaluation_client.get(reverse("evaluation:reports")).content.decode()
    listing = html.unescape(listing)

    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert report.error_message.startswith(INTERRUPTED)
    assert "plus de 15 minutes" in report.error_message
    assert report.finished_at == START + dt.timedelta(minutes=16)
    assert INTERRUPTED in listing
    assert reverse("evaluation:report-restart", args=[report.pk]) in listing
    assert "Actualiser l'avancement" not in listing


def test_reports_page_leaves_a_running_report_with_a_fresh_heartbeat(
    evaluation_client, time_machine
):
    report = running_report(heartbeat=START + dt.timedelta(minutes=10))
    time_machine.move_to(START + dt.timedelta(minutes=16), tick=False)

    listing = evaluation_client.get(reverse("evaluation:reports")).content.decode()
    listing = html.unescape(listing)

    report.refresh_from_db()
    assert (report.status, report.progress, report.error_message) == ("running", 10, "")
    assert "En cours" in listing and "Actualiser l'avancement" in listing
    assert reverse("evaluation:report-restart", args=[report.pk]) not in listing


def test_scheduled_job_marks_only_stalled_reports_failed_and_twice_does_nothing(time_machine):
    stalled = running_report(heartbeat=START)
    # A report from before heartbeats existed: its start time stands for its heartbeat.
    silent = Report.objects.create(status=ReportStatus.RUNNING, started_at=START)
    fresh = running_report(heartbeat=START + dt.timedelta(minutes=14))
    pending = Report.objects.create()
    now = START + dt.timedelta(minutes=20)

    assert stalled_reports_job().run(now) == 2
    assert stalled_reports_job().run(now) == 0

    statuses = dict(Report.objects.values_list("pk", "status"))
    assert statuses == {
        stalled.pk: "failed",
        silent.pk: "failed",
        fresh.pk: "running",
        pending.pk: "pending",
    }


def test_a_stalled_report_restarts_in_one_click_and_completes(
    evaluation_client, media, time_machine, django_capture_on_commit_callbacks
):
    report = running_report(heartbeat=START)
    time_machine.move_to(START + dt.timedelta(hours=1), tick=False)
    evaluation_client.get(reverse("evaluation:reports"))

    with django_capture_on_commit_callbacks(execute=True):
        response = evaluation_client.post(reverse("evaluation:report-restart", args=[report.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:reports")
    report.refresh_from_db()
    assert (report.status, report.progress, report.error_message) == ("done", 100, "")
    assert report.file and report.started_at == START + dt.timedelta(hours=1)
    listing = evaluation_client.get(reverse("evaluation:reports")).content.decode()
    listing = html.unescape(listing)
    assert "Rapport relancé" in listing
    assert reverse("evaluation:report-download", args=[report.pk]) in listing


def test_only_a_failed_report_can_be_restarted(
    evaluation_client, django_capture_on_commit_callbacks
):
    report = running_report(heartbeat=timezone.now())

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = evaluation_client.post(reverse("evaluation:report-restart", args=[report.pk]))

    assert response.status_code == 302
    assert callbacks == []
    report.refresh_from_db()
    assert report.status == ReportStatus.RUNNING
    listing = evaluation_client.get(reverse("evaluation:reports")).content.decode()
    listing = html.unescape(listing)
    assert "Seul un rapport en échec peut être relancé." in listing
    missing = reverse("evaluation:report-restart", args=[report.pk + 100])
    assert evaluation_client.post(missing).status_code == 404


def test_restart_is_a_post_with_csrf_token(client):
    report = Report.objects.create(status=ReportStatus.FAILED, error_message="x")
    client.force_login(staff_in("Évaluation", "evaluatrice"))
    url = reverse("evaluation:report-restart", args=[report.pk])

    assert client.get(url).status_code == 405
    client.handler.enforce_csrf_checks = True
    assert client.post(url).status_code == 403
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED


def test_staff_without_the_reports_permission_cannot_restart(client):
    report = Report.objects.create(status=ReportStatus.FAILED, error_message="x")
    client.force_login(staff_in("Communication", "communicante"))

    response = client.post(reverse("evaluation:report-restart", args=[report.pk]))

    assert response.status_code in {302, 403}
    assert response.status_code == 403 or response["Location"] != reverse("evaluation:reports")
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED


def test_generation_beats_as_it_progresses(media, time_machine):
    time_machine.move_to(START, tick=False)
    report = Report.objects.create()

    report_generate(report_id=report.pk)

    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    assert report.heartbeat_at == START


def test_a_worker_that_comes_back_after_a_restart_does_not_overwrite_the_new_run(
    media, monkeypatch
):
    from evaluation import services

    report = Report.objects.create()
    real_render = services.report_pdf_render

    def render_then_find_report_restarted(**kwargs):
        pdf = real_render(**kwargs)
        # Meanwhile: taken as interrupted, restarted, and picked by another worker.
        Report.objects.filter(pk=report.pk).update(started_at=timezone.now() + dt.timedelta(1))
        return pdf

    monkeypatch.setattr(services, "report_pdf_render", render_then_find_report_restarted)

    report_generate(report_id=report.pk)

    report.refresh_from_db()
    assert (report.status, report.file.name) == ("running", "")
    assert not list((media / "eig" / "reports").glob("*.pdf"))
