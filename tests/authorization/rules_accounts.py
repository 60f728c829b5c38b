"""Rules of the accounts' pages (allauth: login, signup, e-mail, password, two-factor,
ProConnect)."""

from django.urls import reverse

from tests.authorization.matrix import Rule
from tests.authorization.roles import (
    ACCOUNT_LOGIN,
    ANONYMOUS,
    ANONYMOUS_ONLY,
    EVERYONE_NOT_FOUND,
    EVERYONE_SERVED,
    HOME,
    LOGGED_IN_ONLY,
    LOGIN_ERROR,
    MEMBER,
    NOT_FOUND,
    REAUTHENTICATE,
    ROLES,
    SERVED,
    STAFF,
    moved_to,
    redirected_to,
)

ACCOUNT_RULES: list[Rule] = [
    # Accounts (allauth): login, signup, e-mail, password, two-factor, ProConnect.
    Rule(
        route="comptes/login/",
        why="Login form; a logged-in user goes on.",
        answers=ANONYMOUS_ONLY,
        samples=lambda world: [reverse("account_login")],
    ),
    Rule(
        route="comptes/signup/",
        why="Signup form; a logged-in user goes on.",
        answers=ANONYMOUS_ONLY,
        samples=lambda world: [reverse("account_signup")],
    ),
    Rule(
        route="comptes/logout/",
        why="Logout confirmation (the logout itself is a POST).",
        answers={ANONYMOUS: HOME, MEMBER: SERVED, STAFF: SERVED},
        samples=lambda world: [reverse("account_logout")],
    ),
    Rule(
        route="comptes/inactive/",
        why="Page telling that an account is inactive.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("account_inactive")],
    ),
    Rule(
        route="comptes/confirm-email/",
        why="Page telling that a verification e-mail was sent.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("account_email_verification_sent")],
    ),
    Rule(
        route=r"comptes/confirm-email/(?P<key>[-:\w]+)/$",
        why="E-mail verification link; a wrong key gets an explanation.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("account_confirm_email", args=["cle-inconnue"])],
    ),
    Rule(
        route="comptes/login/code/confirm/",
        why="Confirming a login code with no code requested: back to asking for one.",
        answers={
            ANONYMOUS: redirected_to("account_request_login_code"),
            MEMBER: HOME,
            STAFF: HOME,
        },
        samples=lambda world: [reverse("account_confirm_login_code")],
    ),
    Rule(
        prefix="comptes/password/reset/",
        why="Password reset by e-mail, open to anyone.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [
            reverse("account_reset_password"),
            reverse("account_reset_password_done"),
            reverse("account_reset_password_from_key", args=["1", "pas-un-jeton"]),
            reverse("account_reset_password_from_key_done"),
        ],
    ),
    Rule(
        route="comptes/password/set/",
        why="Setting a first password; users with one change it.",
        answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: redirected_to("account_change_password"),
            STAFF: redirected_to("account_change_password"),
        },
        samples=lambda world: [reverse("account_set_password")],
    ),
    Rule(
        route="comptes/2fa/authenticate/",
        why="Second-factor step of a login in progress only.",
        answers={ANONYMOUS: redirected_to("account_login"), MEMBER: HOME, STAFF: HOME},
        samples=lambda world: [reverse("mfa_authenticate")],
    ),
    Rule(
        route="comptes/2fa/totp/activate/",
        why="Setting up TOTP (staff: required), after confirming the password again.",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: REAUTHENTICATE, STAFF: REAUTHENTICATE},
        samples=lambda world: [reverse("mfa_activate_totp")],
    ),
    Rule(
        route="comptes/2fa/totp/deactivate/",
        why="Removing TOTP, for those who have it.",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: REAUTHENTICATE},
        samples=lambda world: [reverse("mfa_deactivate_totp")],
    ),
    Rule(
        route="comptes/2fa/recovery-codes/generate/",
        why="Making recovery codes (TOTP users).",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: REAUTHENTICATE, STAFF: REAUTHENTICATE},
        samples=lambda world: [reverse("mfa_generate_recovery_codes")],
    ),
    Rule(
        prefix="comptes/2fa/recovery-codes/",
        why="Own recovery codes, once made.",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND},
        samples=lambda world: [
            reverse("mfa_view_recovery_codes"),
            reverse("mfa_download_recovery_codes"),
        ],
    ),
    Rule(
        route="comptes/2fa/reauthenticate/",
        why="Confirming one's second factor again.",
        answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: redirected_to("account_reauthenticate"),
            STAFF: SERVED,
        },
        samples=lambda world: [reverse("mfa_reauthenticate")],
    ),
    Rule(
        route="comptes/3rdparty/signup/",
        why="ProConnect signup, only during a ProConnect login.",
        answers={
            ANONYMOUS: redirected_to("account_login"),
            MEMBER: redirected_to("account_login"),
            STAFF: redirected_to("account_login"),
        },
        samples=lambda world: [reverse("socialaccount_signup")],
    ),
    Rule(
        route="comptes/3rdparty/login/cancelled/",
        why="ProConnect login cancelled.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("socialaccount_login_cancelled")],
    ),
    Rule(
        route="comptes/3rdparty/login/error/",
        why="ProConnect login failed.",
        answers={ANONYMOUS: LOGIN_ERROR, MEMBER: LOGIN_ERROR, STAFF: LOGIN_ERROR},
        samples=lambda world: [reverse("socialaccount_login_error")],
    ),
    Rule(
        route="comptes/social/signup/",
        why="Older address, moved to comptes/3rdparty/.",
        answers={role: moved_to("socialaccount_signup") for role in ROLES},
        samples=lambda world: ["/comptes/social/signup/"],
    ),
    Rule(
        route="comptes/social/login/cancelled/",
        why="Older address, moved to comptes/3rdparty/.",
        answers={role: moved_to("socialaccount_login_cancelled") for role in ROLES},
        samples=lambda world: ["/comptes/social/login/cancelled/"],
    ),
    Rule(
        route="comptes/social/login/error/",
        why="Older address, moved to comptes/3rdparty/.",
        answers={role: moved_to("socialaccount_login_error") for role in ROLES},
        samples=lambda world: ["/comptes/social/login/error/"],
    ),
    Rule(
        route="comptes/social/connections/",
        why="Older address, moved to comptes/3rdparty/.",
        answers={role: moved_to("socialaccount_connections") for role in ROLES},
        samples=lambda world: ["/comptes/social/connections/"],
    ),
    Rule(
        prefix="comptes/proconnect/",
        why="ProConnect login and callback: not found while PROCONNECT_* is not set "
        "(tests/core/test_proconnect.py drives them against a local identity provider).",
        answers=EVERYONE_NOT_FOUND,
        samples=lambda world: [reverse("proconnect_login"), reverse("proconnect_callback")],
    ),
    Rule(
        prefix="comptes/",
        why="Own account pages: e-mail, password, two-factor, ProConnect link.",
        answers=LOGGED_IN_ONLY,
        samples=lambda world: [
            reverse("account_email"),
            reverse("account_change_password"),
            reverse("account_reauthenticate"),
            reverse("mfa_index"),
            reverse("socialaccount_connections"),
        ],
    ),
]
