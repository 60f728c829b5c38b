"""Login protection: throttled password attempts answer 429, the owner is told and can always
sign in with a code sent by e-mail (staff still give their TOTP), nobody else is told anything."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from tests.core.test_accounts import PASSWORD, log_in, totp_code, verified_user

pytestmark = pytest.mark.django_db

WRONG = "mauvais mot de passe"  # noqa: S105
ALERT_SUBJECT = "[EIG] Tentatives de connexion refusées sur votre compte"


@pytest.fixture(autouse=True)
def empty_cache():
    # Throttling counts attempts in the cache: each test starts with none.
    cache.clear()
    yield
    cache.clear()


def fail_logins(client, email, times, **extra):
    for _ in range(times):
        response = client.post(
            reverse("account_login"), {"login": email, "password": WRONG}, **extra
        )
        assert response.status_code == 200, "refused before the limit"


def code_in(message) -> str:
    return re.search(r"\n\n([A-Z0-9-]{4,})\n\n", message.body).group(1)


def request_code(client, email):
    return client.post(reverse("account_request_login_code"), {"email": email})


def page_without_tokens(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def alerts():
    return [message for message in mail.outbox if message.subject == ALERT_SUBJECT]


# --- Per-account and per-address limits ------------------------------------------------------


def test_five_failed_logins_on_one_account_refuse_even_the_right_password_with_a_429(client):
    verified_user(email="cible@example.fr")
    fail_logins(client, "cible@example.fr", 5)

    response = log_in(client, "cible@example.fr")

    assert response.status_code == 429
    page = response.content.decode()
    assert "Trop de tentatives de connexion échouées" in page
    assert 'value="cible@example.fr"' in page  # the form keeps the typed address
    assert "Recevoir un code de connexion par e-mail" in page
    assert "_auth_user_id" not in client.session


def test_the_account_limit_applies_from_any_client_address(client):
    verified_user(email="cible@example.fr")
    fail_logins(client, "cible@example.fr", 5, REMOTE_ADDR="192.0.2.1")

    response = client.post(
        reverse("account_login"),
        {"login": "cible@example.fr", "password": PASSWORD},
        REMOTE_ADDR="198.51.100.7",
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_twenty_failed_logins_from_one_address_give_it_a_429_for_every_account(client):
    verified_user(email="autre@example.fr")
    for attempt in range(20):
        log_in(client, f"personne{attempt}@example.fr", WRONG)

    response = log_in(client, "autre@example.fr")

    assert response.status_code == 429
    assert "Trop de tentatives de connexion échouées" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_another_client_address_is_not_blocked_by_the_throttled_one(client):
    verified_user(email="autre@example.fr")
    for attempt in range(20):
        log_in(client, f"personne{attempt}@example.fr", WRONG)

    response = client.post(
        reverse("account_login"),
        {"login": "autre@example.fr", "password": PASSWORD},
        REMOTE_ADDR="192.0.2.10",
    )

    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_too_many_login_requests_from_one_address_get_the_french_429_page(client):
    for _ in range(30):
        client.get(reverse("account_login"))  # GETs are not counted
    for attempt in range(30):
        client.post(reverse("account_login"), {"login": f"x{attempt}@example.fr"})

    response = client.post(reverse("account_login"), {"login": "y@example.fr"})

    assert response.status_code == 429
    page = response.content.decode()
    assert "Trop de tentatives" in page and "Erreur 429" in page
    assert '<html lang="fr"' in page


# --- The owner signs in by code --------------------------------------------------------------


def test_login_page_offers_a_code_by_email(client):
    page = client.get(reverse("account_login")).content.decode()

    assert "Recevoir un code de connexion par e-mail" in page
    assert reverse("account_request_login_code") in page


def test_owner_signs_in_with_an_emailed_code_while_password_attempts_are_throttled(client):
    verified_user(email="cible@example.fr")
    fail_logins(client, "cible@example.fr", 5)
    assert log_in(client, "cible@example.fr").status_code == 429
    mail.outbox.clear()

    response = request_code(client, "cible@example.fr")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_confirm_login_code")
    [message] = mail.outbox
    assert message.to == ["cible@example.fr"]
    response = client.post(reverse("account_confirm_login_code"), {"code": code_in(message)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_a_wrong_code_does_not_sign_in(client):
    verified_user(email="cible@example.fr")
    request_code(client, "cible@example.fr")

    response = client.post(reverse("account_confirm_login_code"), {"code": "ZZZZZZ"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_code_for_an_unknown_address_reads_the_same_and_emails_nobody(client):
    verified_user(email="cible@example.fr")
    known = request_code(client, "cible@example.fr")
    mail.outbox.clear()
    client.cookies.clear()

    response = request_code(client, "inconnu@example.fr")

    assert response.status_code == known.status_code == 302
    assert response["Location"] == known["Location"]
    assert mail.outbox == []


def test_staff_signing_in_by_code_must_still_give_their_totp(client):
    staff = verified_user(email="equipe@example.fr", staff=True, totp=False)
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)
    request_code(client, "equipe@example.fr")

    response = client.post(
        reverse("account_confirm_login_code"), {"code": code_in(mail.outbox[-1])}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("wagtailadmin_home")).status_code == 302
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


# --- The owner is told, once; nobody else ----------------------------------------------------


def test_owner_is_alerted_once_when_the_account_limit_is_reached(
    client, django_capture_on_commit_callbacks
):
    verified_user(email="cible@example.fr")
    with django_capture_on_commit_callbacks(execute=True):
        fail_logins(client, "cible@example.fr", 4)
    assert alerts() == []

    with django_capture_on_commit_callbacks(execute=True):
        fail_logins(client, "cible@example.fr", 1)
        for _ in range(5):
            assert log_in(client, "cible@example.fr", WRONG).status_code == 429

    [alert] = alerts()
    assert alert.to == ["cible@example.fr"]
    assert "http://localhost:8000/comptes/login/code/" in alert.body
    assert "http://localhost:8000/comptes/password/reset/" in alert.body
    assert "mauvais mot de passe" in alert.body  # says what happened


def test_no_alert_for_an_address_without_account_and_the_page_reads_the_same(
    client, django_capture_on_commit_callbacks
):
    verified_user(email="cible@example.fr")
    with django_capture_on_commit_callbacks(execute=True):
        fail_logins(client, "cible@example.fr", 5, REMOTE_ADDR="192.0.2.1")
        known = log_in(client, "cible@example.fr", WRONG)
        fail_logins(client, "inconnu@example.fr", 5, REMOTE_ADDR="192.0.2.2")
        unknown = client.post(
            reverse("account_login"),
            {"login": "inconnu@example.fr", "password": WRONG},
            REMOTE_ADDR="192.0.2.2",
        )

    assert unknown.status_code == known.status_code == 429
    assert [alert.to for alert in alerts()] == [["cible@example.fr"]]
    assert page_without_tokens(unknown).replace("inconnu", "cible") == page_without_tokens(known)


def test_a_throttled_client_address_alone_alerts_nobody(client, django_capture_on_commit_callbacks):
    verified_user(email="autre@example.fr")
    with django_capture_on_commit_callbacks(execute=True):
        for attempt in range(20):
            log_in(client, f"personne{attempt}@example.fr", WRONG)
        assert log_in(client, "autre@example.fr", WRONG).status_code == 429

    assert alerts() == []
