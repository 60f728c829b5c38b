"""Scheduled jobs of the selection (see ``core.schedule``)."""

import datetime

from core.schedule import job
from selection.services import application_purge_expired


@job("applications_purge", "Supprime les candidatures dont la durée de conservation est écoulée.")
def applications_purge(now: datetime.datetime) -> int:
    return application_purge_expired(now=now)
