"""The matrix's columns (roles) and the answers a cell may expect."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.messages import get_messages
from django.forms import BaseForm, BaseFormSet
from django.http import HttpResponse
from django.urls import reverse

# --- Roles: one column each ---------------------------------------------------------------------

ANONYMOUS = "anonymous"
MEMBER = "authenticated non-staff"
STAFF = "staff"
FELLOW = "fellow or alumnus"
CANDIDATE = "candidate"
APPLICATION_REVIEWER = "application reviewer"
AGENT = "administration agent"
JURY = "challenge jury member"
TEAM = "fellow or mentor of a running challenge"
STAFF_WITHOUT_GROUP = "staff without a staff group"

# Role → fixture of tests/conftest.py that gives a user of that role (None: nobody logged in).
ROLES: dict[str, str | None] = {
    ANONYMOUS: None,
    MEMBER: "outsider_user",
    STAFF: "staff_user",
    FELLOW: "alumnus_user",
    CANDIDATE: "candidate_user",
    APPLICATION_REVIEWER: "application_reviewer_user",
    AGENT: "agent_user",
    JURY: "reviewer_user",
    TEAM: "team_user",
    STAFF_WITHOUT_GROUP: "staff_without_group_user",
}

# Roles that, where a rule is silent about them, get the answer of MEMBER.
INHERITS_MEMBER: set[str] = {AGENT, JURY, FELLOW, CANDIDATE, APPLICATION_REVIEWER, TEAM}
# Staff members, but neither superuser nor in a staff group: where a rule is silent about them,
# they get STAFF's answer in the front office, and MEMBER's in the admin (they may not enter it).
INHERITS_STAFF: set[str] = {STAFF_WITHOUT_GROUP}


def with_inherited(answers: dict, *, admin: bool = False) -> dict:
    """The answers of a cell row, completed for the roles that inherit another's answer."""
    inherited = {}
    if MEMBER in answers:
        inherited |= {role: answers[MEMBER] for role in INHERITS_MEMBER}
    like_staff = MEMBER if admin else STAFF
    if like_staff in answers:
        inherited |= {role: answers[like_staff] for role in INHERITS_STAFF}
    return inherited | dict(answers)


# --- Answers ------------------------------------------------------------------------------------


def _error_messages(response: HttpResponse) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level == messages.ERROR]


def _sent_to_admin_login(response: HttpResponse) -> bool:
    # allauth's login (comptes/login/), or Wagtail's admin/login/ that redirects there.
    logins = [str(settings.WAGTAILADMIN_LOGIN_URL), reverse("wagtailadmin_login")]
    return response.status_code == 302 and any(
        response["Location"].startswith(f"{login}?next=") for login in logins
    )


def _forms_in(response: HttpResponse):
    contexts = response.context
    if contexts is None:
        return
    if not isinstance(contexts, list):
        contexts = [contexts]
    for context in contexts:
        for layer in context.dicts:
            for value in layer.values():
                if isinstance(value, BaseForm | BaseFormSet):
                    yield value


def _shows_form_errors(response: HttpResponse) -> bool:
    return response.status_code == 200 and any(
        form.errors if isinstance(form, BaseForm) else form.total_error_count()
        for form in _forms_in(response)
    )


@dataclass(frozen=True)
class Answer:
    label: str
    accepts: Callable[[HttpResponse], bool]
    # A POST with this answer writes to the database; any other POST must leave it unchanged.
    writes: bool = False

    def __str__(self) -> str:
        return self.label


SERVED = Answer("served (200)", lambda response: response.status_code == 200)
NOT_FOUND = Answer("not found (404)", lambda response: response.status_code == 404)
FORBIDDEN = Answer("forbidden (403)", lambda response: response.status_code == 403)
POST_ONLY = Answer("GET not allowed (405)", lambda response: response.status_code == 405)
NO_POST = Answer("POST not allowed (405)", lambda response: response.status_code == 405)
DELIBERATE_ERROR = Answer(
    "a deliberate server error (500)", lambda response: response.status_code == 500
)
ADMIN_LOGIN = Answer(
    "sent to the admin login",
    lambda response: _sent_to_admin_login(response) and not _error_messages(response),
)
ADMIN_REFUSED = Answer(
    "refused: sent to the admin login with an error message",
    lambda response: _sent_to_admin_login(response) and bool(_error_messages(response)),
)
FORM_ERRORS = Answer("the form shown again with its errors (200)", _shows_form_errors)
EMPTY_FORM_AGAIN = Answer(
    "the form shown again (200), nothing saved",
    lambda response: response.status_code == 200 and any(_forms_in(response)),
)
BAD_REQUEST = Answer("refused as a bad request (400)", lambda response: response.status_code == 400)


def redirected_to(url_name: str, *args) -> Answer:
    return Answer(
        f"redirected to {url_name}",
        lambda response: (
            response.status_code == 302 and response["Location"] == reverse(url_name, args=args)
        ),
    )


def saved_then_redirected(description: str) -> Answer:
    """A POST accepted: the database changed, and the answer is a redirect."""
    return Answer(
        f"{description}, then redirected (302)",
        lambda response: response.status_code == 302,
        writes=True,
    )


def saved_and_served(description: str) -> Answer:
    """A POST accepted: the database changed, and the answer is a page (200)."""
    return Answer(
        f"{description}, then served (200)",
        lambda response: response.status_code == 200,
        writes=True,
    )


HOME = Answer(
    "redirected to the home page",
    lambda response: response.status_code == 302 and response["Location"] == "/",
)
ADMIN_HOME_REFUSED = Answer(
    "refused: redirected to the admin home with an error message",
    lambda response: (
        response.status_code == 302
        and response["Location"] == reverse("wagtailadmin_home")
        and bool(_error_messages(response))
    ),
)
REAUTHENTICATE = Answer(
    "asked to confirm the password again",
    lambda response: (
        response.status_code == 302
        and response["Location"].startswith(reverse("account_reauthenticate"))
    ),
)
LOGIN_ERROR = Answer("the login error page (401)", lambda response: response.status_code == 401)


def moved_to(url_name: str) -> Answer:
    return Answer(
        f"moved permanently to {url_name}",
        lambda response: response.status_code == 301 and response["Location"] == reverse(url_name),
    )


ACCOUNT_LOGIN = Answer(
    "sent to the account login",
    lambda response: (
        response.status_code == 302
        and response["Location"].startswith(f"{reverse('account_login')}?next=")
    ),
)


def exported(content_type: str) -> Answer:
    return Answer(
        f"a {content_type} download (200)",
        lambda response: (
            response.status_code == 200 and response["Content-Type"].startswith(content_type)
        ),
    )


# Rows of answers used by many rules.
EVERYONE_SERVED = {ANONYMOUS: SERVED, MEMBER: SERVED, STAFF: SERVED}
EVERYONE_NOT_FOUND = {ANONYMOUS: NOT_FOUND, MEMBER: NOT_FOUND, STAFF: NOT_FOUND}
ADMIN_ONLY = {ANONYMOUS: ADMIN_LOGIN, MEMBER: ADMIN_REFUSED, STAFF: SERVED}
LOGGED_IN_ONLY = {ANONYMOUS: ACCOUNT_LOGIN, MEMBER: SERVED, STAFF: SERVED}
ANONYMOUS_ONLY = {ANONYMOUS: SERVED, MEMBER: HOME, STAFF: HOME}
# A form's target that only takes a POST, from a logged-in user of any role.
LOGGED_IN_POST_ONLY = {ANONYMOUS: ACCOUNT_LOGIN, MEMBER: POST_ONLY, STAFF: POST_ONLY}
