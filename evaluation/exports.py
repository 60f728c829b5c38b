"""The indicators as CSV and XLSX files, for the program team's spreadsheets.

Both files hold the same table, in long format: one row per indicator, then one row per value of
each breakdown, then the cohort comparison, then the data's source and credit. Text that a
spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) is
neutralised: prefixed with an apostrophe in the CSV, stored as a plain string in the XLSX.
"""

import csv
import io

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation.indicators import IndicatorResults

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | None


def export_header() -> list[str]:
    return [
        _("Famille"),
        _("Indicateur"),
        _("Ventilation"),
        _("Libellé"),
        _("Valeur"),
        _("Unité"),
        _("n"),
        _("Population"),
        _("Définition"),
        _("Données manquantes et limites"),
    ]


def indicator_rows_build(*, results: IndicatorResults) -> list[list[Cell]]:
    """The export's rows, values as numbers (or ``None`` when not available)."""
    rows: list[list[Cell]] = []
    for family in results.families:
        for indicator in family.indicators:
            rows.append(
                [
                    family.title,
                    indicator.title,
                    "",
                    "",
                    indicator.value,
                    indicator.unit,
                    indicator.n,
                    indicator.population_label,
                    indicator.definition,
                    indicator.missing,
                ]
            )
            for breakdown in indicator.breakdowns:
                for label, value in zip(breakdown.labels, breakdown.values, strict=True):
                    rows.append(
                        [
                            family.title,
                            indicator.title,
                            breakdown.title,
                            label,
                            value,
                            breakdown.unit,
                            None,
                            "",
                            "",
                            "",
                        ]
                    )
    comparison = results.comparison
    comparison_title = _("Comparaison des promotions")
    for name, values in comparison.rows:
        for column, unit, value in zip(comparison.columns, comparison.units, values, strict=True):
            rows.append(
                [comparison_title, column, _("Promotion"), name, value, unit, None, "", "", ""]
            )
    source = _("Source")
    read_at = timezone.localtime(results.read_at).isoformat(timespec="seconds")
    for label, value in [
        (_("Périmètre"), results.scope_label),
        (_("Données lues le"), read_at),
        (_("Crédit des données publiques"), settings.EIG_DATA_CREDIT),
        (_("Licence"), settings.EIG_DATA_LICENCE_URL),
    ]:
        rows.append([source, label, "", "", value, "", None, "", "", ""])
    return rows


def neutralised(value: Cell) -> Cell:
    """A text cell that cannot run as a spreadsheet formula."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return f"'{value}"
    return value


def indicators_csv_build(*, results: IndicatorResults) -> bytes:
    """UTF-8 CSV (with a byte order mark, for spreadsheets), comma separated."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(export_header())
    for row in indicator_rows_build(results=results):
        writer.writerow(["" if cell is None else neutralised(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def indicators_xlsx_build(*, results: IndicatorResults) -> bytes:
    """An XLSX workbook with one sheet, the same table as the CSV."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Indicateurs")[:31]
    sheet.append(export_header())
    for row in indicator_rows_build(results=results):
        sheet.append(row)
        for cell, value in zip(sheet[sheet.max_row], row, strict=True):
            if isinstance(value, str):
                # Text stays text: openpyxl would otherwise store "=…" as a formula.
                cell.data_type = TYPE_STRING
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
