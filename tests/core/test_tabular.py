"""The one CSV/XLSX writer: every cell a spreadsheet would run as a formula is neutralised,
numbers stay numbers, and each export keeps its delimiter, byte order mark and line ends."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from core.tabular import (
    TabularSheet,
    tabular_cell,
    tabular_csv,
    tabular_csv_response,
    tabular_xlsx,
)

DANGEROUS_STARTS = ["=", "+", "-", "@", "\t", "\r"]
HOSTILE = ['=HYPERLINK("http://evil.example","clic")', "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("start", DANGEROUS_STARTS)
def test_text_starting_like_a_formula_is_prefixed_with_an_apostrophe(start):
    assert tabular_cell(f"{start}SUM(A1)") == f"'{start}SUM(A1)"


@pytest.mark.parametrize("text", ["Défi ordinaire", "", "1+1", "a=b", " =espace d'abord"])
def test_ordinary_text_is_left_as_it_is(text):
    assert tabular_cell(text) == text


@pytest.mark.parametrize("number", [0, 3, -2, 2.5, -0.25, Decimal("-120000.50")])
def test_numbers_stay_numbers_even_negative(number):
    assert tabular_cell(number) == number


def test_empty_yes_no_and_lists_read_as_text():
    assert tabular_cell(None) == ""
    assert tabular_cell(True) == "oui"
    assert tabular_cell(False) == "non"
    assert tabular_cell(["Python", "SQL"]) == "Python | SQL"
    assert tabular_cell(["=1", "b"]) == "'=1 | b"


def test_csv_guards_every_cell_and_the_header_too():
    text = tabular_csv(header=["=Nom", "Valeur"], rows=[[HOSTILE[0], -3], [HOSTILE[1], 1.5]])

    rows = list(csv.reader(io.StringIO(text, newline="")))

    assert rows == [
        ["'=Nom", "Valeur"],
        [f"'{HOSTILE[0]}", "-3"],
        [f"'{HOSTILE[1]}", "1.5"],
    ]


def test_csv_for_a_french_spreadsheet_has_a_byte_order_mark_semicolons_and_crlf():
    text = tabular_csv(
        header=["Nom", "Note"], rows=[["Ada", 4], ["Léa; Lovelace", None]], bom=True, delimiter=";"
    )

    assert text == '\ufeffNom;Note\r\nAda;4\r\n"Léa; Lovelace";\r\n'


def test_csv_without_options_is_rfc_4180_without_byte_order_mark():
    assert tabular_csv(header=["a", "b"], rows=[["x", "y"]]) == "a,b\r\nx,y\r\n"


def test_streamed_csv_response_reads_the_rows_one_by_one_and_names_the_file():
    read = []

    def rows():
        for name in ["Ada", HOSTILE[1]]:
            read.append(name)
            yield [name]

    response = tabular_csv_response(header=["Nom"], rows=rows(), filename="export.csv", bom=True)

    assert read == []  # nothing is read before the response is sent
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="export.csv"'
    assert response.getvalue().decode("utf-8") == f"\ufeffNom\r\nAda\r\n'{HOSTILE[1]}\r\n"


def _read_back(content: bytes):
    return load_workbook(io.BytesIO(content)).active


def test_xlsx_keeps_text_that_looks_like_a_formula_as_text_and_numbers_as_numbers():
    rows = [[HOSTILE[0], -3], [HOSTILE[1], 2.5], ["@SUM(A1)", None], ["+33 1 23", 0]]

    sheet = _read_back(
        tabular_xlsx(sheets=[TabularSheet(title="Feuille", header=["Texte", "Nombre"], rows=rows)])
    )

    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not any(cell.data_type == "f" for cell in cells)
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["Texte", "Nombre"],
        [f"'{HOSTILE[0]}", -3],
        [f"'{HOSTILE[1]}", 2.5],
        ["'@SUM(A1)", None],
        ["'+33 1 23", 0],
    ]
    assert [cell.data_type for cell in next(sheet.iter_rows(min_row=2))] == ["s", "n"]
    assert sheet.freeze_panes == "A2"


def test_xlsx_drops_control_characters_a_workbook_cannot_hold_instead_of_failing():
    sheet = _read_back(
        tabular_xlsx(
            sheets=[TabularSheet(title="Feuille", header=["Texte"], rows=[["a\x00b\x1fc\td"]])]
        )
    )

    assert sheet["A2"].value == "abc\td"


def test_xlsx_has_one_sheet_per_table_with_titles_cut_to_31_characters():
    sheets = [
        TabularSheet(title="Indicateurs", header=["n"], rows=[[1]]),
        TabularSheet(
            title="Une feuille au titre beaucoup trop long",
            header=["date"],
            rows=[[datetime.date(2026, 1, 2)]],
        ),
    ]

    workbook = load_workbook(io.BytesIO(tabular_xlsx(sheets=sheets)))

    assert workbook.sheetnames == ["Indicateurs", "Une feuille au titre beaucoup t"]
    assert workbook.worksheets[1]["A2"].value == datetime.datetime(2026, 1, 2)


def test_xlsx_of_many_rows_is_written_row_after_row():
    rows = ([f"=ligne {number}", number] for number in range(3_000))

    sheet = _read_back(
        tabular_xlsx(sheets=[TabularSheet(title="Grand", header=["t", "n"], rows=rows)])
    )

    assert sheet.max_row == 3_001
    assert sheet.cell(row=3_001, column=1).value == "'=ligne 2999"
    assert sheet.cell(row=3_001, column=1).data_type == "s"


def test_wagtail_csv_exports_neutralise_formulas():
    import csv
    import io

    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    class Export(SpreadsheetExportMixin):
        list_export = ["name"]

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["name"])
    Export().write_csv_row(writer, {"name": '=HYPERLINK("http://x")'})
    assert next(csv.reader(io.StringIO(buffer.getvalue())))[0].startswith("'=HYPERLINK")


def test_wagtail_exports_are_written_by_core_tabular_header_included():
    from types import SimpleNamespace

    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    class Export(SpreadsheetExportMixin):
        list_export = ["name"]
        export_headings = {"name": "=titre"}

    items = [SimpleNamespace(name='=HYPERLINK("http://x")')]
    text = "".join(Export().stream_csv(items))
    output = io.BytesIO()
    Export().write_xlsx(items, output)
    sheet = _read_back(output.getvalue())

    assert text.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(text.removeprefix("\ufeff")))) == [
        ["'=titre"],
        ['\'=HYPERLINK("http://x")'],
    ]
    assert [(cell.value, cell.data_type) for cell in sheet["A"]] == [
        ("'=titre", "s"),
        ('\'=HYPERLINK("http://x")', "s"),
    ]
