"""Accounts: e-mail login with verification, password reset, throttling, TOTP for staff."""

import base64
import hashlib
import hmac
import re
import struct
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # noqa: S105 (the factories' password)


@pytest.fixture(autouse=True)
def empty_cache():
    # Throttling counts attempts in the cache: each test starts with none.
    cache.clear()
    yield
    cache.clear()


def verified_user(**kwargs):
    user = UserFactory(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def totp_code(secret: str, at: float | None = None) -> str:
    """The code an authenticator application shows now for this secret (RFC 6238)."""
    counter = int(time.time() if at is None else at) // 30
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def log_in(client, email, password=PASSWORD, next_url=None):
    url = reverse("account_login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"login": email, "password": password})


def link_in(message) -> str:
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


# --- Signup and e-mail verification ----------------------------------------------------------


def test_signup_sends_a_french_confirmation_email_and_the_link_verifies_the_address(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "dominique@example.fr", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dominique@example.fr"]
    assert message.subject == "[EIG] Confirmez votre adresse e-mail"
    address = EmailAddress.objects.get(email="dominique@example.fr")
    assert not address.verified

    confirm_url = link_in(message)
    assert client.get(confirm_url).status_code == 200
    response = client.post(confirm_url)

    assert response.status_code == 302
    address.refresh_from_db()
    assert address.verified


def test_unverified_account_cannot_log_in_until_the_address_is_verified(client):
    UserFactory(email="claude@example.fr")

    response = log_in(client, "claude@example.fr")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1


def test_login_and_signup_pages_are_in_french_in_the_site_frame(client):
    login_page = client.get(reverse("account_login")).content.decode()
    signup_page = client.get(reverse("account_signup")).content.decode()

    assert "Connexion" in login_page
    assert "fr-input" in login_page and "fr-btn" in login_page
    assert "Inscription" in signup_page
    assert '<html lang="fr"' in signup_page


# --- Password reset --------------------------------------------------------------------------


def test_password_reset_sends_an_email_whose_link_sets_a_new_password(client):
    user = verified_user(email="alex@example.fr")

    response = client.post(reverse("account_reset_password"), {"email": "alex@example.fr"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alex@example.fr"]
    assert mail.outbox[0].subject == "[EIG] E-mail de réinitialisation de mot de passe"
    key_url = client.get(link_in(mail.outbox[0]))["Location"]  # the key moves to the session
    new_password = "un nouveau mot de passe solide"
    response = client.post(key_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_password_reset_for_an_unknown_address_reveals_nothing_and_emails_nobody(client):
    verified_user(email="alex@example.fr")
    known = client.post(reverse("account_reset_password"), {"email": "alex@example.fr"})
    mail.outbox.clear()

    response = client.post(reverse("account_reset_password"), {"email": "inconnu@example.fr"})

    assert response.status_code == known.status_code == 302
    assert response["Location"] == known["Location"] == reverse("account_reset_password_done")
    assert mail.outbox == []


# --- Two-factor authentication for staff ------------------------------------------------------


def test_admin_login_sends_to_the_accounts_login(client):
    response = client.get(reverse("wagtailadmin_login") + "?next=/admin/")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=/admin/"


def test_staff_without_totp_is_sent_to_set_it_up_and_cannot_reach_the_admin(client):
    verified_user(email="equipe@example.fr", staff=True, totp=False)

    response = log_in(client, "equipe@example.fr")

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    admin = client.get(reverse("wagtailadmin_home"))
    assert admin.status_code == 302
    assert admin["Location"] == reverse("mfa_activate_totp")
    assert "double authentification" in " ".join(str(m) for m in get_messages(admin.wsgi_request))


def test_staff_without_totp_who_asks_for_the_admin_gets_the_totp_setup(client):
    verified_user(email="equipe@example.fr", staff=True, totp=False)

    response = log_in(client, "equipe@example.fr", next_url="/admin/")
    admin = client.get(response["Location"])

    assert admin.status_code == 302
    assert admin["Location"] == reverse("mfa_activate_totp")


def test_staff_who_sets_up_totp_then_reaches_the_admin(client):
    verified_user(email="equipe@example.fr", staff=True, totp=False)
    log_in(client, "equipe@example.fr")
    # Setting up a second factor asks for the password again (allauth's reauthentication).
    reauthenticate_url = client.get(reverse("mfa_activate_totp"))["Location"]
    assert reauthenticate_url.startswith(reverse("account_reauthenticate"))
    client.post(reauthenticate_url, {"password": PASSWORD})
    setup_page = client.get(reverse("mfa_activate_totp"))
    assert setup_page.status_code == 200
    secret = setup_page.context["form"].secret

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_staff_with_totp_must_enter_a_code_then_reaches_the_admin(client):
    staff = verified_user(email="equipe@example.fr", staff=True, totp=False)
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)

    response = log_in(client, "equipe@example.fr", next_url="/admin/")

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("wagtailadmin_home")).status_code == 302

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_staff_with_totp_and_a_wrong_code_stays_out(client):
    staff = verified_user(email="equipe@example.fr", staff=True, totp=False)
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)
    log_in(client, "equipe@example.fr")
    wrong = totp_code(secret, at=time.time() - 3600)

    response = client.post(reverse("mfa_authenticate"), {"code": wrong})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_non_staff_member_never_reaches_the_admin(client):
    verified_user(email="membre@example.fr")

    response = log_in(client, "membre@example.fr", next_url="/admin/")
    admin = client.get(reverse("wagtailadmin_home"))

    assert response["Location"] == "/admin/"
    assert "_auth_user_id" in client.session
    assert admin.status_code == 302
    assert admin["Location"].startswith(reverse("account_login"))
    assert get_user_model().objects.get(email="membre@example.fr").is_staff is False
