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
CONFLICTED_REVIEWER = "application reviewer with a declared conflict"
# A staff member (with TOTP, neither superuser) in exactly one staff group of eig/roles.py.
PROGRAM_TEAM = "staff: Équipe du programme"
SELECTION = "staff: Sélection"
COMMUNICATION = "staff: Communication"
EVALUATION = "staff: Évaluation"
DATA_PROTECTION = "staff: Protection des données"

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
    # tests/authorization/conftest.py: these need the world (the group, the application).
    PROGRAM_TEAM: "program_team_staff_user",
    SELECTION: "selection_staff_user",
    COMMUNICATION: "communication_staff_user",
    EVALUATION: "evaluation_staff_user",
    DATA_PROTECTION: "data_protection_staff_user",
    CONFLICTED_REVIEWER: "conflicted_reviewer_user",
}

# --- What each staff group holds, as docs/roles.md states it -------------------------------------
# Written here, not read from eig/roles.py: the matrix checks the code against the documented
# roles. "app.*" is every permission of that app, except the sensitive ones unless listed.

PAGE_PERMISSIONS = {"wagtailcore.add_page", "wagtailcore.change_page", "wagtailcore.publish_page"}
PROGRAM_APPS = ("cohorts", "projects", "selection", "alumni", "evaluation", "cms")
SENSITIVE = {"selection.view_equalitystatistics", "alumni.view_survey_answers"}
READ_PROGRAM = {
    "cohorts.view_cohort",
    "cohorts.view_person",
    "cohorts.view_fellowship",
    "projects.view_administration",
    "projects.view_challenge",
}


@dataclass(frozen=True)
class Powers:
    apps: tuple[str, ...] = ()
    permissions: frozenset[str] = frozenset()
    pages: bool = False  # add, change and publish the site's pages

    def holds(self, permission: str) -> bool:
        app = permission.split(".", 1)[0]
        if app == "wagtailcore":
            return self.pages and permission in PAGE_PERMISSIONS
        if permission in self.permissions:
            return True
        return app in self.apps and permission not in SENSITIVE


GROUP_POWERS: dict[str, Powers] = {
    # Everything: promotions, people, challenges, calls, selection, surveys and their answers,
    # equality statistics, indicators, reports, site pages.
    PROGRAM_TEAM: Powers(apps=PROGRAM_APPS, permissions=frozenset(SENSITIVE), pages=True),
    # Applications (reading, CV, decisions), reviewers and interviews; challenge proposals,
    # their attachments, jury rounds and the decision; reading promotions, people, challenges.
    SELECTION: Powers(
        apps=("selection",),
        permissions=frozenset(
            READ_PROGRAM
            | {
                "projects.view_challengeproposal",
                "projects.change_challengeproposal",
                "projects.decide_challengeproposal",
                "projects.view_proposalattachment",
                "projects.view_reviewround",
                "projects.add_reviewround",
                "projects.change_reviewround",
                "projects.view_reviewcriterion",
                "projects.add_reviewcriterion",
                "projects.change_reviewcriterion",
                "projects.view_reviewassignment",
                "projects.add_reviewassignment",
                "projects.change_reviewassignment",
                "projects.view_reviewscore",
            }
        ),
    ),
    # The site's pages and news; reading promotions and challenges.
    COMMUNICATION: Powers(
        apps=("cms",),
        permissions=frozenset({"cohorts.view_cohort", "projects.view_challenge"}),
        pages=True,
    ),
    # Indicators and reports, equality statistics, survey answers; reading promotions, people,
    # challenges, positions and progress reports.
    EVALUATION: Powers(
        apps=("evaluation",),
        permissions=frozenset(
            READ_PROGRAM
            | SENSITIVE
            | {"alumni.view_survey", "alumni.view_position", "projects.view_progressreport"}
        ),
    ),
    # Reading and erasing people and applications (CV included) and positions; exporting the
    # survey answers.
    DATA_PROTECTION: Powers(
        permissions=frozenset(
            {
                "cohorts.view_person",
                "cohorts.change_person",
                "cohorts.delete_person",
                "selection.view_application",
                "selection.delete_application",
                "alumni.view_position",
                "alumni.delete_position",
                "alumni.view_survey",
                "alumni.view_survey_answers",
            }
        ),
    ),
}
STAFF_GROUPS: dict[str, str] = {role: role.removeprefix("staff: ") for role in GROUP_POWERS}

# Roles that, where a rule is silent about them, get the answer of MEMBER.
INHERITS_MEMBER: set[str] = {
    AGENT,
    JURY,
    FELLOW,
    CANDIDATE,
    APPLICATION_REVIEWER,
    TEAM,
    CONFLICTED_REVIEWER,
}
# Staff members, but neither superuser nor in a staff group: where a rule is silent about them,
# they get STAFF's answer in the front office, and MEMBER's in the admin (they may not enter it).
INHERITS_STAFF: set[str] = {STAFF_WITHOUT_GROUP}


def with_inherited(
    answers: dict,
    *,
    admin: bool = False,
    needs: tuple[str, ...] | None = None,
    any_of: bool = False,
    refused=None,
) -> dict:
    """The answers of a cell row, completed for the roles that inherit another's answer.

    A staff group's answer, where the row does not state it: with ``needs`` (named
    permissions), STAFF's answer for a group that holds them (``any_of``: one of them), else
    ``refused`` (in the admin, by default, a return to the admin's home with an error) or, in
    the front office, the answer of a staff member in no group. Without ``needs``, STAFF's."""
    inherited = {}
    if MEMBER in answers:
        inherited |= {role: answers[MEMBER] for role in INHERITS_MEMBER}
    like_staff = MEMBER if admin else STAFF
    if like_staff in answers:
        inherited |= {role: answers[like_staff] for role in INHERITS_STAFF}
    if STAFF in answers:
        without = inherited.get(STAFF_WITHOUT_GROUP, answers.get(STAFF_WITHOUT_GROUP))
        without = answers.get(STAFF_WITHOUT_GROUP, without)
        if refused is None:
            refused = ADMIN_HOME_REFUSED if admin else without
        for role, powers in GROUP_POWERS.items():
            held = needs is None or (any if any_of else all)(powers.holds(p) for p in needs)
            inherited[role] = answers[STAFF] if held else refused
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
