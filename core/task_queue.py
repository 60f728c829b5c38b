"""The rows of the background task queue (django-tasks' database backend), kept bounded.

Every save of a model Wagtail tracks queues one ``update_reference_index_task`` (Wagtail 8,
``wagtail.signal_handlers.update_reference_index_on_save``): nothing dedupes them, so while no
worker runs, or faster than it runs, the same object is queued again and again. The task
reads the object's current state, so one queued row per object does the same work as many:
``task_queue_prune`` keeps the oldest queued row of each object and deletes the others. It
also deletes finished rows (successful or failed) past ``EIG_TASK_RESULTS_KEEP_DAYS``, as the
library's ``prune_db_task_results`` command does, so that the table does not grow forever.
A queued row of any other task is never touched: each one is work still to do.
"""

import datetime
import json

from django.db.models import Q
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

REFERENCE_INDEX_TASK = "wagtail.tasks.update_reference_index_task"
DELETE_BATCH = 500


def task_queue_prune(*, now: datetime.datetime, keep_days: int) -> int:
    """Delete finished rows older than ``keep_days`` and queued duplicates of Wagtail's
    reference-index update; returns how many rows were deleted."""
    finished, _ = DBTaskResult.objects.filter(
        Q(status=TaskResultStatus.SUCCESSFUL) | Q(status=TaskResultStatus.FAILED),
        finished_at__lt=now - datetime.timedelta(days=keep_days),
    ).delete()
    return finished + _reference_index_duplicates_delete()


def _reference_index_duplicates_delete() -> int:
    queued = (
        DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=REFERENCE_INDEX_TASK)
        .order_by("enqueued_at", "id")
        .values_list("id", "args_kwargs")
    )
    kept: set[str] = set()
    duplicates = []
    for task_id, args_kwargs in queued.iterator(chunk_size=2000):
        key = json.dumps(args_kwargs, sort_keys=True)
        if key in kept:
            duplicates.append(task_id)
        else:
            kept.add(key)
    deleted = 0
    for start in range(0, len(duplicates), DELETE_BATCH):
        # Still queued when deleted: a row a worker took meanwhile is left to it.
        count, _ = DBTaskResult.objects.filter(
            id__in=duplicates[start : start + DELETE_BATCH], status=TaskResultStatus.READY
        ).delete()
        deleted += count
    return deleted
