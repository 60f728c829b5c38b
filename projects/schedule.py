"""Scheduled jobs of the projects (see ``core.schedule``)."""

import datetime

from core.schedule import job
from projects.progress_digest import digests_send
from projects.progress_services import quiet_teams_remind


@job("progress_reminders", "Relance les équipes sans point d'avancement récent.")
def progress_reminders(now: datetime.datetime) -> int:
    return quiet_teams_remind(now=now)


@job(
    "progress_digests", "Envoie à chaque promotion la synthèse de ses points de la semaine passée."
)
def progress_digests(now: datetime.datetime) -> int:
    return digests_send(now=now)
