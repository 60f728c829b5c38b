import re
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse


def run_command(*args: str) -> tuple[str, str]:
    """Run the command, return the login and password it printed."""
    out = StringIO()
    call_command("ensure_demo_staff", *args, stdout=out)
    login = re.search(r"^Identifiant : (\S+)$", out.getvalue(), re.MULTILINE)
    password = re.search(r"^Mot de passe : (\S+)$", out.getvalue(), re.MULTILINE)
    assert login and password, out.getvalue()
    return login[1], password[1]


@pytest.fixture
def debug_on(db, settings):
    settings.DEBUG = True


def test_printed_password_logs_in_as_superuser(debug_on, client):
    login, password = run_command()

    assert client.login(username=login, password=password)
    user = get_user_model().objects.get(username=login)
    assert user.is_staff and user.is_superuser and user.is_active


def test_second_run_updates_the_same_account_with_a_new_password(debug_on, client):
    first_login, first_password = run_command()

    login, password = run_command()

    assert login == first_login
    assert get_user_model().objects.filter(username=login).count() == 1
    assert password != first_password
    assert not client.login(username=login, password=first_password)
    assert client.login(username=login, password=password)


def test_second_run_restores_a_demoted_account(debug_on):
    login, _ = run_command()
    get_user_model().objects.filter(username=login).update(is_superuser=False, is_active=False)

    run_command()

    user = get_user_model().objects.get(username=login)
    assert user.is_superuser and user.is_active


def test_refuses_to_run_in_production(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DJANGO_DEBUG vaut false"):
        call_command("ensure_demo_staff", stdout=StringIO())

    assert not get_user_model().objects.exists()


def test_runs_in_production_when_forced(db, settings, client):
    settings.DEBUG = False

    login, password = run_command("--force", "--username", "equipe-prod")

    assert login == "equipe-prod"
    assert client.login(username=login, password=password)


@pytest.mark.skipif(
    not apps.is_installed("allauth.account"), reason="e-mail login is not installed"
)
def test_printed_email_and_password_log_in_through_the_login_form(debug_on, client):
    out = StringIO()
    call_command("ensure_demo_staff", stdout=out)
    email = re.search(r"^Adresse e-mail : (\S+)$", out.getvalue(), re.MULTILINE)[1]
    password = re.search(r"^Mot de passe : (\S+)$", out.getvalue(), re.MULTILINE)[1]

    response = client.post(reverse("account_login"), {"login": email, "password": password})

    # Staff have a second factor: the login asks for the code that demo_totp_code prints.
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    code = StringIO()
    call_command("demo_totp_code", stdout=code)
    response = client.post(reverse("mfa_authenticate"), {"code": code.getvalue().strip()})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(get_user_model().objects.get(email=email).pk)
    assert client.get("/admin/").status_code == 200  # no TOTP setup page in the way


def test_the_totp_code_is_not_printed_in_production(debug_on, settings):
    call_command("ensure_demo_staff", stdout=StringIO())
    settings.DEBUG = False

    with pytest.raises(CommandError, match="production"):
        call_command("demo_totp_code", stdout=StringIO())


def test_a_second_run_keeps_the_second_factor(debug_on):
    from allauth.mfa.models import Authenticator

    call_command("ensure_demo_staff", stdout=StringIO())
    call_command("ensure_demo_staff", stdout=StringIO())

    assert Authenticator.objects.filter(user__username="equipe").count() == 1
