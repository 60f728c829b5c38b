"""Accessible SVG charts, shared by the public pages, the staff pages and the PDF reports.

A chart is drawn as inline SVG with a title, a description and every value written as text,
so that it reads without colours, with a screen reader and in an extracted PDF.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.text import slugify


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
