"""The indicators as CSV and XLSX files, for the program team's spreadsheets.

Both files hold the same table, in long format: one row per indicator, then one row per value of
each breakdown, then the cohort comparison, then the data's source and credit. Both are written
by ``core.tabular``: text that a spreadsheet would run as a formula (starting with =, +, -, @,
tab or carriage return) is neutralised, prefixed with an apostrophe in the CSV, stored as a
plain string in the XLSX.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from core.tabular import TabularSheet, tabular_csv, tabular_xlsx
from evaluation.indicators import IndicatorResults

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


def indicators_csv_build(*, results: IndicatorResults) -> bytes:
    """UTF-8 CSV (with a byte order mark, for spreadsheets), comma separated."""
    rows = indicator_rows_build(results=results)
    return tabular_csv(header=export_header(), rows=rows, bom=True).encode("utf-8")


def indicators_xlsx_build(*, results: IndicatorResults) -> bytes:
    """An XLSX workbook with one sheet, the same table as the CSV."""
    sheet = TabularSheet(
        title=_("Indicateurs"), header=export_header(), rows=indicator_rows_build(results=results)
    )
    return tabular_xlsx(sheets=[sheet])
