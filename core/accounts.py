"""Accounts: allauth's adapter, login throttling, and the rule that staff sign in with TOTP.

Anyone who can reach the Wagtail admin (staff, or a user given admin access) must have set up an
authenticator application. Until then, the admin answers with the TOTP setup page.

Failed password logins are throttled by allauth (ACCOUNT_RATE_LIMITS["login_failed"], per client
address and per account). A throttled login answers 429 with the form and the typed address; the
owner can always sign in with a code sent by e-mail, and is told once per EIG_LOGIN_ALERT_INTERVAL
when their account's limit is reached. Nobody is told anything about an address without account.
"""

import hashlib
from http import HTTPStatus

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import filter_users_by_email, user_email
from allauth.account.views import LoginView as AllauthLoginView
from allauth.core.internal import ratelimit
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.emails import send_templated_email

TOO_MANY_LOGIN_ATTEMPTS = "too_many_login_attempts"

TOTP_REQUIRED_MESSAGE = _(
    "L'accès à l'administration demande une double authentification : "
    "activez une application d'authentification pour continuer."
)


def user_can_reach_admin(user) -> bool:
    return user.is_authenticated and (user.is_staff or user.has_perm("wagtailadmin.access_admin"))


def user_lacks_required_totp(user) -> bool:
    return user_can_reach_admin(user) and not is_mfa_enabled(user, [Authenticator.Type.TOTP])


def _per_account_login_rates() -> str:
    """The per-account ("key") part of the failed-login limits, e.g. "5/5m/key,10/h/key"."""
    rates = account_settings.RATE_LIMITS.get("login_failed") or ""
    return ",".join(rate.strip() for rate in rates.split(",") if rate.strip().endswith("/key"))


def login_alert_send(*, request, email: str, attempts_key: str) -> bool:
    """Tell the owner of ``email`` that password attempts on their account are being refused.

    At most once per EIG_LOGIN_ALERT_INTERVAL for an address, only when the per-account limit
    (not the client address's) is reached, and never when no account has this address. Returns
    whether a message was sent.
    """
    key_rates = _per_account_login_rates()
    if not key_rates or ratelimit.consume(
        request,
        app="allauth.account",
        action="login_failed",
        config={"login_failed": key_rates},
        key=attempts_key,
        dry_run=True,
    ):
        return False  # The account is not over its own limit: only the client address is.
    digest = hashlib.sha256(attempts_key.encode()).hexdigest()
    if not cache.add(f"eig:login-alert:{digest}", True, settings.EIG_LOGIN_ALERT_INTERVAL):
        return False
    recipients = [user_email(user) for user in filter_users_by_email(email, is_active=True)]
    if not any(recipients):
        return False
    send_templated_email(
        "core/emails/login_throttled",
        recipients,
        {
            "login_code_url": settings.SITE_URL + reverse("account_request_login_code"),
            "password_reset_url": settings.SITE_URL + reverse("account_reset_password"),
        },
    )
    return True


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        TOO_MANY_LOGIN_ATTEMPTS: _(
            "Trop de tentatives de connexion échouées. Réessayez dans quelques minutes, ou "
            "recevez un code de connexion par e-mail."
        ),
    }

    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            login_alert_send(
                request=request,
                email=credentials.get("email", ""),
                attempts_key=self._get_login_attempts_cache_key(request, **credentials),
            )
            raise

    def authentication_failed(self, request, **credentials):
        super().authentication_failed(request, **credentials)
        # The failure that fills the account's limit tells its owner (the next one is refused).
        login_alert_send(
            request=request,
            email=credentials.get("email", ""),
            attempts_key=self._get_login_attempts_cache_key(request, **credentials),
        )

    def get_login_redirect_url(self, request):
        if user_lacks_required_totp(request.user):
            return reverse("mfa_activate_totp")
        return super().get_login_redirect_url(request)

    def get_logout_redirect_url(self, request):
        # Imported here: the ProConnect package imports allauth's social account machinery.
        from core.proconnect.logout import proconnect_logout_url

        return proconnect_logout_url(request) or super().get_logout_redirect_url(request)


class StaffOnlyAdminBackend(ModelBackend):
    """Django's model backend, except that only staff (``is_staff``) enter the Wagtail admin.

    Wagtail admits anyone holding ``wagtailadmin.access_admin``, which groups can grant. This
    backend, listed first in AUTHENTICATION_BACKENDS, refuses that permission outright to a
    non-staff user (raising PermissionDenied stops Django from asking the other backends), so
    agents, jury members and other program roles stay in the front office whatever their
    groups say. Being first, it is also the backend of ``Client.force_login``: it logs users
    in exactly as ModelBackend does.
    """

    def has_perm(self, user_obj, perm, obj=None):
        if perm == "wagtailadmin.access_admin" and user_obj.is_active and not user_obj.is_staff:
            raise PermissionDenied
        return super().has_perm(user_obj, perm, obj)


class StaffRequiresTOTPMiddleware:
    """Sends a staff member without TOTP from any admin page to the TOTP setup page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(reverse("wagtailadmin_home")) and user_lacks_required_totp(
            request.user
        ):
            messages.warning(request, TOTP_REQUIRED_MESSAGE)
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class LoginView(AllauthLoginView):
    """allauth's login, answering 429 (not 200) when password attempts are throttled."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, code=TOO_MANY_LOGIN_ATTEMPTS):
            response.status_code = HTTPStatus.TOO_MANY_REQUESTS
        return response
