"""Accessible SVG charts, shared by the public pages, the staff pages and the PDF reports.

A chart is drawn as inline SVG with a title, a description and every value written as text,
so that it reads without colours, with a screen reader and in an extracted PDF.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.formats import date_format, number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    # SVG coordinates, already written with a dot as decimal separator.
    y: str
    width: str


def bar_chart_svg(
    *,
    title: str,
    labels: list[str],
    values: list[float],
    description: str = "",
    unit: str = "",
    chart_id: str = "",
    width: int = 640,
    bar_height: int = 28,
) -> str:
    """Render a horizontal bar chart as an SVG fragment, ready to inline in HTML.

    ``labels`` and ``values`` go together; an empty chart still renders, saying it is empty.
    """
    if len(labels) != len(values):
        raise ValueError("labels and values must have the same length")
    label_width = int(width * 0.4)
    value_width = 90
    plot_width = width - label_width - value_width
    largest = max((v for v in values if v > 0), default=0)
    gap = 8
    bars = []
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        text = number_format(
            value,
            decimal_pos=0 if float(value).is_integer() else 1,
            use_l10n=True,
            force_grouping=True,
        )
        bars.append(
            Bar(
                label=label,
                value_text=f"{text} {unit}".strip(),
                y=f"{index * (bar_height + gap):.1f}",
                width=f"{(plot_width * value / largest) if largest and value > 0 else 0:.1f}",
            )
        )
    height = max(len(bars), 1) * (bar_height + gap)
    return render_to_string(
        "core/charts/bar_chart.svg",
        {
            "chart_id": chart_id or slugify(title),
            "title": title,
            "description": description,
            "bars": bars,
            "width": width,
            "height": height,
            "bar_height": bar_height,
            "label_width": label_width,
            "plot_width": plot_width,
            "label_x": label_width - 8,
            "text_dy": f"{bar_height / 2:.1f}",
        },
    )


@dataclass(frozen=True)
class LinePoint:
    date_text: str
    value_text: str
    # SVG coordinates, already written with a dot as decimal separator.
    x: str
    y: str


@dataclass(frozen=True)
class Level:
    """A horizontal reference line (a baseline, a target) with its label."""

    label: str
    value_text: str
    y: str
    kind: str


def chart_number_text(value: float | Decimal, unit: str = "") -> str:
    """A number the French way, with only the decimals it has (at most three)."""
    number = Decimal(str(value)).normalize()
    places = min(max(0, -number.as_tuple().exponent), 3)
    text = number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)
    return f"{text}\N{NO-BREAK SPACE}{unit}" if unit else text


def line_chart_svg(
    *,
    title: str,
    points: list[tuple[datetime.date, float | Decimal]],
    description: str = "",
    unit: str = "",
    baseline: float | Decimal | None = None,
    target: float | Decimal | None = None,
    chart_id: str = "",
    width: int = 640,
    height: int = 260,
) -> str:
    """Render a line chart of values over time as an SVG fragment, ready to inline in HTML.

    ``points`` are ``(date, value)`` pairs; ``baseline`` and ``target`` are drawn as dashed
    horizontal lines. The description lists every value with its date, so that the chart reads
    without seeing it; pages show the same values in a table after it. An empty chart still
    renders, saying it is empty.
    """
    points = sorted(points, key=lambda point: point[0])
    left, right, top, bottom = 24, 24, 24, 36
    plot_width, plot_height = width - left - right, height - top - bottom
    levels = [
        (label, value, kind)
        for label, value, kind in (
            (_("Départ"), baseline, "baseline"),
            (_("Cible"), target, "target"),
        )
        if value is not None
    ]
    numbers = [float(value) for _day, value in points] + [float(v) for _l, v, _k in levels]
    low, high = (min(numbers), max(numbers)) if numbers else (0.0, 1.0)
    if high == low:
        low, high = low - 1, high + 1
    margin = (high - low) * 0.1
    low, high = low - margin, high + margin

    def y_of(value) -> str:
        return f"{top + plot_height * (high - float(value)) / (high - low):.1f}"

    first = points[0][0] if points else None
    span = (points[-1][0] - first).days if points else 0

    def x_of(day: datetime.date) -> str:
        if not span:
            return f"{left + plot_width / 2:.1f}"
        return f"{left + plot_width * (day - first).days / span:.1f}"

    line_points = [
        LinePoint(
            date_text=date_format(day, "j F Y"),
            value_text=chart_number_text(value, unit),
            x=x_of(day),
            y=y_of(value),
        )
        for day, value in points
    ]
    return render_to_string(
        "core/charts/line_chart.svg",
        {
            "chart_id": chart_id or slugify(title),
            "title": title,
            "description": description,
            "points": line_points,
            "polyline": " ".join(f"{point.x},{point.y}" for point in line_points),
            "levels": [
                Level(
                    label=str(label),
                    value_text=chart_number_text(value, unit),
                    y=y_of(value),
                    kind=kind,
                )
                for label, value, kind in levels
            ],
            "width": width,
            "height": height,
            "left": left,
            "right_x": width - right,
            "top": top,
            "bottom_y": top + plot_height,
            "date_y": top + plot_height + 22,
        },
    )
