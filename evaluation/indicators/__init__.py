"""The program's evaluation indicators, computed with pandas from the apps' records.

One package serves the staff page, the CSV and XLSX exports and the PDF reports, so that they
always say the same thing. Every indicator states its definition, its population (n) and what is
missing to compute it fully; an indicator whose source frame is not given to
:class:`IndicatorData` (``None``) still exists, with n = 0 and the reason.

What each indicator is (title, definition, population, unit) is declared once, in ``SPECS``; the
computations add the value, n, what is missing and the breakdowns. Reading is done once, by
:func:`indicator_data_load`, with a fixed number of queries whatever the number of cohorts;
:func:`indicators_compute` then works on the frames only.

The package is split by family (``challenges``, ``people``, ``selection``, ``program_life``,
``alumni``, ``surveys``, ``objectives``) over a shared base: the frames (``data``), the
definitions (``specs``), the results (``results``), the scope (``scope``) and the computation
(``compute``).
"""

from evaluation.indicators.alumni import alumni_sector_frame
from evaluation.indicators.compute import indicators_compute
from evaluation.indicators.data import (
    SCHEMAS,
    UNRECORDED_SOURCE_LABELS,
    IndicatorData,
    frame_from_rows,
    indicator_data_load,
)
from evaluation.indicators.results import (
    Breakdown,
    Comparison,
    Family,
    Indicator,
    IndicatorResults,
    IndicatorSpec,
    number_text,
)
from evaluation.indicators.scope import CONTINUED_OUTCOMES, PROPOSED_STATUSES, SELECTED_STATUSES
from evaluation.indicators.specs import FAMILIES, NOT_RECORDED, SPECS

__all__ = [
    "CONTINUED_OUTCOMES",
    "FAMILIES",
    "NOT_RECORDED",
    "PROPOSED_STATUSES",
    "SCHEMAS",
    "SELECTED_STATUSES",
    "SPECS",
    "UNRECORDED_SOURCE_LABELS",
    "Breakdown",
    "Comparison",
    "Family",
    "Indicator",
    "IndicatorData",
    "IndicatorResults",
    "IndicatorSpec",
    "alumni_sector_frame",
    "frame_from_rows",
    "indicator_data_load",
    "indicators_compute",
    "number_text",
]
