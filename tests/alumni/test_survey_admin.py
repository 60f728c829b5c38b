"""Staff define the surveys in the Wagtail admin, with their questions and a history."""

import pytest
from django.urls import reverse

from alumni.models import QuestionKind, Survey, SurveyAudience, SurveyWave
from tests.factories import CohortFactory

pytestmark = pytest.mark.django_db


def admin_url(view, *args) -> str:
    return reverse(Survey.snippet_viewset.get_url_name(view), args=args)


def survey_form(cohort, questions: list[dict]) -> dict:
    data = {
        "title": "Bilan à un an",
        "cohort": cohort.pk,
        "wave": SurveyWave.ONE_YEAR,
        "audience": SurveyAudience.FELLOWS,
        "anonymous": "on",
        "validity_days": 30,
        "introduction": "",
        "questions-TOTAL_FORMS": len(questions),
        "questions-INITIAL_FORMS": 0,
        "questions-MIN_NUM_FORMS": 0,
        "questions-MAX_NUM_FORMS": 1000,
    }
    for index, question in enumerate(questions):
        values = {"help_text": "", "choices": "", "required": "on", "ORDER": index + 1, "id": ""}
        for name, value in (values | question).items():
            data[f"questions-{index}-{name}"] = value
    return data


def test_staff_create_a_survey_with_its_questions_and_a_history(client, staff_user):
    cohort = CohortFactory()
    client.force_login(staff_user)

    response = client.post(
        admin_url("add"),
        survey_form(
            cohort,
            [
                {
                    "label": "Recommanderiez-vous le programme ?",
                    "kind": QuestionKind.RECOMMENDATION,
                },
                {"label": "Format", "kind": QuestionKind.SINGLE, "choices": "Atelier\nSéminaire"},
            ],
        ),
    )

    assert response.status_code == 302
    survey = Survey.objects.get()
    assert [q.label for q in survey.questions.order_by("sort_order")] == [
        "Recommanderiez-vous le programme ?",
        "Format",
    ]
    [record] = survey.history.all()
    assert record.history_user == staff_user
    changes = client.get(admin_url("changes", survey.pk)).content.decode()
    assert "Bilan à un an" in changes


def test_a_choice_question_needs_two_choices(client, staff_user):
    cohort = CohortFactory()
    client.force_login(staff_user)

    response = client.post(
        admin_url("add"),
        survey_form(cohort, [{"label": "Format", "kind": QuestionKind.SINGLE, "choices": "Seul"}]),
    )

    assert response.status_code == 200
    assert "Donnez au moins deux choix, un par ligne." in response.content.decode()
    assert not Survey.objects.exists()


def test_the_survey_list_query_count_does_not_grow_with_surveys(
    client, staff_user, django_assert_max_num_queries
):
    from tests.alumni_factories import SurveyFactory, SurveyInvitationFactory

    def add_surveys(count: int):
        for _ in range(count):
            SurveyInvitationFactory(survey=SurveyFactory(), answered=True)

    client.force_login(staff_user)
    add_surveys(1)
    with django_assert_max_num_queries(60) as few:
        client.get(admin_url("list"))
    add_surveys(5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(admin_url("list"))

    assert response.content.decode().count("1 / 1 (100 %)") == 6


def test_a_question_whose_identifier_was_altered_is_refused_in_french(client, staff_user):
    cohort = CohortFactory()
    client.force_login(staff_user)
    client.post(admin_url("add"), survey_form(cohort, [{"label": "Q1", "kind": "text"}]))
    survey = Survey.objects.get()
    question = survey.questions.get()
    data = survey_form(cohort, [{"label": "Q1 modifiée", "kind": "text", "id": "a\x00b"}])
    data["questions-INITIAL_FORMS"] = 1

    response = client.post(admin_url("edit", survey.pk), data)

    assert response.status_code == 200
    assert "Le formulaire envoyé ne correspond plus à la page" in response.content.decode()
    question.refresh_from_db()
    assert question.label == "Q1"
    assert survey.questions.count() == 1


def test_a_survey_claiming_more_questions_than_allowed_is_refused_without_building_them(
    client, staff_user
):
    cohort = CohortFactory()
    client.force_login(staff_user)
    data = survey_form(cohort, [{"label": "Q1", "kind": "text"}])
    data["questions-TOTAL_FORMS"] = 2**63

    response = client.post(admin_url("add"), data)

    assert response.status_code == 200
    assert "au plus 100" in response.content.decode()
    assert not Survey.objects.exists()


def test_a_malformed_promotion_is_a_form_error_not_a_failure(client, staff_user):
    cohort = CohortFactory()
    client.force_login(staff_user)
    data = survey_form(cohort, [{"label": "Q1", "kind": "text"}]) | {"cohort": "1\x00"}

    response = client.post(admin_url("add"), data)

    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Survey.objects.exists()
