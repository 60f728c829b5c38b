"""The answers of a survey as CSV, for staff."""

import csv
import io

from alumni.models import QuestionKind, Survey

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """A cell that a spreadsheet cannot run as a formula: text starting with = + - @, a tab or a
    carriage return is prefixed with an apostrophe."""
    if isinstance(value, list):
        value = " | ".join(str(item) for item in value)
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def survey_answers_csv(*, survey: Survey) -> str:
    """One line per response (in the order of their random ids, never the order of answering),
    one column per question; a survey that is not anonymous adds the person's name."""
    questions = list(survey.questions.order_by("sort_order", "pk"))
    header = [question.label for question in questions]
    if not survey.anonymous:
        header = ["Personne", *header]
    output = io.StringIO()
    output.write("\ufeff")  # spreadsheets read UTF-8 with a byte order mark
    writer = csv.writer(output, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_cell(cell) for cell in header])
    for response in survey.responses.select_related("person").order_by("pk"):
        row = []
        if not survey.anonymous:
            row.append(response.person.full_name if response.person else "")
        for question in questions:
            value = response.answers.get(str(question.pk), "")
            if question.kind in (QuestionKind.SCALE, QuestionKind.RECOMMENDATION) and value != "":
                value = str(value)
            row.append(value)
        writer.writerow([csv_cell(cell) for cell in row])
    return output.getvalue()
