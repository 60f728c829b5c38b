"""Feedback surveys: personal links without password, answered once, reminders, response rate,
anonymity kept at the database level, and the staff's CSV export."""

import datetime
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from alumni import selectors, services, tasks
from alumni.models import (
    QuestionKind,
    SurveyAudience,
    SurveyInvitation,
    SurveyResponse,
)
from cohorts.models import Person
from core.tabular import tabular_cell as csv_cell
from tests.alumni_factories import (
    SurveyFactory,
    SurveyInvitationFactory,
    SurveyQuestionFactory,
)
from tests.factories import (
    ChallengeFactory,
    CohortFactory,
    FellowshipFactory,
    PersonFactory,
    TeamMembershipFactory,
)

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/enquetes/([\w-]+)/")


@pytest.fixture
def cohort():
    return CohortFactory(name="EIG 4", number=4)


@pytest.fixture
def fellows(cohort):
    return [
        FellowshipFactory(
            cohort=cohort, person=PersonFactory(full_name=name, email=f"{name.lower()}@example.fr")
        ).person
        for name in ("Ada", "Brice", "Coline")
    ]


@pytest.fixture
def survey(cohort):
    survey = SurveyFactory(cohort=cohort, title="Bilan de fin de programme", anonymous=True)
    SurveyQuestionFactory(survey=survey, label="Satisfaction", kind=QuestionKind.SCALE)
    SurveyQuestionFactory(
        survey=survey, label="Recommanderiez-vous ?", kind=QuestionKind.RECOMMENDATION
    )
    SurveyQuestionFactory(
        survey=survey,
        label="Format préféré",
        kind=QuestionKind.SINGLE,
        choices="Atelier\nSéminaire",
    )
    SurveyQuestionFactory(
        survey=survey,
        label="Ce qui vous a aidé",
        kind=QuestionKind.MULTIPLE,
        choices="Mentor\nPromo\nÉquipe",
        required=False,
    )
    SurveyQuestionFactory(survey=survey, label="Un mot libre", kind=QuestionKind.TEXT)
    return survey


def answers_for(survey, *, text="Une belle année") -> dict:
    questions = {q.label: f"q{q.pk}" for q in survey.questions.all()}
    return {
        questions["Satisfaction"]: "4",
        questions["Recommanderiez-vous ?"]: "9",
        questions["Format préféré"]: "Atelier",
        questions["Ce qui vous a aidé"]: ["Mentor", "Équipe"],
        questions["Un mot libre"]: text,
        "action": "send",
    }


def invite(survey, django_capture_on_commit_callbacks) -> dict[str, str]:
    """Send the invitations; returns each recipient's link token, read from the e-mails."""
    with django_capture_on_commit_callbacks(execute=True):
        tasks.survey_invite(survey=survey)
    return {message.to[0]: LINK.search(message.body).group(1) for message in mail.outbox}


def survey_url(token: str) -> str:
    return reverse("alumni:survey-answer", args=[token])


# --- Invitations --------------------------------------------------------------------------------


