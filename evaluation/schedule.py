"""Scheduled jobs of the evaluation (see ``core.schedule``)."""

import datetime

from core.schedule import job
from evaluation.services import report_stalled_fail


@job("stalled_reports", "Marque en échec les rapports dont le calcul s'est interrompu.")
def stalled_reports(now: datetime.datetime) -> int:
    return report_stalled_fail(now=now)
