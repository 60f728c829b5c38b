"""Who gets what at every URL of the project: the authorization matrix.

Every URL pattern of the project, walked from the root URLconf (Wagtail's admin included), must be
classified by one rule of ``RULES``. A rule matches patterns by their full route, exactly
(``route=``) or by its beginning (``prefix=``); the first matching rule wins. It gives, for every
role of ``ROLES``, the answer that role gets, and names sample URLs that are really requested
(GET only) for each role.

To classify a new URL pattern, add a rule to ``RULES`` above any broader rule that would catch it,
with the samples that show it (``world`` holds one object of each program model), e.g.::

    Rule(route="defis/<slug:slug>/",
         why="Public page of a published challenge.",
         answers={ANONYMOUS: SERVED, MEMBER: SERVED, STAFF: SERVED},
         samples=lambda world: [reverse("projects:challenge-detail",
                                        args=[world.challenge.slug])]),

Roles of the program (administration agent, jury member, mentor, candidate, fellow or alumnus) are
users without staff rights: a rule that gives no answer of its own for such a role gives it the
answer of ``MEMBER`` (a logged-in user with no role), listed in ``INHERITS_MEMBER``. Rules about
objects that a role owns or reviews must give that role's answer explicitly. To add a role: add it
to ``ROLES`` with the fixture of tests/conftest.py that logs such a user in, and to
``INHERITS_MEMBER``.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib import messages
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.core.signals import request_finished
from django.db import close_old_connections
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from cohorts.models import Event
from core.viewsets import MENU_GROUPS
from projects.models import ProgressReport
from tests.alumni_factories import (
    DirectoryProfileFactory,
    SurveyFactory,
    SurveyInvitationFactory,
    SurveyQuestionFactory,
)
from tests.factories import (
    ChallengeFactory,
    ChallengeLinkFactory,
    FellowshipFactory,
    KeyFigureFactory,
    PersonFactory,
    PositionFactory,
    SkillFactory,
    TeamMembershipFactory,
    ThemeFactory,
)
from tests.program_life_factories import AttendanceFactory, EventFactory, ProgressReportFactory

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
}

# Roles that, where a rule is silent about them, get the answer of MEMBER.
INHERITS_MEMBER: set[str] = {AGENT, JURY, FELLOW, CANDIDATE, APPLICATION_REVIEWER, TEAM}


# --- Answers ------------------------------------------------------------------------------------


def _error_messages(response: HttpResponse) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level == messages.ERROR]


def _sent_to_admin_login(response: HttpResponse) -> bool:
    # allauth's login (comptes/login/), or Wagtail's admin/login/ that redirects there.
    logins = [str(settings.WAGTAILADMIN_LOGIN_URL), reverse("wagtailadmin_login")]
    return response.status_code == 302 and any(
        response["Location"].startswith(f"{login}?next=") for login in logins
    )


@dataclass(frozen=True)
class Answer:
    label: str
    accepts: Callable[[HttpResponse], bool]

    def __str__(self) -> str:
        return self.label


SERVED = Answer("served (200)", lambda response: response.status_code == 200)
NOT_FOUND = Answer("not found (404)", lambda response: response.status_code == 404)
POST_ONLY = Answer("GET not allowed (405)", lambda response: response.status_code == 405)
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


def redirected_to(url_name: str) -> Answer:
    return Answer(
        f"redirected to {url_name}",
        lambda response: response.status_code == 302 and response["Location"] == reverse(url_name),
    )


HOME = Answer(
    "redirected to the home page",
    lambda response: response.status_code == 302 and response["Location"] == "/",
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


# --- Rules --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    why: str
    answers: dict[str, Answer]
    route: str | None = None
    prefix: str | None = None
    samples: Callable[[SimpleNamespace], Iterable[str]] = lambda world: ()
    # Set when the pattern exists only in some configurations (then it may be absent here).
    only_when: str | None = None

    def __post_init__(self):
        assert (self.route is None) != (self.prefix is None), "give a rule a route or a prefix"
        if MEMBER in self.answers:
            inherited = {role: self.answers[MEMBER] for role in INHERITS_MEMBER}
            object.__setattr__(self, "answers", inherited | dict(self.answers))

    def matches(self, route: str) -> bool:
        if self.route is not None:
            return route == self.route
        return route.startswith(self.prefix)

    @property
    def key(self) -> str:
        return f"route={self.route!r}" if self.route is not None else f"prefix={self.prefix!r}"


def program_viewsets():
    """The registered admin viewsets of the program's data (cms/viewsets.py)."""
    for group in MENU_GROUPS:
        for viewset_class in group.items:
            yield viewset_class.model.snippet_viewset