def test_invitations_go_once_to_each_fellow_with_a_personal_link(
    survey, fellows, django_capture_on_commit_callbacks
):
    tokens = invite(survey, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    again = invite(survey, django_capture_on_commit_callbacks)

    assert sorted(tokens) == ["ada@example.fr", "brice@example.fr", "coline@example.fr"]
    assert len(set(tokens.values())) == 3
    assert again == {}
    assert SurveyInvitation.objects.filter(survey=survey).count() == 3


def test_only_a_hash_of_the_link_is_stored(survey, fellows, django_capture_on_commit_callbacks):
    tokens = invite(survey, django_capture_on_commit_callbacks)

    stored = set(SurveyInvitation.objects.values_list("token_hash", flat=True))
    assert not set(tokens.values()) & stored
    assert {services.token_hash(token) for token in tokens.values()} == stored


def test_no_table_holds_a_link_s_token_not_even_the_e_mail_task(
    survey, fellows, django_capture_on_commit_callbacks
):
    tokens = invite(survey, django_capture_on_commit_callbacks)

    found = [
        model._meta.label
        for model in apps.get_models(include_auto_created=True)
        for row in row_values(model)
        if any(token in repr(row) for token in tokens.values())
    ]
    assert found == []


def test_a_mentors_survey_goes_to_the_mentors_of_the_cohorts_challenges(
    cohort, django_capture_on_commit_callbacks
):
    challenge = ChallengeFactory(cohort=cohort)
    mentor = PersonFactory(email="mentor@example.gouv.fr")
    TeamMembershipFactory(challenge=challenge, person=mentor, role="mentor")
    FellowshipFactory(cohort=cohort, person=PersonFactory(email="eig@example.fr"))
    survey = SurveyFactory(cohort=cohort, audience=SurveyAudience.MENTORS)

    tokens = invite(survey, django_capture_on_commit_callbacks)

    assert list(tokens) == ["mentor@example.gouv.fr"]


# --- Answering ----------------------------------------------------------------------------------


def test_the_link_works_without_a_password_and_only_once(
    client, survey, fellows, django_capture_on_commit_callbacks
):
    token = invite(survey, django_capture_on_commit_callbacks)["ada@example.fr"]

    form = client.get(survey_url(token))
    answered = client.post(survey_url(token), answers_for(survey))
    reopened = client.get(survey_url(token))
    posted_again = client.post(survey_url(token), answers_for(survey, text="Deuxième fois"))

    assert form.status_code == 200
    assert "Satisfaction" in form.content.decode()
    assert "Merci, vos réponses sont enregistrées" in answered.content.decode()
    assert reopened.status_code == 200
    assert "Vous avez déjà répondu à cette enquête" in reopened.content.decode()
    assert "Vous avez déjà répondu à cette enquête" in posted_again.content.decode()
    assert SurveyResponse.objects.count() == 1
    assert SurveyResponse.objects.get().answers[
        str(survey.questions.get(label="Ce qui vous a aidé").pk)
    ] == ["Mentor", "Équipe"]
    assert form["Referrer-Policy"] == "same-origin"


def test_an_expired_link_answers_with_a_clear_page(client, survey):
    SurveyInvitationFactory(
        survey=survey, token="perime", expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    response = client.get(survey_url("perime"))
    posted = client.post(survey_url("perime"), answers_for(survey))

    assert response.status_code == 200
    assert "Ce lien a expiré" in response.content.decode()
    assert "Envoyer mes réponses" not in response.content.decode()
    assert "Ce lien a expiré" in posted.content.decode()
    assert not SurveyResponse.objects.exists()


def test_an_unknown_link_answers_with_a_clear_page(client, survey):
    response = client.get(survey_url("nimporte-quoi"))

    assert response.status_code == 404
    assert "Ce lien ne correspond à aucune invitation" in response.content.decode()


def test_an_answer_with_an_error_keeps_every_value_and_a_draft(client, survey):
    invitation = SurveyInvitationFactory(survey=survey, token="brouillon")
    values = answers_for(survey, text="Mon texte déjà tapé")
    satisfaction = f"q{survey.questions.get(label='Satisfaction').pk}"
    values.pop(satisfaction)  # a required question left unanswered

    response = client.post(survey_url("brouillon"), values)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Certaines réponses sont à compléter" in page
    assert "Mon texte déjà tapé" in page
    assert not SurveyResponse.objects.exists()
    invitation.refresh_from_db()
    assert invitation.draft[f"q{survey.questions.get(label='Un mot libre').pk}"] == (
        "Mon texte déjà tapé"
    )


def test_a_draft_saved_comes_back_with_the_link_in_a_new_session(client, survey):
    SurveyInvitationFactory(survey=survey, token="reprise")
    values = answers_for(survey, text="À reprendre plus tard")
    values["action"] = "draft"
    client.post(survey_url("reprise"), values)

    client.cookies.clear()  # the session has expired: only the link remains
    page = client.get(survey_url("reprise")).content.decode()

    assert "À reprendre plus tard" in page
    assert not SurveyResponse.objects.exists()


# --- Reminders and response rate ----------------------------------------------------------------


def test_reminders_go_only_to_those_who_have_not_answered_with_a_new_link(
    client, survey, fellows, django_capture_on_commit_callbacks
):
    tokens = invite(survey, django_capture_on_commit_callbacks)
    client.post(survey_url(tokens["ada@example.fr"]), answers_for(survey))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        tasks.survey_remind(survey=survey)

    assert sorted(message.to[0] for message in mail.outbox) == [
        "brice@example.fr",
        "coline@example.fr",
    ]
    new_token = LINK.search(
        next(m for m in mail.outbox if m.to == ["brice@example.fr"]).body
    ).group(1)
    assert client.get(survey_url(tokens["brice@example.fr"])).status_code == 404
    assert "Envoyer mes réponses" in client.get(survey_url(new_token)).content.decode()


def test_the_response_rate_follows_the_answers(
    client, survey, fellows, django_capture_on_commit_callbacks
):
    tokens = invite(survey, django_capture_on_commit_callbacks)
    before = selectors.survey_response_rate(survey=survey)

    client.post(survey_url(tokens["brice@example.fr"]), answers_for(survey))

    after = selectors.survey_response_rate(survey=survey)
    assert (before.invited, before.answered, before.percent) == (3, 0, 0)
    assert (after.invited, after.answered, after.percent) == (3, 1, 33)


def test_staff_see_the_rate_and_send_invitations_from_the_admin(
    client, staff_user, survey, fellows, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    url = reverse(survey.snippet_viewset.get_url_name("follow-up"), args=[survey.pk])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "invite"})
    page = client.get(url).content.decode()
    listing = client.get(reverse(survey.snippet_viewset.get_url_name("list"))).content.decode()

    assert len(mail.outbox) == 3
    assert 'data-answered="0" data-invited="3"' in page
    assert "0 / 3 (0 %)" in listing


# --- Anonymity ----------------------------------------------------------------------------------


def row_values(model) -> list[dict]:
    return list(model._base_manager.values())


def test_after_an_anonymous_answer_no_table_links_the_person_to_the_answers(
    client, survey, fellows, django_capture_on_commit_callbacks
):
    tokens = invite(survey, django_capture_on_commit_callbacks)
    ada = Person.objects.get(email="ada@example.fr")
    marker = "Réponse-témoin-7f3a"
    client.post(survey_url(tokens["ada@example.fr"]), answers_for(survey, text=marker))
    response = SurveyResponse.objects.get()
    invitation = SurveyInvitation.objects.get(person=ada)
    person_keys = {
        Person: {ada.pk},
        get_user_model(): set(),
        SurveyInvitation: {invitation.pk},
    }
    answer_marks = {marker, str(response.pk), response.pk.hex}

    offending = []
    for model in apps.get_models(include_auto_created=True):
        links = [
            field
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model in person_keys
        ]
        for row in row_values(model):
            text = repr(row)
            holds_answer = any(mark in text for mark in answer_marks)
            if not holds_answer:
                continue
            names_person = ada.email in text or ada.full_name in text
            for field in links:
                if row.get(field.attname) in person_keys[field.related_model]:
                    names_person = True
            if names_person:
                offending.append(f"{model._meta.label}: {row}")

    assert offending == []
    # The answer names nobody, and only "has answered" is kept, with no date and no draft.
    assert response.person_id is None
    assert invitation.answered is True
    assert invitation.draft == {}
    assert {f.name for f in SurveyResponse._meta.concrete_fields} == {
        "id",
        "survey",
        "person",
        "answers",
    }
    assert not any(
        field.get_internal_type() in ("DateTimeField", "DateField")
        for field in SurveyResponse._meta.concrete_fields
    )
    assert not hasattr(SurveyInvitation, "history")
    assert not hasattr(SurveyResponse, "history")


def test_a_named_survey_keeps_who_answered(
    client, cohort, fellows, django_capture_on_commit_callbacks
):
    survey = SurveyFactory(cohort=cohort, anonymous=False)
    SurveyQuestionFactory(survey=survey, label="Un mot", kind=QuestionKind.TEXT)
    tokens = invite(survey, django_capture_on_commit_callbacks)
    question = f"q{survey.questions.get().pk}"

    client.post(survey_url(tokens["ada@example.fr"]), {question: "Bonjour", "action": "send"})

    assert SurveyResponse.objects.get().person.email == "ada@example.fr"


# --- CSV export ---------------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(start):
    assert csv_cell(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


def test_staff_export_the_answers_as_csv_with_formulas_neutralised(
    client, staff_user, survey, fellows, django_capture_on_commit_callbacks
):
    tokens = invite(survey, django_capture_on_commit_callbacks)
    client.post(
        survey_url(tokens["ada@example.fr"]),
        answers_for(survey, text='=HYPERLINK("http://example.com")'),
    )
    client.force_login(staff_user)

    response = client.get(reverse(survey.snippet_viewset.get_url_name("export"), args=[survey.pk]))

    content = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "Satisfaction;Recommanderiez-vous ?" in content
    assert "'=HYPERLINK" in content
    assert ";=HYPERLINK" not in content
    assert "Ada" not in content  # anonymous: no name column


def test_an_alumnus_cannot_export_or_follow_a_survey(client, alumnus_user, survey):
    client.force_login(alumnus_user)

    for view in ("export", "follow-up"):
        response = client.get(reverse(survey.snippet_viewset.get_url_name(view), args=[survey.pk]))
        assert response.status_code == 302
        assert "HYPERLINK" not in response.content.decode()


def test_an_alumnus_sees_their_own_invitations_but_no_link_and_nobody_elses(
    client, alumnus_user, survey
):
    own = SurveyInvitationFactory(survey=survey, person=alumnus_user.person, token="jeton-a-moi")
    SurveyInvitationFactory(
        survey=SurveyFactory(title="Enquête d'une autre"), person=PersonFactory(), token="autre"
    )
    client.force_login(alumnus_user)

    page = client.get(reverse("alumni:profile")).content.decode()

    assert "Bilan de fin de programme" in page
    assert "Enquête d&#x27;une autre" not in page and "Enquête d'une autre" not in page
    assert "jeton-a-moi" not in page
    # No link with a token: the page links the survey through the logged-in address only.
    assert re.findall(r'href="[^"]*/enquetes/[^"]*"', page) == [
        f'href="{reverse("alumni:survey-mine", args=[own.pk])}"'
    ]
