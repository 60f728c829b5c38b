"""Where a challenge's objective stands at a date: its last value against its target, and the
way it has come from its baseline. Pure computation, shared by the team space, the public page
and the evaluation report, so that they always say the same thing.

An objective is *reached* when its last value measured on or before the date has come all the
way from the baseline to the target (at or beyond it, in the target's direction). It is *on
track* when, before the end of its cohort, it has come at least as far as the share of the
cohort's time already elapsed (and some way at all). Otherwise it is *not reached*. Without a
value on or before the date, it has no status yet.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class ObjectiveStatus(models.TextChoices):
    NO_VALUE = "", _("Pas encore mesuré")
    REACHED = "reached", _("Atteint")
    ON_TRACK = "on_track", _("En bonne voie")
    NOT_REACHED = "not_reached", _("Non atteint")


@dataclass(frozen=True)
class ObjectiveProgress:
    last_value: Decimal | None
    last_on: datetime.date | None
    # The share of the way from the baseline to the target (1.0 = reached), or None.
    progress: float | None
    status: str

    @property
    def status_label(self) -> str:
        return str(ObjectiveStatus(self.status).label)

    @property
    def progress_percent(self) -> float | None:
        return None if self.progress is None else round(100 * self.progress, 1)


def elapsed_share(
    *, on: datetime.date, starts: datetime.date | None, ends: datetime.date | None
) -> float:
    """The share of the cohort's time elapsed on ``on`` (0 when its dates are unknown)."""
    if starts is None or ends is None or ends <= starts:
        return 0.0
    share = (on - starts).days / (ends - starts).days
    return min(max(share, 0.0), 1.0)


def objective_progress(
    *,
    baseline: Decimal,
    target: Decimal,
    values: Iterable[tuple[datetime.date, Decimal]],
    on: datetime.date,
    starts: datetime.date | None = None,
    ends: datetime.date | None = None,
) -> ObjectiveProgress:
    """Where an objective stands on ``on``, from its ``(measured_on, value)`` pairs."""
    known = [(day, value) for day, value in values if day <= on]
    if not known:
        return ObjectiveProgress(None, None, None, ObjectiveStatus.NO_VALUE.value)
    last_on, last_value = max(known, key=lambda pair: pair[0])
    baseline, target = Decimal(baseline), Decimal(target)
    if target == baseline:  # refused when recorded; kept safe for hand-made data
        progress = 1.0 if last_value == target else 0.0
    else:
        progress = float((Decimal(last_value) - baseline) / (target - baseline))
    if progress >= 1:
        status = ObjectiveStatus.REACHED
    elif (
        (ends is None or on < ends)
        and progress > 0
        and progress >= elapsed_share(on=on, starts=starts, ends=ends)
    ):
        status = ObjectiveStatus.ON_TRACK
    else:
        status = ObjectiveStatus.NOT_REACHED
    return ObjectiveProgress(last_value, last_on, progress, status.value)
