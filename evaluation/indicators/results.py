"""What a computation gives: indicators with their value, n, what is missing and breakdowns;
the families, the cohort comparison and the whole results."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.formats import number_format
from django.utils.functional import Promise, cached_property
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from core.charts import bar_chart_svg

if TYPE_CHECKING:
    from evaluation.indicators.data import IndicatorData

StrOrPromise = str | Promise

# Charts are drawn wide enough for long labels (administration names) to stay readable.
CHART_WIDTH = 900


# --- Results ---------------------------------------------------------------------------------


def number_text(value: float | None, unit: str = "") -> str:
    """A number written the French way (``1 288``, ``45,2 %``), or "non disponible"."""
    if value is None:
        return _("non disponible")
    decimals = 0 if float(value).is_integer() else 1
    text = number_format(
        round(float(value), decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True
    )
    return f"{text}\N{NO-BREAK SPACE}{unit}" if unit else text


@dataclass(frozen=True)
class Breakdown:
    """An indicator's values split by cohort, profile, sector…; drawn as a bar chart."""

    title: str
    labels: list[str]
    values: list[float]
    unit: str = ""
    chart_id: str = ""

    @property
    def rows(self) -> list[tuple[str, str]]:
        return [
            (label, number_text(value, self.unit))
            for label, value in zip(self.labels, self.values, strict=True)
        ]

    @cached_property
    def chart_svg(self) -> SafeString:
        return bar_chart_svg(
            title=self.title,
            labels=self.labels,
            values=self.values,
            unit=self.unit,
            chart_id=self.chart_id,
            width=CHART_WIDTH,
        )


@dataclass(frozen=True)
class Indicator:
    key: str
    family: str
    title: str
    definition: str
    population_label: str
    n: int
    value: float | None
    unit: str = ""
    missing: str = ""
    breakdowns: tuple[Breakdown, ...] = ()

    @property
    def available(self) -> bool:
        return self.value is not None

    @property
    def value_text(self) -> str:
        return number_text(self.value, self.unit)


@dataclass(frozen=True)
class IndicatorSpec:
    """What an indicator is, whatever the data: its name, definition, population and unit."""

    key: str
    family: str
    title: StrOrPromise
    definition: StrOrPromise
    population_label: StrOrPromise
    unit: StrOrPromise = ""

    def measured(
        self,
        *,
        n: int,
        value: float | None,
        missing: str = "",
        breakdowns: tuple[Breakdown, ...] = (),
    ) -> Indicator:
        """The indicator with its value computed over a population of ``n``."""
        return Indicator(
            key=self.key,
            family=self.family,
            title=str(self.title),
            definition=str(self.definition),
            population_label=str(self.population_label),
            n=n,
            value=value,
            unit=str(self.unit),
            missing=missing,
            breakdowns=breakdowns,
        )

    def not_recorded(self, missing: str) -> Indicator:
        """The indicator of a source not given: n = 0, and why."""
        return self.measured(n=0, value=None, missing=missing)


@dataclass(frozen=True)
class Family:
    key: str
    title: str
    indicators: list[Indicator]


@dataclass(frozen=True)
class Comparison:
    """The cohort-to-cohort table: one row per cohort, values or ``None`` when unknown."""

    columns: list[str]
    units: list[str]
    rows: list[tuple[str, list[float | None]]]
    highlighted: str = ""

    @property
    def text_rows(self) -> list[tuple[str, list[str]]]:
        return [
            (
                name,
                [
                    "—" if v is None else number_text(v, unit)
                    for v, unit in zip(values, self.units, strict=True)
                ],
            )
            for name, values in self.rows
        ]


@dataclass(frozen=True)
class IndicatorResults:
    read_at: datetime.datetime
    scope_label: str
    cohort: dict[str, Any] | None
    families: list[Family]
    comparison: Comparison
    data: IndicatorData = field(repr=False)

    @property
    def indicators(self) -> list[Indicator]:
        return [indicator for family in self.families for indicator in family.indicators]

    def get(self, key: str) -> Indicator:
        return next(i for i in self.indicators if i.key == key)

    @property
    def is_empty(self) -> bool:
        return self.data.challenges.empty and self.data.fellowships.empty