def program_admin_pages(world: SimpleNamespace) -> Iterator[str]:
    yield reverse("wagtailadmin_home")
    for viewset in program_viewsets():
        sample = world.by_model.get(viewset.model)
        assert sample is not None, f"world has no {viewset.model.__name__}: add one to world()"
        yield reverse(viewset.get_url_name("list"))
        yield reverse(viewset.get_url_name("add"))
        views = ["edit", "inspect", "history", "usage", "delete"]
        if viewset.changes_enabled:
            views.append("changes")
        for view in views:
            yield reverse(viewset.get_url_name(view), args=[sample.pk])
    # Wagtail's own areas with personal or site-wide data.
    yield reverse("wagtailadmin_explore_root")
    yield reverse("wagtailusers_users:index")
    yield reverse("wagtaildocs:index")


EVERYONE_SERVED = {ANONYMOUS: SERVED, MEMBER: SERVED, STAFF: SERVED}
EVERYONE_NOT_FOUND = {ANONYMOUS: NOT_FOUND, MEMBER: NOT_FOUND, STAFF: NOT_FOUND}
ADMIN_ONLY = {ANONYMOUS: ADMIN_LOGIN, MEMBER: ADMIN_REFUSED, STAFF: SERVED}
LOGGED_IN_ONLY = {ANONYMOUS: ACCOUNT_LOGIN, MEMBER: SERVED, STAFF: SERVED}
ANONYMOUS_ONLY = {ANONYMOUS: SERVED, MEMBER: HOME, STAFF: HOME}
# A form's target that only takes a POST, from a logged-in user of any role.
LOGGED_IN_POST_ONLY = {ANONYMOUS: ACCOUNT_LOGIN, MEMBER: POST_ONLY, STAFF: POST_ONLY}

HIDDEN_ORGANISATION = "Organisation cachée par consentement"
NETWORK_ONLY = {ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, FELLOW: SERVED, STAFF: NOT_FOUND}
OWNER_ONLY_OTHERS_POSITION = {
    ANONYMOUS: ACCOUNT_LOGIN,
    MEMBER: NOT_FOUND,
    FELLOW: NOT_FOUND,
    STAFF: NOT_FOUND,
}
DIRECTORY_WITHOUT_HIDDEN_POSITIONS = Answer(
    "served (200), without the positions their owner hides",
    lambda response: (
        response.status_code == 200
        and "Camille Martin" in response.content.decode()
        and HIDDEN_ORGANISATION not in response.content.decode()
    ),
)


def survey_admin_pages(world: SimpleNamespace) -> Iterator[str]:
    viewset = world.survey.snippet_viewset
    yield reverse(viewset.get_url_name("list"))
    yield reverse(viewset.get_url_name("add"))
    for view in ("edit", "inspect", "history", "usage", "delete", "changes", "follow-up", "export"):
        yield reverse(viewset.get_url_name(view), args=[world.survey.pk])


