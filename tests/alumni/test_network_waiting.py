"""/reseau/ lists what waits for the person: the surveys to answer, opened from there without
the e-mail's link, and the upcoming events of their cohorts they have not answered."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from alumni.models import SurveyResponse
from cohorts.events_services import event_rsvp
from tests.alumni_factories import SurveyFactory, SurveyInvitationFactory, SurveyQuestionFactory
from tests.program_life_factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(alumnus_user):
    return alumnus_user.person.fellowships.get().cohort


@pytest.fixture
def invitation(alumnus_user, cohort):
    survey = SurveyFactory(cohort=cohort, title="Un an après")
    SurveyQuestionFactory(survey=survey, label="Un mot libre", required=True)
    return SurveyInvitationFactory(survey=survey, person=alumnus_user.person, token="secret")


def page(client) -> str:
    return html.unescape(client.get(reverse("alumni:profile")).content.decode())


def test_the_network_page_lists_the_survey_and_the_event_waiting(
    client, alumnus_user, cohort, invitation
):
    reunion = EventFactory(cohort=cohort, title="Retrouvailles de la promotion")
    answered = EventFactory(cohort=cohort, title="Atelier déjà répondu")
    event_rsvp(event=answered, person=alumnus_user.person, attending=False)
    EventFactory(cohort=cohort, title="Séminaire annulé", is_cancelled=True)
    EventFactory(
        cohort=cohort, title="Séminaire passé", starts_at=timezone.now() - datetime.timedelta(1)
    )
    client.force_login(alumnus_user)

    text = page(client)

    waiting = text[text.index("Ce qui vous attend") : text.index("Mes enquêtes")]
    assert "Répondre à l'enquête « Un an après »" in waiting
    assert reverse("alumni:survey-mine", args=[invitation.pk]) in waiting
    assert "Dire si vous venez à « Retrouvailles de la promotion »" in waiting
    assert reverse("team:event", args=[reunion.pk]) in waiting
    for title in ("Atelier déjà répondu", "Séminaire annulé", "Séminaire passé"):
        assert title not in waiting


def test_the_invited_person_answers_from_the_network_page(client, alumnus_user, invitation):
    client.force_login(alumnus_user)
    url = reverse("alumni:survey-mine", args=[invitation.pk])
    question = f"q{invitation.survey.questions.get().pk}"

    draft = client.post(url, {question: "À reprendre", "action": "draft"})
    assert (draft.status_code, draft["Location"]) == (302, url)
    assert "À reprendre" in client.get(url).content.decode()
    client.post(url, {question: "Une belle année", "action": "send"})

    assert SurveyResponse.objects.get().answers == {str(question[1:]): "Une belle année"}
    assert "Vous avez déjà répondu à cette enquête" in client.get(url).content.decode()
    assert "Rien pour l'instant" in page(client)


def test_another_persons_invitation_is_not_found(client, alumnus_user, invitation, team_user):
    client.force_login(team_user)
    assert client.get(reverse("alumni:survey-mine", args=[invitation.pk])).status_code == 404
    client.logout()
    response = client.get(reverse("alumni:survey-mine", args=[invitation.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
