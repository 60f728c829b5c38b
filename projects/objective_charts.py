"""What a page shows of an objective: its curve (``core.charts.line_chart_svg``), its values as
a table, and its last value against its target, in words."""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.charts import chart_number_text, line_chart_svg
from projects.selectors.objectives import ObjectiveSeries


@dataclass(frozen=True)
class ObjectiveDisplay:
    series: ObjectiveSeries
    chart_svg: SafeString
    baseline_text: str
    target_text: str
    # (date, value, note, value) rows, the oldest first.
    rows: list[tuple[str, str, object]]
    summary: str

    @property
    def objective(self):
        return self.series.objective

    @property
    def progress(self):
        return self.series.progress


def objective_summary(series: ObjectiveSeries) -> str:
    """« Dernière valeur : 18 jours le 5 mars 2026, pour une cible de 10 jours (60 % du
    chemin) », or that nothing is measured yet."""
    objective, progress = series.objective, series.progress
    target = chart_number_text(objective.target, objective.unit)
    if progress.last_value is None:
        return _("Pas encore de valeur mesurée ; cible : %(target)s.") % {"target": target}
    return _(
        "Dernière valeur : %(value)s le %(date)s, pour une cible de %(target)s "
        "(%(percent)s du chemin depuis le départ)."
    ) % {
        "value": chart_number_text(progress.last_value, objective.unit),
        "date": date_format(progress.last_on, "j F Y"),
        "target": target,
        "percent": chart_number_text(round(progress.progress_percent), "%"),
    }


def objective_displays(series_list: list[ObjectiveSeries]) -> list[ObjectiveDisplay]:
    displays = []
    for series in series_list:
        objective = series.objective
        svg = line_chart_svg(
            title=_("%(name)s au fil du temps") % {"name": objective.name},
            description=objective_summary(series),
            points=[(value.measured_on, value.value) for value in series.values],
            unit=objective.unit,
            baseline=objective.baseline,
            target=objective.target,
            chart_id=f"objectif-{objective.pk}",
        )
        displays.append(
            ObjectiveDisplay(
                series=series,
                # line_chart_svg renders an escaped template: its output is safe to insert.
                chart_svg=mark_safe(svg),  # noqa: S308
                baseline_text=chart_number_text(objective.baseline, objective.unit),
                target_text=chart_number_text(objective.target, objective.unit),
                rows=[
                    (
                        date_format(value.measured_on, "j F Y"),
                        chart_number_text(value.value, objective.unit),
                        value,
                    )
                    for value in series.values
                ],
                summary=objective_summary(series),
            )
        )
    return displays
