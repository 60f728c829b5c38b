"""The task queue stays bounded: Wagtail's reference-index updates queued once per object,
finished rows deleted after the retention delay, every other queued task kept."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page

from core.schedule import jobs
from evaluation.tasks import report_generate_task

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def database_queue(settings):
    """No worker runs: queued tasks stay in the database, as in production with it stopped."""
    settings.TASKS = DATABASE_TASKS
    settings.EIG_TASK_RESULTS_KEEP_DAYS = 14


def prune_job():
    return next(job for job in jobs() if job.name == "task_queue_prune")


def queued_reference_updates() -> list[list]:
    return [
        row.args_kwargs["args"]
        for row in DBTaskResult.objects.filter(
            status="READY", task_path="wagtail.tasks.update_reference_index_task"
        )
    ]


def test_saving_a_page_ten_times_leaves_one_queued_reference_update(database_queue):
    root = Page.objects.get(depth=1)
    other = Page.objects.get(depth=2)
    for _ in range(10):
        root.save()
    other.save()
    report = report_generate_task.enqueue(report_id=1)
    report_again = report_generate_task.enqueue(report_id=1)
    assert len(queued_reference_updates()) == 11

    assert prune_job().run(timezone.now()) == 9
    assert prune_job().run(timezone.now()) == 0

    assert sorted(queued_reference_updates()) == sorted(
        [["wagtailcore", "page", str(root.pk)], ["wagtailcore", "page", str(other.pk)]]
    )
    # Any other queued task is work still to do, even twice the same.
    assert DBTaskResult.objects.filter(id__in=[report.id, report_again.id]).count() == 2


def test_finished_rows_are_deleted_after_the_retention_delay(database_queue):
    now = timezone.now()
    for status, age in [
        ("SUCCESSFUL", 15),
        ("FAILED", 15),
        ("SUCCESSFUL", 13),
        ("RUNNING", 30),
    ]:
        result = report_generate_task.enqueue(report_id=1)
        DBTaskResult.objects.filter(id=result.id).update(
            status=status, finished_at=now - dt.timedelta(days=age)
        )

    assert prune_job().run(now) == 2

    assert sorted(DBTaskResult.objects.values_list("status", flat=True)) == [
        "RUNNING",
        "SUCCESSFUL",
    ]