RULES: list[Rule] = [
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
        why="Login by code is off: back to the login.",
        answers={ANONYMOUS: redirected_to("account_login"), MEMBER: HOME, STAFF: HOME},
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
    # Wagtail admin: the pages reachable before logging in.
    Rule(
        route="admin/login/",
        why="The admin's login sends everyone to the accounts' login.",
        answers={
            ANONYMOUS: redirected_to("account_login"),
            MEMBER: redirected_to("account_login"),
            STAFF: redirected_to("account_login"),
        },
        samples=lambda world: [reverse("wagtailadmin_login")],
    ),
    Rule(
        prefix="admin/password_reset/",
        why="Wagtail's own password reset is off (WAGTAIL_PASSWORD_RESET_ENABLED): "
        "comptes/password/reset/ serves instead.",
        answers=EVERYONE_NOT_FOUND,
        samples=lambda world: [
            reverse("wagtailadmin_password_reset"),
            reverse("wagtailadmin_password_reset_done"),
            reverse("wagtailadmin_password_reset_confirm", args=["MQ", "not-a-token"]),
            reverse("wagtailadmin_password_reset_complete"),
        ],
    ),
    Rule(
        route="admin/sprite/",
        why="Admin icons.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("wagtailadmin_sprite")],
    ),
    Rule(
        route="admin/jsi18n/",
        why="Admin JavaScript translations.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("wagtailadmin_javascript_catalog")],
    ),
    # Wagtail admin: everything else needs admin access.
    Rule(
        route="admin/logout/",
        why="Logging out is a POST; GET is refused.",
        answers={ANONYMOUS: ADMIN_LOGIN, MEMBER: ADMIN_REFUSED, STAFF: POST_ONLY},
        samples=lambda world: [reverse("wagtailadmin_logout")],
    ),
    Rule(
        route="admin/failwhale/",
        why="Wagtail's deliberate error, to test error reporting.",
        answers={ANONYMOUS: ADMIN_LOGIN, MEMBER: ADMIN_REFUSED, STAFF: DELIBERATE_ERROR},
        samples=lambda world: [reverse("wagtailadmin_error_test")],
    ),
    Rule(
        route="admin/snippets/cohorts/event/presences/<int:pk>/",
        why="Staff record the attendance at an event on one sheet.",
        answers=ADMIN_ONLY,
        samples=lambda world: [
            reverse("wagtailsnippets_cohorts_event:attendance", args=[world.by_model[Event].pk])
        ],
    ),
    Rule(
        route="admin/equipes-silencieuses/",
        why="Staff view of the teams without a recent progress report.",
        answers=ADMIN_ONLY,
        samples=lambda world: [
            reverse("equipes-silencieuses:index"),
            "/admin/equipes-silencieuses/?days=7",
        ],
    ),
    Rule(
        route="admin/.*/$",
        why="Unknown admin address: not found, and only for staff.",
        answers={ANONYMOUS: ADMIN_LOGIN, MEMBER: ADMIN_REFUSED, STAFF: NOT_FOUND},
        samples=lambda world: ["/admin/aucune-page-ici/"],
    ),
    Rule(
        prefix="admin/snippets/alumni/survey/",
        why="Feedback surveys (alumni/wagtail_hooks.py): define, follow the response rate, "
        "send invitations and reminders, export the answers.",
        answers=ADMIN_ONLY,
        samples=survey_admin_pages,
    ),
    Rule(
        prefix="admin/candidatures/",
        why="The selection's staff pages: statistics and the decision on an application.",
        answers=ADMIN_ONLY,
        samples=lambda world: [
            reverse("selection_admin:statistics"),
            reverse("selection_admin:decision", args=[call_world(world).application.pk]),
        ],
    ),
    Rule(
        route="admin/appel-a-defis/sessions/<int:pk>/decision/<int:proposal_pk>/",
        why="Staff's decision on a proposal (a POST from the ranking).",
        answers={ANONYMOUS: ADMIN_LOGIN, MEMBER: ADMIN_REFUSED, STAFF: POST_ONLY},
        samples=lambda world: [
            reverse(
                "projects_call:decide",
                args=[challenges_world(world).round.pk, challenges_world(world).proposal.pk],
            )
        ],
    ),
    Rule(
        prefix="admin/appel-a-defis/",
        why="The call for challenges in the admin (projects/wagtail_hooks.py): proposals, "
        "review rounds and their ranking, criteria, assignments, agents.",
        answers=ADMIN_ONLY,
        samples=lambda world: challenges_admin_pages(world),
    ),
    Rule(
        prefix="admin/",
        why="Wagtail admin: the program's data, pages, users, documents.",
        answers=ADMIN_ONLY,
        samples=program_admin_pages,
    ),
    # The team space of fellows and mentors (projects/team_urls.py): own challenges only; the
    # 404 on another team's challenge is tested in tests/projects/test_progress_reports.py.
    Rule(
        route="equipe/",
        why="Home of the team space: own challenges and the cohort's events.",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND, TEAM: SERVED},
        samples=lambda world: [reverse("team:home")],
    ),
    Rule(
        route="equipe/defis/<int:pk>/",
        why="A challenge's progress reports, for its fellows and mentors.",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND, TEAM: SERVED},
        samples=lambda world: [reverse("team:challenge", args=[world.team_challenge.pk])],
    ),
    Rule(
        route="equipe/defis/<int:pk>/points/nouveau/",
        why="Writing a progress report on an own challenge.",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND, TEAM: SERVED},
        samples=lambda world: [reverse("team:report-create", args=[world.team_challenge.pk])],
    ),
    Rule(
        route="equipe/defis/<int:pk>/points/<int:report_pk>/modifier/",
        why="Editing one's own progress report (its author only).",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND, TEAM: SERVED},
        samples=lambda world: [
            reverse(
                "team:report-edit",
                args=[world.team_challenge.pk, world.by_model[ProgressReport].pk],
            )
        ],
    ),
    Rule(
        route="equipe/defis/<int:pk>/resultats/",
        why="A challenge's results and outcome: its mentors only (the TEAM user is a fellow).",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND, TEAM: NOT_FOUND},
        samples=lambda world: [reverse("team:results", args=[world.team_challenge.pk])],
    ),
    # Public pages of the program's data, their downloads and the API (projects/, cohorts/).
    Rule(
        route="recherche/",
        why="Public site search.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("cms:search"), "/recherche/?q=donn%C3%A9es"],
    ),
    Rule(
        route="plan-du-site/",
        why="Public site map.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("cms:site-map")],
    ),
    Rule(
        route="actualites/rss/",
        why="Public RSS feed of the news.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("cms:news-feed")],
    ),
    Rule(
        route="sitemap.xml",
        why="Public sitemap index.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("cms:sitemap")],
    ),
    Rule(
        route="sitemap-<section>.xml",
        why="Public sitemap section.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("cms:sitemap-section", kwargs={"section": "defis"})],
    ),
    Rule(
        route="defis/",
        why="Public list of the published challenges.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("projects:challenge-list"), "/defis/?q=sant%C3%A9"],
    ),
    Rule(
        route="defis/<slug:cohort_slug>/<slug:slug>/",
        why="Public page of a published challenge.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [
            reverse(
                "projects:challenge-detail",
                kwargs={"cohort_slug": world.challenge.cohort.slug, "slug": world.challenge.slug},
            )
        ],
    ),
    Rule(
        route="chiffres-cles/",
        why="Public key figures.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("projects:key-figures")],
    ),
    Rule(
        route="donnees/",
        why="Public open data page.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("projects:open-data")],
    ),
    Rule(
        route=r"^donnees/(?P<kind>defis|promotions|administrations)\.(?P<format>csv|json)$",
        why="Open data downloads.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [
            reverse("projects:export", kwargs={"kind": kind, "format": fmt})
            for kind in ("defis", "promotions", "administrations")
            for fmt in ("csv", "json")
        ],
    ),
    Rule(
        route="promotions/",
        why="Public list of the promotions.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("projects:cohort-list")],
    ),
    Rule(
        route="promotions/<slug:slug>/",
        why="Public page of a promotion.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [
            reverse("projects:cohort-detail", kwargs={"slug": world.challenge.cohort.slug})
        ],
    ),
    Rule(
        route="communaute/<slug:slug>/",
        why="Public page of a person who consented (404 otherwise, tests/cohorts/).",
        answers=EVERYONE_SERVED,
        samples=lambda world: [
            reverse("projects:person-detail", kwargs={"slug": world.person.slug})
        ],
    ),
    # The call for candidates (cohorts/rules.py): the candidate's and the reviewers' spaces.
    Rule(
        route="candidature/",
        why="The candidate's space: own applications and the open calls.",
        answers=LOGGED_IN_ONLY,
        samples=lambda world: [reverse("selection:candidate-space")],
    ),
    Rule(
        route="candidature/mes-donnees/",
        why="Download of everything held about oneself as a candidate (JSON).",
        answers=LOGGED_IN_ONLY,
        samples=lambda world: [reverse("selection:candidate-data")],
    ),
    Rule(
        route="candidature/effacement/",
        why="Asking for the erasure of one's own applications (confirmation, then POST).",
        answers=LOGGED_IN_ONLY,
        samples=lambda world: [reverse("selection:candidate-erasure")],
    ),
    Rule(
        route="candidature/promotion/<slug:cohort_slug>/",
        why="A new application to a promotion whose call is open (404 when closed).",
        answers=LOGGED_IN_ONLY,
        samples=lambda world: [
            reverse("selection:application-create", args=[call_world(world).open_cohort.slug])
        ],
    ),
    Rule(
        route="candidature/dossier/<int:pk>/",
        why="An application, for its candidate only: someone else's is not found.",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND},
        samples=lambda world: [
            reverse("selection:application-detail", args=[call_world(world).application.pk])
        ],
    ),
    Rule(
        route="candidature/dossier/<int:pk>/retrait/",
        why="Withdrawing one's application is a POST (someone else's: 404, tested in "
        "tests/selection/test_applications.py).",
        answers=LOGGED_IN_POST_ONLY,
        samples=lambda world: [
            reverse("selection:application-withdraw", args=[call_world(world).application.pk])
        ],
    ),
    Rule(
        route="candidature/dossier/<int:pk>/cv/",
        why="A CV: its candidate, staff and the application's assigned reviewers only.",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: SERVED},
        samples=lambda world: [
            reverse("selection:application-cv", args=[call_world(world).application.pk])
        ],
    ),
    Rule(
        route="jury-candidatures/",
        why="The reviewers' space: only the applications assigned to oneself.",
        answers=LOGGED_IN_ONLY,
        samples=lambda world: [reverse("selection:reviewer-space")],
    ),
    Rule(
        route="jury-candidatures/export.csv",
        why="Export of one's assigned applications (never the equality statistics).",
        answers=LOGGED_IN_ONLY,
        samples=lambda world: [reverse("selection:reviewer-export")],
    ),
    Rule(
        route="jury-candidatures/evaluation/<int:pk>/",
        why="A review, for its reviewer only: someone else's is not found.",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND},
        samples=lambda world: [
            reverse("selection:review-detail", args=[call_world(world).review.pk])
        ],
    ),
    Rule(
        route="api/",
        why="The API's root answers nothing: django-ninja reverses it to build "
        "the addresses of its endpoints (the documentation is at api/docs).",
        answers=EVERYONE_NOT_FOUND,
        samples=lambda world: ["/api/"],
    ),
    Rule(
        prefix="api/",
        why="Read-only public API and its OpenAPI description.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [
            "/api/openapi.json",
            "/api/docs",
            "/api/promotions",
            "/api/defis",
            "/api/administrations",
            "/api/personnes",
            f"/api/defis/{world.challenge.cohort.slug}/{world.challenge.slug}",
        ],
    ),
    # The alumni network (alumni/): profile and positions, directory, survey links.
    Rule(
        route="reseau/",
        why="Own alumni profile and consent: fellows and alumni only (404 for others).",
        answers=NETWORK_ONLY,
        samples=lambda world: [reverse("alumni:profile")],
    ),
    Rule(
        route="reseau/postes/ajouter/",
        why="Adding a position to one's own history: fellows and alumni only.",
        answers=NETWORK_ONLY,
        samples=lambda world: [reverse("alumni:position-create")],
    ),
    Rule(
        route="reseau/postes/<int:pk>/modifier/",
        why="Editing a position: its owner only (someone else's, as here, is 404 for all).",
        answers=OWNER_ONLY_OTHERS_POSITION,
        samples=lambda world: [
            reverse("alumni:position-update", args=[world.by_model[PositionFactory._meta.model].pk])
        ],
    ),
    Rule(
        route="reseau/postes/<int:pk>/supprimer/",
        why="Deleting a position: its owner only (someone else's, as here, is 404 for all).",
        answers=OWNER_ONLY_OTHERS_POSITION,
        samples=lambda world: [
            reverse("alumni:position-delete", args=[world.by_model[PositionFactory._meta.model].pk])
        ],
    ),
    Rule(
        route="reseau/annuaire/",
        why="Directory for fellows, alumni and staff; positions hidden by consent never shown.",
        answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: NOT_FOUND,
            FELLOW: DIRECTORY_WITHOUT_HIDDEN_POSITIONS,
            STAFF: DIRECTORY_WITHOUT_HIDDEN_POSITIONS,
        },
        samples=lambda world: [reverse("alumni:directory"), "/reseau/annuaire/?q=camille"],
    ),
    Rule(
        route="enquetes/<str:token>/",
        why="Survey link: the token is the only key; an unknown token is 404 for all "
        "(used and expired links: tests/alumni/).",
        answers={**EVERYONE_NOT_FOUND, FELLOW: NOT_FOUND},
        samples=lambda world: [
            reverse("alumni:survey-answer", args=["lien-inconnu"]),
            # another person's invitation, with a guess of its token
            reverse("alumni:survey-answer", args=[world.invitation.token_hash]),
        ],
    ),
    # The call for challenges: administrations' space and jury's space (projects/rules.py).
    # The samples belong to another administration and another reviewer than the AGENT's and
    # JURY's: their answer is 404 (own objects: tests/projects/).
    Rule(
        route="espace-administration/",
        why="The administrations' space; a user without administration is told how to join.",
        answers={**LOGGED_IN_ONLY, AGENT: SERVED},
        samples=lambda world: [reverse("projects:space")],
    ),
    Rule(
        route="espace-administration/propositions/nouvelle/",
        why="A new proposal: agents only.",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND, AGENT: SERVED},
        samples=lambda world: [reverse("projects:proposal-new")],
    ),
    Rule(
        route="espace-administration/propositions/export.csv",
        why="CSV of the proposals of the agent's own administrations (projects/rules.py); "
        "another administration's filter is 404 (tests/projects/test_proposals_export.py).",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND, AGENT: SERVED},
        samples=lambda world: [reverse("projects:proposals-export")],
    ),
    Rule(
        route="espace-administration/propositions/<int:pk>/",
        why="A proposal: agents of its administration only.",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND, AGENT: NOT_FOUND},
        samples=lambda world: [
            reverse("projects:proposal-detail", args=[challenges_world(world).proposal.pk])
        ],
    ),
    Rule(
        route="espace-administration/propositions/<int:pk>/modifier/",
        why="Editing a proposal: agents of its administration only.",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND, AGENT: NOT_FOUND},
        samples=lambda world: [
            reverse("projects:proposal-edit", args=[challenges_world(world).proposal.pk])
        ],
    ),
    Rule(
        route="espace-administration/propositions/<int:pk>/pieces-jointes/",
        why="Uploading an attachment is a POST.",
        answers=LOGGED_IN_POST_ONLY,
        samples=lambda world: [
            reverse("projects:attachment-upload", args=[challenges_world(world).proposal.pk])
        ],
    ),
    Rule(
        route="espace-administration/pieces-jointes/<int:pk>/",
        why="An attachment: agents of the proposal's administration, its reviewers, staff.",
        answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: NOT_FOUND,
            STAFF: SERVED,
            AGENT: NOT_FOUND,
            JURY: NOT_FOUND,
        },
        samples=lambda world: [
            reverse("projects:attachment-download", args=[challenges_world(world).attachment.pk])
        ],
    ),
    Rule(
        route="espace-administration/pieces-jointes/<int:pk>/supprimer/",
        why="Deleting an attachment is a POST.",
        answers=LOGGED_IN_POST_ONLY,
        samples=lambda world: [
            reverse("projects:attachment-delete", args=[challenges_world(world).attachment.pk])
        ],
    ),
    Rule(
        route="espace-administration/invitations/nouvelle/",
        why="Inviting a colleague: agents only.",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND, AGENT: SERVED},
        samples=lambda world: [reverse("projects:invitation-new")],
    ),
    Rule(
        route="espace-administration/invitations/<str:token>/",
        why="An invitation link: a page that tells who it is for (another address here).",
        answers={**LOGGED_IN_ONLY, AGENT: SERVED},
        samples=lambda world: [
            reverse("projects:invitation-accept", args=[challenges_world(world).token]),
            reverse("projects:invitation-accept", args=["jeton-inconnu"]),
        ],
    ),
    Rule(
        route="espace-jury/",
        why="The jury's space: the reviews assigned to the user (none for others).",
        answers={**LOGGED_IN_ONLY, JURY: SERVED},
        samples=lambda world: [reverse("projects:jury-space")],
    ),
    Rule(
        route="espace-jury/evaluations/<int:pk>/",
        why="A review: its reviewer only.",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND, JURY: NOT_FOUND},
        samples=lambda world: [
            reverse("projects:review", args=[challenges_world(world).assignment.pk])
        ],
    ),
    Rule(
        route="espace-jury/evaluations/<int:pk>/conflit/",
        why="Declaring a conflict of interest is a POST.",
        answers=LOGGED_IN_POST_ONLY,
        samples=lambda world: [
            reverse("projects:review-conflict", args=[challenges_world(world).assignment.pk])
        ],
    ),
    # Documents and media.
    Rule(
        route=r"documents/(\d+)/(.*)$",
        why="A public document (no view restriction).",
        answers=EVERYONE_SERVED,
        samples=lambda world: [world.document.url],
    ),
    Rule(
        route="documents/authenticate_with_password/<int:restriction_id>/",
        why="Password form of a restricted document collection.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [
            reverse(
                "wagtaildocs_authenticate_with_password", args=[world.collection_restriction.pk]
            )
        ],
    ),
    Rule(
        route="^media/(?P<path>.*)$",
        why="Uploaded files, served by Django in DEBUG only.",
        answers=EVERYONE_SERVED,
        only_when="settings.DEBUG",
        samples=lambda world: [media_sample_url()],
    ),
    # Wagtail's page serving.
    Rule(
        route="_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        why="Password form of a restricted page.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [
            reverse(
                "wagtailcore_authenticate_with_password",
                args=[world.page_restriction.pk, world.restricted_page.pk],
            )
        ],
    ),
    Rule(
        route="_util/login/",
        why="Login form of pages restricted to logged-in users.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("wagtailcore_login")],
    ),
    Rule(
        route=r"^((?:[\w\-]+/)*)$",
        why="Wagtail's page serving (catch-all): public pages.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [world.home_page.url],
    ),
]


