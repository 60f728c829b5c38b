"""Background tasks (django-tasks): generating evaluation reports.

With the embedded default the task runs at once in the process that enqueues it; in production it
is stored in the database and run by the worker (``manage.py db_worker``, see docs/reports.md).
"""

from django_tasks import task

from evaluation.services import report_generate


@task()
def report_generate_task(*, report_id: int) -> str:
    """Generate the report's PDF; returns the report's final status."""
    return report_generate(report_id=report_id).status
