"""The one writer of tables for spreadsheets: CSV and XLSX, for every export of the product.

Every cell goes through ``tabular_cell``, so that no export can forget the formula guard: a
text that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return, e.g. ``=HYPERLINK(…)`` or ``=cmd|' /C calc'!A0``) is prefixed with an
apostrophe, in CSV as in XLSX, where every text is also stored as a text cell, never as a
formula (so that no cell of either starts with a formula character, and a cell edited in the
spreadsheet stays text). Numbers stay
numbers (a negative number is not a formula), ``None`` is an empty cell, ``True``/``False``
read ``oui``/``non`` and a list is joined with `` | ``.

    tabular_csv(header=["Nom"], rows=[["Ada"]], delimiter=";", bom=True)
    tabular_csv_response(header=..., rows=..., filename="export.csv")  # streamed
    tabular_xlsx(sheets=[TabularSheet(title="Indicateurs", header=..., rows=...)])

Every CSV line ends with CRLF (RFC 4180). A byte order mark (``bom=True``) lets spreadsheets
read the file as UTF-8; semicolons (``delimiter=";"``) suit spreadsheets set up in French.
"""

import csv
import datetime
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = " | "
BYTE_ORDER_MARK = "\ufeff"
LINE_END = "\r\n"

# Control characters that an XLSX file cannot hold (tab, line feed and carriage return can).
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Characters that a sheet's title cannot hold.
_SHEET_TITLE_ILLEGAL = re.compile(r"[\\/*?:\[\]]")

Cell = str | int | float | Decimal | None


def tabular_cell(value: Any) -> Cell:
    """``value`` as a cell of a CSV file: text that a spreadsheet would run as a formula is
    prefixed with an apostrophe; numbers are kept as numbers."""
    value = _plain(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def _plain(value: Any) -> Cell:
    """``value`` as text or a number, before any guard."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return str(value)


class _Echo:
    """A pseudo-buffer whose ``write`` gives back what it is given (Django's streaming CSV
    recipe): the CSV writer then formats one line at a time."""

    def write(self, value: str) -> str:
        return value


def tabular_csv_lines(
    *,
    header: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    delimiter: str = ",",
    bom: bool = False,
) -> Iterator[str]:
    """The CSV file, line by line (the byte order mark first, when asked)."""
    writer = csv.writer(_Echo(), delimiter=delimiter, lineterminator=LINE_END)
    if bom:
        yield BYTE_ORDER_MARK
    yield writer.writerow([tabular_cell(cell) for cell in header])
    for row in rows:
        yield writer.writerow([tabular_cell(cell) for cell in row])


def tabular_csv(
    *,
    header: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    delimiter: str = ",",
    bom: bool = False,
) -> str:
    """The whole CSV file as text."""
    return "".join(tabular_csv_lines(header=header, rows=rows, delimiter=delimiter, bom=bom))


def tabular_csv_response(
    *,
    header: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    filename: str,
    delimiter: str = ",",
    bom: bool = False,
) -> StreamingHttpResponse:
    """A CSV download sent as it is written: ``rows`` (a query set, a generator) is read one
    row at a time, so that a long export never sits whole in memory."""
    response = StreamingHttpResponse(
        tabular_csv_lines(header=header, rows=rows, delimiter=delimiter, bom=bom),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@dataclass(frozen=True)
class TabularSheet:
    """One sheet of a workbook: its title (at most 31 characters are kept), its header line
    and its rows."""

    title: str
    header: Sequence[Any]
    rows: Iterable[Sequence[Any]]


def _xlsx_value(value: Any) -> Cell | datetime.date:
    if isinstance(value, datetime.date):
        return value
    value = _plain(value)
    if value == "":
        return None
    if isinstance(value, str):
        return tabular_cell(_XLSX_ILLEGAL.sub("", value))
    return value


def tabular_xlsx(*, sheets: Iterable[TabularSheet]) -> bytes:
    """An XLSX workbook, one sheet per ``TabularSheet``, its header line frozen. Rows are
    appended one after the other (openpyxl's write-only mode), in a time that grows with the
    rows, not with their square."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import TYPE_STRING

    workbook = Workbook(write_only=True)
    for sheet_spec in sheets:
        sheet = workbook.create_sheet(title=_SHEET_TITLE_ILLEGAL.sub("-", sheet_spec.title)[:31])
        sheet.freeze_panes = "A2"

        def cells(values: Sequence[Any], sheet=sheet) -> list:
            row = []
            for value in values:
                cell = WriteOnlyCell(sheet, value=_xlsx_value(value))
                if isinstance(cell.value, str):
                    # Text stays text: openpyxl would otherwise store "=…" as a formula.
                    cell.data_type = TYPE_STRING
                row.append(cell)
            return row

        sheet.append(cells(sheet_spec.header))
        for values in sheet_spec.rows:
            sheet.append(cells(values))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class TabularExportMixin:
    """Wagtail's spreadsheet exports written by this module: the ``?export=csv`` and
    ``?export=xlsx`` of every view built on Wagtail's ``SpreadsheetExportMixin`` (the site
    history, the page reports, the redirects, the form submissions, the ``list_export`` of a
    model or snippet viewset). Wagtail gives the header and the values of each row (its
    ``get_heading``, ``to_row_dict`` and per-format preprocessing); every cell, header included,
    is then written by ``tabular_csv_lines`` or ``tabular_xlsx``, with the formula guard."""

    def tabular_header(self, queryset) -> list:
        return [self.get_heading(queryset, field) for field in self.list_export]

    def tabular_rows(self, queryset, export_format: str) -> Iterator[list]:
        for item in queryset:
            yield [
                self.preprocess_field_value(field, value, export_format)
                for field, value in self.to_row_dict(item).items()
            ]

    def stream_csv(self, queryset) -> Iterator[str]:
        return tabular_csv_lines(
            header=self.tabular_header(queryset),
            rows=self.tabular_rows(queryset, self.FORMAT_CSV),
            bom=True,
        )

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: tabular_cell(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def write_xlsx(self, queryset, output) -> None:
        sheet = TabularSheet(
            title=str(self.get_filename()) or "Export",
            header=self.tabular_header(queryset),
            rows=self.tabular_rows(queryset, self.FORMAT_XLSX),
        )
        output.write(tabular_xlsx(sheets=[sheet]))


# What TabularExportMixin takes over from Wagtail's SpreadsheetExportMixin.
GUARDED_EXPORT_METHODS = ("stream_csv", "write_csv_row", "write_xlsx")


def guard_wagtail_exports() -> None:
    """Give Wagtail's ``SpreadsheetExportMixin`` the writing of ``TabularExportMixin``, so that
    every view built on it, Wagtail's own and ours, those of a later version too, writes its
    exports here. (Wagtail offers no setting for its export writer, and its report views are
    registered by Wagtail itself: replacing each would leave out the next one.)"""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    for name in GUARDED_EXPORT_METHODS:
        setattr(SpreadsheetExportMixin, name, TabularExportMixin.__dict__[name])
    for name in ("tabular_header", "tabular_rows"):
        setattr(SpreadsheetExportMixin, name, TabularExportMixin.__dict__[name])


def export_is_guarded(view_class: type) -> bool:
    """Whether a view built on ``SpreadsheetExportMixin`` writes its exports here (no
    subclass bypasses the guard by overriding the writing)."""
    return all(
        getattr(view_class, name) is TabularExportMixin.__dict__[name]
        for name in GUARDED_EXPORT_METHODS
    )
