"""A mentor follows their challenge's objective in a real browser: from the team space they
record a value (a first attempt beyond the bounds is refused at the field, what was typed
stays), then the challenge's public page shows it on the objective's curve and in its table;
axe finds no accessibility violation on these pages."""

import datetime
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from projects.models import ObjectiveValue, TeamRole
from tests.factories import ChallengeFactory, CohortFactory
from tests.program_life_factories import ObjectiveFactory, ObjectiveValueFactory, team_member

PASSWORD = "correct horse battery staple"


@pytest.fixture
def mentor(public_site):
    today = timezone.localdate()
    cohort = CohortFactory(
        name="EIG 9",
        slug="eig-9",
        number=9,
        year=today.year,
        start_date=today - datetime.timedelta(days=60),
        end_date=today + datetime.timedelta(days=240),
    )
    challenge = ChallengeFactory(cohort=cohort, title="Signaux faibles", slug="signaux-faibles")
    user = team_member(
        challenge=challenge, role=TeamRole.MENTOR, username="bruno", full_name="Bruno Mentor"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    objective = ObjectiveFactory(
        challenge=challenge,
        name="Délai de réponse",
        unit="jours",
        baseline=Decimal("30"),
        target=Decimal("10"),
        is_public=True,
    )
    ObjectiveValueFactory(objective=objective, measured_on=cohort.start_date, value=Decimal("30"))
    return user


def assert_accessible(page, axe) -> None:
    violations = axe(page)
    assert violations == [], axe.describe(violations)


def test_mentor_records_an_objective_value_then_the_public_page_shows_it(
    live_server, page, axe, mentor, browser
):
    challenge = mentor.person.memberships.get().challenge
    page.goto(live_server.url + "/comptes/login/")
    page.locator("input[name=login]").fill(mentor.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(live_server.url + "/")

    page.goto(live_server.url + f"/equipe/defis/{challenge.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Objectifs et leurs valeurs").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Objectifs du défi"
    assert_accessible(page, axe)
    with page.expect_navigation():
        page.get_by_role("link", name="Ajouter une valeur à « Délai de réponse »").click()
    assert_accessible(page, axe)

    # A first attempt beyond the bounds: refused at the field, what was typed stays.
    measured_on = timezone.localdate() - datetime.timedelta(days=2)
    page.get_by_label("Date de la mesure").fill(measured_on.isoformat())
    page.locator("#id_value").fill("99999999999999999")
    page.get_by_label("Commentaire").fill("Après la nouvelle file d'attente.")
    page.get_by_role("button", name="Enregistrer la valeur").click()
    assert page.get_by_text(
        "Saisissez un nombre d'au plus 12 chiffres avant la virgule et 3 après."
    ).is_visible()
    assert page.locator("#id_value").input_value() == "99999999999999999"
    assert page.get_by_label("Commentaire").input_value() == "Après la nouvelle file d'attente."
    assert_accessible(page, axe)

    page.locator("#id_value").fill("18,5")
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer la valeur").click()
    assert page.get_by_text("La valeur est enregistrée.").is_visible()
    assert_accessible(page, axe)
    value = ObjectiveValue.objects.get(measured_on=measured_on)
    assert (value.value, value.recorded_by) == (Decimal("18.5"), mentor.person)

    # A visitor, without the mentor's session, reads the public page.
    visitor = browser.new_context(locale="fr-FR").new_page()
    visitor.goto(live_server.url + f"/defis/{challenge.cohort.slug}/{challenge.slug}/")
    chart = visitor.get_by_role("img", name="Délai de réponse au fil du temps")
    assert chart.is_visible()
    assert visitor.locator("svg.eig-chart--line polyline").count() == 1
    table = visitor.get_by_role("table", name="Valeurs mesurées : Délai de réponse")
    assert "18,5\N{NO-BREAK SPACE}jours" in table.inner_text()
    summary = visitor.locator("#objectives-title ~ section p", has_text="Dernière valeur").first
    assert "Dernière valeur : 18,5\N{NO-BREAK SPACE}jours" in summary.inner_text()
    assert "Après la nouvelle file d'attente." not in visitor.content()
    assert_accessible(visitor, axe)
    visitor.context.close()
