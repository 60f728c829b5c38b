"""The answers of a survey as CSV, for staff (written by ``core.tabular``, which neutralises
text that a spreadsheet would run as a formula)."""

from collections.abc import Iterator

from alumni.models import Survey, SurveyQuestion
from core.tabular import tabular_csv


def _answer_rows(*, survey: Survey, questions: list[SurveyQuestion]) -> Iterator[list]:
    for response in survey.responses.select_related("person").order_by("pk"):
        row = []
        if not survey.anonymous:
            row.append(response.person.full_name if response.person else "")
        row += [response.answers.get(str(question.pk), "") for question in questions]
        yield row


def survey_answers_csv(*, survey: Survey) -> str:
    """One line per response (in the order of their random ids, never the order of answering),
    one column per question; a survey that is not anonymous adds the person's name. UTF-8 with
    a byte order mark, semicolons: what spreadsheets set up in French read."""
    questions = list(survey.questions.order_by("sort_order", "pk"))
    header = [question.label for question in questions]
    if not survey.anonymous:
        header = ["Personne", *header]
    rows = _answer_rows(survey=survey, questions=questions)
    return tabular_csv(header=header, rows=rows, delimiter=";", bom=True)
