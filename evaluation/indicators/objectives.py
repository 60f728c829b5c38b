"""Challenges' objectives: where each objective of the selected challenges stands at the date
the data were read (its last value against its target, ``projects.objectives``), the share of
challenges that defined objectives and the share of objectives reached."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from evaluation.indicators.results import Breakdown, Indicator
from evaluation.indicators.scope import _counted, _join, _Scope, _share
from evaluation.indicators.specs import NOT_RECORDED, SPECS
from projects.objectives import ObjectiveProgress, ObjectiveStatus, objective_progress


@dataclass(frozen=True)
class ObjectiveStanding:
    """One objective of a selected challenge and where it stands on ``on``."""

    id: int
    challenge_id: int
    name: str
    unit: str
    baseline: Decimal
    target: Decimal
    source: str
    is_public: bool
    progress: ObjectiveProgress


def _dates(value) -> datetime.date | None:
    if value is None or value != value:  # NaT
        return None
    return value.date() if hasattr(value, "date") else value


def objective_standings(
    scope: _Scope, *, on: datetime.date | None = None
) -> list[ObjectiveStanding]:
    """Every objective of the scope's selected challenges, in each challenge's order, with its
    progress on ``on`` (the date the data were read, by default). Empty when the objectives are
    not given."""
    data = scope.data
    if data.objectives is None or data.objective_values is None:
        return []
    on = on or timezone.localdate(data.read_at)
    objectives = data.objectives[data.objectives["challenge_id"].isin(scope.selected["id"])]
    values: dict[int, list[tuple[datetime.date, Decimal]]] = {}
    for row in data.objective_values.itertuples():
        values.setdefault(row.objective_id, []).append((row.measured_on, row.value))
    cohort_of = dict(zip(scope.selected["id"], scope.selected["cohort_id"], strict=True))
    dates = {
        row.id: (_dates(row.start_date), _dates(row.end_date)) for row in scope.cohorts.itertuples()
    }
    standings = []
    for row in objectives.itertuples():
        starts, ends = dates.get(cohort_of.get(row.challenge_id), (None, None))
        standings.append(
            ObjectiveStanding(
                id=row.id,
                challenge_id=row.challenge_id,
                name=row.name,
                unit=row.unit,
                baseline=row.baseline,
                target=row.target,
                source=row.source,
                is_public=bool(row.is_public),
                progress=objective_progress(
                    baseline=row.baseline,
                    target=row.target,
                    values=values.get(row.id, []),
                    on=on,
                    starts=starts,
                    ends=ends,
                ),
            )
        )
    return standings


def _objective_indicators(scope: _Scope) -> list[Indicator]:
    data = scope.data
    if data.objectives is None or data.objective_values is None:
        missing = str(NOT_RECORDED["objectives"])
        return [
            SPECS["challenges_with_objectives_share"].not_recorded(missing),
            SPECS["objectives_reached_share"].not_recorded(missing),
        ]
    selected = scope.selected
    standings = objective_standings(scope)
    with_objectives = len({standing.challenge_id for standing in standings})
    measured = [s for s in standings if s.progress.status != ObjectiveStatus.NO_VALUE.value]
    reached = [s for s in measured if s.progress.status == ObjectiveStatus.REACHED.value]
    no_challenge = _("Aucun défi retenu n'est enregistré.") if selected.empty else ""
    statuses = [
        status
        for status in ObjectiveStatus
        if status != ObjectiveStatus.NO_VALUE
        and any(s.progress.status == status.value for s in measured)
    ]
    return [
        SPECS["challenges_with_objectives_share"].measured(
            n=len(selected),
            value=_share(with_objectives, len(selected)),
            missing=no_challenge
            or _counted(
                len(selected) - with_objectives,
                ngettext_lazy(
                    "%(n)d défi retenu n'a défini aucun objectif.",
                    "%(n)d défis retenus n'ont défini aucun objectif.",
                    "n",
                ),
            ),
        ),
        SPECS["objectives_reached_share"].measured(
            n=len(measured),
            value=_share(len(reached), len(measured)),
            missing=_join(
                _("Aucun objectif n'est défini.") if not standings else "",
                _counted(
                    len(standings) - len(measured),
                    ngettext_lazy(
                        "%(n)d objectif n'a encore aucune valeur mesurée.",
                        "%(n)d objectifs n'ont encore aucune valeur mesurée.",
                        "n",
                    ),
                ),
            ),
            breakdowns=(
                Breakdown(
                    title=_("Objectifs mesurés, selon leur dernière valeur"),
                    labels=[str(status.label) for status in statuses],
                    values=[
                        float(sum(1 for s in measured if s.progress.status == status.value))
                        for status in statuses
                    ],
                    chart_id="chart-objectives-status",
                ),
                Breakdown(
                    title=_("Chemin parcouru vers la cible, par objectif"),
                    labels=[s.name for s in measured],
                    values=[max(s.progress.progress_percent, 0.0) for s in measured],
                    unit="%",
                    chart_id="chart-objectives-progress",
                ),
            )
            if measured
            else (),
        ),
    ]
