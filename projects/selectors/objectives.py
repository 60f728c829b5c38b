"""Reads of a challenge's objectives with their values and where each stands at a date."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from projects.models import Challenge, ChallengeObjective, ObjectiveValue
from projects.objectives import ObjectiveProgress, objective_progress


@dataclass(frozen=True)
class ObjectiveSeries:
    """An objective, its values in date order and where it stands on ``on``."""

    objective: ChallengeObjective
    values: list[ObjectiveValue]
    progress: ObjectiveProgress
    on: datetime.date


def challenge_objective_series(
    *, challenge: Challenge, public_only: bool = False, on: datetime.date | None = None
) -> list[ObjectiveSeries]:
    """The objectives of ``challenge`` (only those its team made public, with
    ``public_only``), each with its values and its progress on ``on`` (today by default).
    Two queries, whatever the number of objectives and values; the challenge's cohort is read
    from ``challenge`` (select it with the challenge)."""
    on = on or timezone.localdate()
    objectives = challenge.objectives.order_by("order", "pk").prefetch_related(
        Prefetch(
            "values",
            queryset=ObjectiveValue.objects.select_related("recorded_by").order_by(
                "measured_on", "pk"
            ),
        )
    )
    if public_only:
        objectives = objectives.filter(is_public=True)
    cohort = challenge.cohort
    series = []
    for objective in objectives:
        values = list(objective.values.all())
        series.append(
            ObjectiveSeries(
                objective=objective,
                values=values,
                progress=objective_progress(
                    baseline=objective.baseline,
                    target=objective.target,
                    values=[(value.measured_on, value.value) for value in values],
                    on=on,
                    starts=cohort.start_date,
                    ends=cohort.end_date,
                ),
                on=on,
            )
        )
    return series


OBJECTIVE_ROW_FIELDS = (
    "id",
    "challenge_id",
    "name",
    "unit",
    "baseline",
    "target",
    "source",
    "is_public",
    "order",
)
OBJECTIVE_VALUE_ROW_FIELDS = ("objective_id", "measured_on", "value")


def objective_rows_list() -> list[dict]:
    """Every objective of every challenge, in each challenge's order: one query."""
    return list(
        ChallengeObjective.objects.order_by("challenge_id", "order", "id").values(
            *OBJECTIVE_ROW_FIELDS
        )
    )


def objective_value_rows_list() -> list[dict]:
    """Every value of every objective, in date order, without note nor author: one query."""
    return list(
        ObjectiveValue.objects.order_by("objective_id", "measured_on").values(
            *OBJECTIVE_VALUE_ROW_FIELDS
        )
    )
