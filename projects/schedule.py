"""Scheduled jobs of the projects (see ``core.schedule``)."""

import datetime

from core.schedule import job
from projects.checklists import checklist_reminders_send
from projects.outcome_follow_up import outcome_requests_send
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


@job(
    "outcome_requests",
    "Demande aux mentors et aux administrations ce que deviennent les défis (fin, 6 et 12 mois).",
)
def outcome_requests(now: datetime.datetime) -> int:
    return outcome_requests_send(now=now)


@job(
    "checklist_reminders",
    "Rappelle à chacun ses tâches d'arrivée et de départ en retard (une fois par tâche et par "
    "semaine).",
)
def checklist_reminders(now: datetime.datetime) -> int:
    return checklist_reminders_send(now=now)
