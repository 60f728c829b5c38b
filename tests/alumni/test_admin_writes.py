"""The positions and the surveys in the alumni's admin are written through alumni.services, as
the alumni's own space does: a refused write shows its error in French and nothing is saved."""

import pytest
from django.urls import reverse

from alumni import services
from alumni.models import Position, Survey, SurveyAudience, SurveyQuestion, SurveyWave
from tests.admin_writes import page_text, service_calls
from tests.alumni.test_survey_admin import survey_form
from tests.alumni_factories import SurveyFactory
from tests.factories import CohortFactory, PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db


def position_url(action, *args):
    return reverse(f"wagtailsnippets_alumni_position:{action}", args=args)


def position_data(person, **overrides):
    return {
        "person": person.pk,
        "organisation": "Cour des comptes",
        "sector": "public",
        "title": "Data scientist",
        "start": "2024-01-01",
        "end": "",
    } | overrides


def test_admin_records_a_position_through_position_create(client, staff_user, monkeypatch):
    calls = service_calls(monkeypatch, services, "position_create")
    person = PersonFactory()
    client.force_login(staff_user)

    response = client.post(position_url("add"), position_data(person))

    assert response.status_code == 302
    assert [call["person"] for call in calls] == [person]
    position = Position.objects.get()
    assert (position.person, position.organisation) == (person, "Cour des comptes")
    assert position.history.get().history_user == staff_user


def test_admin_corrects_a_position_through_position_update(client, staff_user, monkeypatch):
    calls = service_calls(monkeypatch, services, "position_update")
    position = PositionFactory()
    client.force_login(staff_user)

    response = client.post(
        position_url("edit", position.pk),
        position_data(position.person, title="Directrice des données"),
    )

    assert response.status_code == 302
    assert [call["position"] for call in calls] == [position]
    position.refresh_from_db()
    assert position.title == "Directrice des données"


def test_admin_refuses_a_position_that_ends_before_it_starts_and_saves_nothing(client, staff_user):
    person = PersonFactory()
    client.force_login(staff_user)

    response = client.post(position_url("add"), position_data(person, end="2023-06-30"))

    assert response.status_code == 200
    assert "La fin du poste ne peut précéder son début." in page_text(response)
    assert not Position.objects.exists()


# --- Surveys and their questions ---------------------------------------------------------------


def test_admin_creates_a_survey_with_its_questions_through_survey_save(
    client, staff_user, monkeypatch
):
    calls = service_calls(monkeypatch, services, "survey_save")
    cohort = CohortFactory()
    client.force_login(staff_user)

    response = client.post(
        reverse(Survey.snippet_viewset.get_url_name("add")),
        survey_form(cohort, [{"label": "Format", "kind": "single", "choices": "Atelier\nVisio"}]),
    )

    assert response.status_code == 302
    assert [call["user"] for call in calls] == [staff_user]
    survey = Survey.objects.get()
    assert [question.label for question in survey.questions.all()] == ["Format"]
    assert survey.history.first().history_user == staff_user


def test_admin_refuses_a_second_survey_of_a_cohort_wave_and_audience_and_saves_nothing(
    client, staff_user
):
    existing = SurveyFactory(wave=SurveyWave.ONE_YEAR, audience=SurveyAudience.FELLOWS)
    client.force_login(staff_user)

    response = client.post(
        reverse(Survey.snippet_viewset.get_url_name("add")),
        survey_form(existing.cohort, [{"label": "Votre avis ?", "kind": "text"}]),
    )

    assert response.status_code == 200
    assert "existe déjà" in page_text(response)
    assert Survey.objects.count() == 1
    assert not SurveyQuestion.objects.exists()


def test_admin_refuses_a_choice_question_with_one_choice_and_saves_nothing(client, staff_user):
    survey = SurveyFactory(title="Bilan")
    client.force_login(staff_user)

    response = client.post(
        reverse(Survey.snippet_viewset.get_url_name("edit"), args=[survey.pk]),
        survey_form(survey.cohort, [{"label": "Format", "kind": "single", "choices": "Atelier"}])
        | {"wave": survey.wave, "audience": survey.audience},
    )

    assert response.status_code == 200
    assert "Donnez au moins deux choix, un par ligne." in page_text(response)
    survey.refresh_from_db()
    assert survey.title == "Bilan"
    assert not survey.questions.exists()
