"""Background tasks (django-tasks): generating evaluation reports.

With the embedded default the task runs at once in the process that enqueues it; in production it
is stored in the database and run by the worker (``manage.py db_worker``, see docs/reports.md).
Requesting a report records it through the service, then queues this task once the request is
committed: the task module imports its service, never the other way round.
"""

import logging
from functools import partial

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django_tasks import task

from cohorts.models import Cohort
from evaluation.models import Report
from evaluation.services import report_create, report_fail, report_generate, report_reset

logger = logging.getLogger(__name__)


@task()
def report_generate_task(*, report_id: int) -> str:
    """Generate the report's PDF; returns the report's final status."""
    return report_generate(report_id=report_id).status


def report_request(
    *,
    requested_by: AbstractBaseUser | None,
    cohort: Cohort | None = None,
    challenge_pages: bool = True,
) -> Report:
    """Record a report request and queue its generation once the request is committed."""
    report = report_create(
        requested_by=requested_by, cohort=cohort, challenge_pages=challenge_pages
    )
    transaction.on_commit(partial(_report_enqueue, report_id=report.pk))
    return report


def _report_enqueue(*, report_id: int) -> None:
    try:
        report_generate_task.enqueue(report_id=report_id)
    except Exception as error:
        logger.exception("Could not queue the generation of report %s", report_id)
        report_fail(report_id=report_id, error=error)


def report_restart(*, report_id: int) -> bool:
    """Put a failed report back in the queue; False (nothing done) if it is not failed."""
    if not report_reset(report_id=report_id):
        return False
    transaction.on_commit(partial(_report_enqueue, report_id=report_id))
    return True
