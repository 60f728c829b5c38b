"""Program life: the program's events and their attendance."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from cohorts.events import AttendanceStatus
from evaluation.indicators.results import Indicator
from evaluation.indicators.scope import _counted, _family_not_recorded, _join, _Scope, _share
from evaluation.indicators.specs import SPECS


def _event_indicators(scope: _Scope) -> list[Indicator]:
    if scope.data.events is None or scope.data.attendances is None:
        return _family_not_recorded("events")
    events = scope.in_scope(scope.data.events)
    recorded = scope.data.attendances.merge(
        events[["id", "cohort_id"]], left_on="event_id", right_on="id"
    )
    present = recorded[recorded["status"] == AttendanceStatus.PRESENT.value]
    per_cohort_recorded = recorded.groupby("cohort_id").size()
    rate_per_cohort = (
        100
        * present.groupby("cohort_id").size().reindex(per_cohort_recorded.index, fill_value=0)
        / per_cohort_recorded
    ).round(1)
    without_record = int((~events["id"].isin(recorded["event_id"])).sum())
    return [
        SPECS["events_count"].measured(
            n=len(events),
            value=len(events),
            missing=_("Aucun événement n'est enregistré.") if events.empty else "",
            breakdowns=(
                scope.per_cohort(
                    events.groupby("cohort_id").size(),
                    title=_("Événements par promotion"),
                    chart_id="chart-events",
                ),
            ),
        ),
        SPECS["events_attendance_rate"].measured(
            n=len(recorded),
            value=_share(len(present), len(recorded)),
            missing=_join(
                _("Aucune présence n'est enregistrée.") if recorded.empty else "",
                _counted(
                    without_record,
                    ngettext_lazy(
                        "%(n)d événement n'a aucune présence enregistrée.",
                        "%(n)d événements n'ont aucune présence enregistrée.",
                        "n",
                    ),
                ),
                _counted(
                    int((recorded["status"] == AttendanceStatus.EXCUSED.value).sum()),
                    ngettext_lazy(
                        "%(n)d absence excusée, comptée comme absence.",
                        "%(n)d absences excusées, comptées comme absences.",
                        "n",
                    ),
                ),
            ),
            breakdowns=(
                scope.per_cohort(
                    rate_per_cohort,
                    title=_("Taux de présence par promotion"),
                    unit="%",
                    chart_id="chart-events-attendance",
                    unknown_as_zero=False,
                ),
            ),
        ),
    ]
