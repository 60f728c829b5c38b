"""Background task (django-tasks) of program life: reminding the quiet teams.

Enqueue it from a scheduler (``remind_progress_reports_task.enqueue(days=30)``), or run the
management command ``remind_progress_reports`` from cron; both are safe to run often.
"""

from django_tasks import task

from projects.progress_services import quiet_teams_remind


@task()
def remind_progress_reports_task(*, days: int = 30) -> int:
    """Remind the teams that have not reported for ``days`` days; returns how many."""
    return quiet_teams_remind(days=days)
