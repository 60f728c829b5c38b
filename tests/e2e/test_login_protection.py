"""Login protection in a real browser: password attempts on an account end in a 429 page, its
owner still signs in with a code received by e-mail, and an address that tries many accounts
gets a 429 too. axe finds no accessibility violation on the throttled and code pages."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache

from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"
WRONG = "mauvais mot de passe"


@pytest.fixture
def owner(public_site):
    cache.clear()
    user = UserFactory(email="cible@example.fr")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    yield user
    cache.clear()


def assert_accessible(page, axe) -> None:
    violations = axe(page)
    assert violations == [], axe.describe(violations)


def try_password(page, live_server, email, password):
    """Submits the login form; returns the HTTP status of the page it leads to."""
    page.goto(live_server.url + "/comptes/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    return answer.value.status


def test_throttled_account_owner_signs_in_by_code_and_a_guessing_address_gets_429(
    live_server, browser, page, axe, owner
):
    # Someone guesses the owner's password: the sixth try is refused with a 429 page.
    for _ in range(5):
        assert try_password(page, live_server, owner.email, WRONG) == 200
    assert try_password(page, live_server, owner.email, PASSWORD) == 429
    assert page.get_by_text("Trop de tentatives de connexion échouées").is_visible()
    assert page.locator("input[name=login]").input_value() == owner.email
    assert_accessible(page, axe)

    # The owner, elsewhere, asks for a code by e-mail and signs in with it.
    context = browser.new_context(locale="fr-FR")
    own = context.new_page()
    own.goto(live_server.url + "/comptes/login/")
    own.get_by_role("link", name="Recevoir un code de connexion par e-mail").click()
    own.wait_for_url("**/comptes/login/code/")
    assert_accessible(own, axe)
    own.locator("input[name=email]").fill(owner.email)
    own.get_by_role("button", name="Recevoir le code").click()
    own.wait_for_url("**/comptes/login/code/confirm/")
    [message] = [m for m in mail.outbox if "code" in m.subject.lower()]
    assert message.to == [owner.email]
    code = re.search(r"\n\n([A-Z0-9-]{4,})\n\n", message.body).group(1)
    own.locator("input[name=code]").fill(code)
    own.locator("input[name=code]").press("Enter")
    own.wait_for_url(live_server.url + "/")
    assert own.get_by_role("link", name="Se déconnecter").is_visible()
    context.close()

    # The owner was told once of the refused attempts.
    alerts = [m for m in mail.outbox if "Tentatives de connexion refusées" in m.subject]
    assert [alert.to for alert in alerts] == [[owner.email]]

    # The guessing address moves on to other accounts: after 20 failures it gets a 429 for all.
    for attempt in range(14):  # 6 failures already counted for this address
        assert try_password(page, live_server, f"personne{attempt}@example.fr", WRONG) == 200
    assert try_password(page, live_server, "autre@example.fr", WRONG) == 429
    assert page.get_by_text("Trop de tentatives de connexion échouées").is_visible()