# --- The project's URL patterns ------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    route: str
    name: str | None
    view: str = field(compare=False)


def _join_route(prefix: str, route: str) -> str:
    # As Django joins routes in ResolverMatch.route.
    return route if not prefix else prefix + route.removeprefix("^")


def walk_url_patterns(patterns=None, prefix: str = "", namespace: str = "") -> Iterator[Pattern]:
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        route = _join_route(prefix, str(entry.pattern))
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from walk_url_patterns(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            view = getattr(entry.callback, "view_class", entry.callback)
            view = f"{view.__module__}.{getattr(view, '__qualname__', view)}"
            yield Pattern(route, name, view)


def rule_for(route: str) -> Rule | None:
    return next((rule for rule in RULES if rule.matches(route)), None)


def active_rules() -> list[Rule]:
    routes = [pattern.route for pattern in walk_url_patterns()]
    return [rule for rule in RULES if any(rule_for(route) is rule for route in routes)]


# --- Sample data -----------------------------------------------------------------------------


@pytest.fixture
def world(db, settings, tmp_path, team_user):
    """One object of each program model, a document and restricted content to request."""
    settings.MEDIA_ROOT = tmp_path
    challenge = ChallengeFactory(title="Lab santé")
    person = PersonFactory(full_name="Camille Martin")
    samples = [  # the challenge brings its cohort and its host administration
        challenge.cohort,
        person,
        FellowshipFactory(person=person, cohort=challenge.cohort),
        challenge.administrations.get(),
        challenge,
        TeamMembershipFactory(challenge=challenge, person=person),
        KeyFigureFactory(challenge=challenge),
        ChallengeLinkFactory(challenge=challenge),
        ThemeFactory(),
        SkillFactory(),
        PositionFactory(person=person),
        *program_life_samples(team_user),
    ]
    root_collection = Collection.get_first_root_node()
    restricted_collection = root_collection.add_child(name="Documents réservés")
    home_page = Page.objects.get(depth=2).specific
    restricted_page = home_page.add_child(instance=Page(title="Espace réservé", slug="reserve"))
    # The alumni network: Camille is listed in the directory but hides her positions.
    DirectoryProfileFactory(person=person, listed=True, show_positions=False)
    PositionFactory(person=person, organisation=HIDDEN_ORGANISATION)
    survey = SurveyFactory(cohort=challenge.cohort)
    SurveyQuestionFactory(survey=survey)
    return SimpleNamespace(
        survey=survey,
        invitation=SurveyInvitationFactory(survey=survey, person=person),
        by_model={type(sample): sample for sample in samples},
        challenge=challenge,
        team_challenge=team_user.person.memberships.get().challenge,
        person=person,
        document=Document.objects.create(
            title="Rapport d'évaluation", file=ContentFile(b"%PDF-1.4 rapport", name="rapport.pdf")
        ),
        collection_restriction=CollectionViewRestriction.objects.create(
            collection=restricted_collection,
            restriction_type=CollectionViewRestriction.PASSWORD,
            password="mot-de-passe",
        ),
        home_page=home_page,
        restricted_page=restricted_page,
        page_restriction=PageViewRestriction.objects.create(
            page=restricted_page,
            restriction_type=PageViewRestriction.PASSWORD,
            password="mot-de-passe",
        ),
    )


def program_life_samples(team_user) -> list:
    """An event with the team member's attendance, and a progress report they wrote."""
    membership = team_user.person.memberships.get()
    event = EventFactory(cohort=membership.challenge.cohort)
    return [
        event,
        AttendanceFactory(event=event, person=membership.person),
        ProgressReportFactory(
            challenge=membership.challenge, author=membership.person, author_user=team_user
        ),
    ]


def call_world(world: SimpleNamespace) -> SimpleNamespace:
    """The call for candidates' samples, made once per world: another candidate's submitted
    application (with a CV) to a promotion whose call is open, and a review assigned to
    someone else."""
    if not hasattr(world, "call"):
        from tests.selection.factories import ReviewFactory, open_call_cohort

        review = ReviewFactory(application__full_name="Dominique Autre")
        world.call = SimpleNamespace(
            application=review.application,
            review=review,
            open_cohort=open_call_cohort(),
        )
    return world.call


def challenges_world(world: SimpleNamespace) -> SimpleNamespace:
    """The call for challenges' samples, made once per world: a submitted proposal of another
    administration with an attachment, a pending invitation to another address, and a review
    round with a review assigned to someone else."""
    if not hasattr(world, "challenges_call"):
        from projects.services import invitation_token
        from tests.call_factories import (
            AssignmentFactory,
            AttachmentFactory,
            InvitationFactory,
            MembershipFactory,
        )

        assignment = AssignmentFactory(proposal__title="Proposition d'une autre direction")
        invitation = InvitationFactory(email="quelquun-d-autre@example.fr")
        world.challenges_call = SimpleNamespace(
            proposal=assignment.proposal,
            attachment=AttachmentFactory(proposal=assignment.proposal),
            assignment=assignment,
            round=assignment.round,
            criterion=assignment.round.criteria.first(),
            membership=MembershipFactory(),
            invitation=invitation,
            token=invitation_token(invitation=invitation),
        )
    return world.challenges_call


def challenges_admin_pages(world: SimpleNamespace) -> Iterator[str]:
    """The admin pages of the call for challenges (projects/wagtail_hooks.py)."""
    from projects.wagtail_hooks import CALL_VIEWSETS

    samples = challenges_world(world)
    by_model = {
        type(sample): sample
        for sample in (
            samples.proposal,
            samples.round,
            samples.criterion,
            samples.assignment,
            samples.membership,
        )
    }
    yield reverse("projects_call:ranking", args=[samples.round.pk])
    for viewset_class in CALL_VIEWSETS:
        viewset = viewset_class.model.snippet_viewset
        sample = by_model[viewset.model]
        yield reverse(viewset.get_url_name("list"))
        yield reverse(viewset.get_url_name("add"))
        for view in ["edit", "inspect", "history", "usage", "delete", "changes"]:
            yield reverse(viewset.get_url_name(view), args=[sample.pk])


# --- Tests ---------------------------------------------------------------------------------------


def test_every_url_pattern_is_classified_by_a_rule():
    unclassified = [pattern for pattern in walk_url_patterns() if rule_for(pattern.route) is None]

    assert not unclassified, (
        "These URL patterns match no rule of RULES in tests/test_authorization_matrix.py. "
        "Add, for each, a Rule(route=..., why=..., answers={role: answer, ...}, samples=...) "
        "above any broader rule:\n"
        + "\n".join(f"  route={p.route!r}  name={p.name!r}  view={p.view}" for p in unclassified)
    )


def test_every_rule_answers_for_every_role():
    incomplete = [
        f"{rule.key}: no answer for {sorted(set(ROLES) - set(rule.answers))}"
        for rule in RULES
        if set(rule.answers) != set(ROLES)
    ]

    assert not incomplete, "Give these rules an answer for each role:\n" + "\n".join(incomplete)


def test_every_rule_still_matches_a_url_pattern():
    active = active_rules()

    stale = [rule.key for rule in RULES if rule not in active and not rule.only_when]

    assert not stale, "These rules match no URL pattern any more; remove them:\n" + "\n".join(stale)


def test_every_active_rule_is_sampled_by_urls_of_its_own(world):
    wrong = []
    for rule in active_rules():
        urls = list(rule.samples(world))
        if not urls:
            wrong.append(f"{rule.key}: no sample URL")
        for url in urls:
            route = resolve(url.split("?")[0]).route
            if rule_for(route) is not rule:
                owner = rule_for(route)
                wrong.append(
                    f"{rule.key}: sample {url} is classified by "
                    f"{owner.key if owner else 'no rule'} (route {route!r})"
                )

    assert not wrong, "\n".join(wrong)


def media_sample_url() -> str:
    """A file present in the folder that the DEBUG-only media route serves.

    The route's folder is fixed when the URLconf loads, whatever a test later sets MEDIA_ROOT to.
    """
    name = "matrice-autorisations.txt"
    root = Path(resolve(settings.MEDIA_URL + name).kwargs["document_root"])
    root.mkdir(parents=True, exist_ok=True)
    (root / name).write_bytes(b"ok")
    return settings.MEDIA_URL + name


def close_without_closing_the_database(response) -> None:
    """Release a (possibly streaming) response without ending the test's transaction.

    Closing a response fires request_finished, whose close_old_connections would close the
    real database connection inside the test transaction (as Django's test client avoids too).
    """
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_answer_of_the_matrix(role, world, request):
    fixture = ROLES[role]
    user = request.getfixturevalue(fixture) if fixture else None
    client = Client(raise_request_exception=False)
    wrong = []

    for rule in active_rules():
        expected = rule.answers[role]
        for url in rule.samples(world):
            if user is not None:
                client.force_login(user)  # again each time: GET admin/logout/ drops the cookie
            response = client.get(url)
            close_without_closing_the_database(response)
            if not expected.accepts(response):
                got = f"{response.status_code} {response.get('Location', '')}".strip()
                wrong.append(f"GET {url} ({rule.key}): expected {expected}, got {got}")

    assert not wrong, f"As {role}:\n" + "\n".join(wrong)
