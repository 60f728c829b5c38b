"""A feedback survey in a real browser: the invitation e-mail's link, the answer, the response
rate that follows; and no accessibility violation axe-core detects on the survey and directory
pages."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from alumni import tasks
from alumni.models import QuestionKind, Survey
from tests.alumni_factories import (
    DirectoryProfileFactory,
    SurveyFactory,
    SurveyQuestionFactory,
    alumnus,
)
from tests.factories import (
    CohortFactory,
    FellowshipFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)


def assert_accessible(page, axe) -> None:
    violations = axe(page)
    assert violations == [], axe.describe(violations)


@pytest.fixture
def survey(public_site):
    cohort = CohortFactory(name="EIG 3", slug="eig-3", number=3, year=2019)
    for name in ("Ada", "Brice"):
        FellowshipFactory(
            cohort=cohort, person=PersonFactory(full_name=name, email=f"{name.lower()}@example.fr")
        )
    survey = SurveyFactory(cohort=cohort, title="Bilan de fin de programme", anonymous=True)
    SurveyQuestionFactory(survey=survey, label="Votre satisfaction", kind=QuestionKind.SCALE)
    SurveyQuestionFactory(
        survey=survey,
        label="Ce qui vous a aidé",
        kind=QuestionKind.MULTIPLE,
        choices="Mentor\nPromotion",
        required=False,
    )
    SurveyQuestionFactory(survey=survey, label="Un mot libre", kind=QuestionKind.TEXT)
    return survey


def staff_tab(browser, live_server):
    """A tab of its own, logged in as staff, for the admin's follow-up page of a survey."""
    client = Client()
    client.force_login(UserFactory(username="equipe-enquetes", staff=True))
    context = browser.new_context(locale="fr-FR")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context.new_page()


def test_invitation_link_answer_and_response_rate(
    page, browser, axe, live_server, settings, survey
):
    settings.SITE_URL = live_server.url
    tasks.survey_invite(survey=survey)
    [message] = [m for m in mail.outbox if m.to == ["ada@example.fr"]]
    link = re.search(r"http://\S+/enquetes/\S+/", message.body).group(0)
    staff = staff_tab(browser, live_server)
    staff.goto(
        live_server.url
        + reverse(Survey.snippet_viewset.get_url_name("follow-up"), args=[survey.pk])
    )
    expect(staff.locator(".survey-rate")).to_contain_text("0 réponse(s) sur 2 invitation(s) : 0 %")

    page.goto(link)
    assert page.get_by_role("heading", level=1).inner_text() == "Bilan de fin de programme"
    assert_accessible(page, axe)

    # Sent with a required answer missing: the error is shown, what was typed is kept.
    page.get_by_label("Un mot libre").fill("Une année utile")
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.get_by_text("Certaines réponses sont à compléter")).to_be_visible()
    assert page.get_by_label("Un mot libre").input_value() == "Une année utile"
    assert_accessible(page, axe)

    satisfaction = survey.questions.get(label="Votre satisfaction")
    page.locator(f"input[name='q{satisfaction.pk}'][value='4']").check(force=True)
    page.get_by_role("button", name="Envoyer mes réponses").click()

    expect(page.get_by_text("Merci, vos réponses sont enregistrées")).to_be_visible()
    staff.reload()
    expect(staff.locator(".survey-rate")).to_contain_text("1 réponse(s) sur 2 invitation(s) : 50 %")
    staff.context.close()

    page.goto(link)
    expect(page.get_by_text("Vous avez déjà répondu à cette enquête")).to_be_visible()
    assert_accessible(page, axe)


def test_directory_and_profile_pages_are_accessible(page, axe, live_server, public_site):
    user = alumnus(username="ancienne", full_name="Alice Ancienne")
    PositionFactory(person=user.person)
    other = PersonFactory(full_name="Bertrand Listé")
    FellowshipFactory(person=other)
    DirectoryProfileFactory(person=other, shows_everything=True, linkedin="https://example.fr/b")
    PositionFactory(person=other, organisation="Cour des comptes")
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )

    page.goto(live_server.url + "/reseau/annuaire/")
    expect(page.get_by_role("heading", name="Bertrand Listé")).to_be_visible()
    expect(page.get_by_text("Cour des comptes")).to_be_visible()
    assert_accessible(page, axe)

    page.goto(live_server.url + "/reseau/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mon profil d'ancien"
    assert_accessible(page, axe)
