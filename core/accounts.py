"""Accounts: allauth's adapter and the rule that staff sign in with a second factor (TOTP).

Anyone who can reach the Wagtail admin (staff, or a user given admin access) must have set up an
authenticator application. Until then, the admin answers with the TOTP setup page.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

TOTP_REQUIRED_MESSAGE = _(
    "L'accès à l'administration demande une double authentification : "
    "activez une application d'authentification pour continuer."
)


def user_can_reach_admin(user) -> bool:
    return user.is_authenticated and (user.is_staff or user.has_perm("wagtailadmin.access_admin"))


def user_lacks_required_totp(user) -> bool:
    return user_can_reach_admin(user) and not is_mfa_enabled(user, [Authenticator.Type.TOTP])


class AccountAdapter(DefaultAccountAdapter):
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
