"""Scheduled jobs of the whole product (see ``core.schedule``)."""

import datetime

from django.conf import settings

from core.schedule import job
from core.task_queue import task_queue_prune


@job(
    "task_queue_prune",
    "Supprime les tâches d'arrière-plan terminées anciennes et les mises à jour "
    "de l'index des références en double.",
)
def task_queue_prune_job(now: datetime.datetime) -> int:
    return task_queue_prune(now=now, keep_days=settings.EIG_TASK_RESULTS_KEEP_DAYS)
