"""Rules of the Wagtail admin: the pages reachable before logging in, the program's staff pages
(selection, evaluation, call for challenges, program life) and Wagtail's own areas. The actions
of the snippet viewsets have their cells in tests/authorization/snippets.py."""

from types import SimpleNamespace

from django.urls import reverse

from cohorts.models import Event
from projects.models import ChallengeProposal
from selection.models import Application, Review
from tests.authorization.matrix import Post, Rule
from tests.authorization.roles import (
    ADMIN_LOGIN,
    ADMIN_ONLY,
    ADMIN_REFUSED,
    ANONYMOUS,
    DELIBERATE_ERROR,
    EVERYONE_NOT_FOUND,
    EVERYONE_SERVED,
    FORM_ERRORS,
    MEMBER,
    NO_POST,
    NOT_FOUND,
    POST_ONLY,
    STAFF,
    Answer,
    exported,
    redirected_to,
    saved_then_redirected,
)
from tests.authorization.world import call_world, challenges_world, evaluation_world


def _application_pk(world: SimpleNamespace) -> int:
    return call_world(world).application.pk


def _application_decision(world: SimpleNamespace):
    application = call_world(world).application
    return lambda: Application.objects.values_list("decision", "status").get(pk=application.pk)


def _conflict_lift_url(world: SimpleNamespace) -> str:
    review = call_world(world).conflicted_review
    return reverse("selection_admin:review-conflict-lift", args=[review.pk])


def _conflict_of(world: SimpleNamespace):
    review = call_world(world).conflicted_review
    return lambda: Review.objects.values_list("has_conflict", flat=True).get(pk=review.pk)


def _round_pk(world: SimpleNamespace) -> int:
    return challenges_world(world).round.pk


def _decide_url(world: SimpleNamespace) -> str:
    samples = challenges_world(world)
    return reverse("projects_call:decide", args=[samples.round.pk, samples.proposal.pk])


def _proposal_status(world: SimpleNamespace):
    proposal = challenges_world(world).proposal
    return lambda: ChallengeProposal.objects.values_list("status", flat=True).get(pk=proposal.pk)


def _report_download_url(world: SimpleNamespace) -> str:
    return reverse("evaluation:report-download", args=[evaluation_world(world).report.pk])


def _any_of(model: str) -> tuple[str, ...]:
    app, name = model.split(".")
    return tuple(f"{app}.{action}_{name}" for action in ("add", "change", "delete", "view"))


SURVEY_ANY = _any_of("alumni.survey")
PROPOSAL_ANY = _any_of("projects.challengeproposal")


ADMIN_RULES: list[Rule] = [
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
        needs=("cohorts.add_attendance", "cohorts.change_attendance", "cohorts.delete_attendance"),
        samples=lambda world: [
            reverse("wagtailsnippets_cohorts_event:attendance", args=[world.by_model[Event].pk])
        ],
    ),
    Rule(
        route="admin/equipes-silencieuses/",
        why="Staff view of the teams without a recent progress report.",
        answers=ADMIN_ONLY,
        needs=("projects.view_progressreport",),
        samples=lambda world: [
            reverse("equipes-silencieuses:index"),
            "/admin/equipes-silencieuses/?days=7",
        ],
    ),
    Rule(
        prefix="admin/snippets/choose/",
        why="The choosers of the program's records ask for the permissions of the record's "
        "listing and show its rows (core.viewsets.ProgramChooserMixin; every chooser's cells: "
        "snippets.py).",
        answers=ADMIN_ONLY,
        needs=_any_of("cohorts.cohort"),
        needs_any=True,
        samples=lambda world: [
            reverse(world.challenge.cohort.snippet_viewset.chooser_viewset.get_url_name("choose"))
        ],
    ),
    Rule(
        route="admin/qui-est-en-retard/",
        why="Staff view of who is behind in the onboarding and offboarding checklists.",
        answers=ADMIN_ONLY,
        needs=("cohorts.view_checklist_overdue",),
        samples=lambda world: [reverse("checklists_admin:overdue")],
    ),
    Rule(
        route="admin/.*/$",
        why="Unknown admin address: not found, and only for staff (others are sent to the "
        "login by Django's permission_required, without a message).",
        answers={ANONYMOUS: ADMIN_LOGIN, MEMBER: ADMIN_LOGIN, STAFF: NOT_FOUND},
        samples=lambda world: ["/admin/aucune-page-ici/"],
    ),
    Rule(
        prefix="admin/snippets/alumni/survey/",
        why="Feedback surveys (alumni/wagtail_hooks.py): define, follow the response rate, "
        "send invitations and reminders, export the answers (every action: snippets.py).",
        answers=ADMIN_ONLY,
        needs=SURVEY_ANY,
        needs_any=True,
        samples=lambda world: [reverse("wagtailsnippets_alumni_survey:list")],
    ),
    # The selection's staff pages (selection/admin_urls.py).
    Rule(
        route="admin/candidatures/statistiques/",
        why="Statistics of a call for candidates (the promotion is chosen by a GET form).",
        answers=ADMIN_ONLY,
        needs=("selection.view_equalitystatistics",),
        samples=lambda world: [
            reverse("selection_admin:statistics"),
            f"{reverse('selection_admin:statistics')}?cohort={call_world(world).open_cohort.pk}",
        ],
        post_answers={ANONYMOUS: ADMIN_LOGIN, MEMBER: ADMIN_REFUSED, STAFF: NO_POST},
        posts=lambda world: [Post(reverse("selection_admin:statistics"))],
    ),
    Rule(
        route="admin/candidatures/<int:pk>/decision/",
        why="The decision on a submitted application, with its reviews and interviews.",
        answers=ADMIN_ONLY,
        needs=("selection.view_application", "selection.decide_application"),
        samples=lambda world: [
            reverse("selection_admin:decision", args=[call_world(world).application.pk])
        ],
        # STAFF is the superuser; the staff groups: tests/authorization/test_staff_roles.py.
        post_answers={
            ANONYMOUS: ADMIN_LOGIN,
            MEMBER: ADMIN_REFUSED,
            STAFF: saved_then_redirected("the decision recorded"),
        },
        posts=lambda world: [
            Post(
                reverse("selection_admin:decision", args=[_application_pk(world)]),
                data={"decision": "rejected", "reason": "Profil éloigné des défis."},
                watch=_application_decision(world),
            ),
        ],
    ),
    Rule(
        route="admin/candidatures/evaluations/<int:pk>/lever-le-conflit/",
        why="Staff lift a reviewer's declared conflict of interest, with a reason kept in the "
        "review's history (Équipe du programme and Sélection, docs/roles.md).",
        answers=ADMIN_ONLY,
        samples=lambda world: [_conflict_lift_url(world)],
        needs=("selection.view_review", "selection.lift_review_conflict"),
        post_answers={
            ANONYMOUS: ADMIN_LOGIN,
            MEMBER: ADMIN_REFUSED,
            STAFF: saved_then_redirected("the conflict lifted"),
        },
        posts=lambda world: [
            Post(
                _conflict_lift_url(world),
                data={"reason": "Déclaration faite par erreur."},
                watch=_conflict_of(world),
            )
        ],
    ),
    # The call for challenges' staff pages (projects/call_urls.py).
    Rule(
        route="admin/appel-a-defis/sessions/<int:pk>/classement/",
        why="The ranking of a review round's proposals, from which staff decide.",
        answers=ADMIN_ONLY,
        needs=("projects.view_challengeproposal",),
        samples=lambda world: [reverse("projects_call:ranking", args=[_round_pk(world)])],
        post_answers={ANONYMOUS: ADMIN_LOGIN, MEMBER: ADMIN_REFUSED, STAFF: NO_POST},
        posts=lambda world: [Post(reverse("projects_call:ranking", args=[_round_pk(world)]))],
    ),
    Rule(
        route="admin/appel-a-defis/sessions/<int:pk>/decision/<int:proposal_pk>/",
        why="Staff's decision on a proposal (a POST from the ranking).",
        needs=("projects.decide_challengeproposal",),
        answers={ANONYMOUS: ADMIN_LOGIN, MEMBER: ADMIN_REFUSED, STAFF: POST_ONLY},
        samples=lambda world: [_decide_url(world)],
        # Needs projects.decide_challengeproposal (eig/roles.py).
        post_answers={
            ANONYMOUS: ADMIN_LOGIN,
            MEMBER: ADMIN_REFUSED,
            STAFF: saved_then_redirected("the proposal selected"),
        },
        posts=lambda world: [
            Post(
                _decide_url(world),
                data={"decision": "selected"},
                watch=_proposal_status(world),
            )
        ],
    ),
    Rule(
        prefix="admin/appel-a-defis/",
        why="The call for challenges in the admin (projects/wagtail_hooks.py): proposals, "
        "review rounds, criteria, assignments, agents (every action: snippets.py).",
        answers=ADMIN_ONLY,
        needs=PROPOSAL_ANY,
        needs_any=True,
        samples=lambda world: [reverse("projects_proposal:list")],
    ),
    # The evaluation's staff pages (evaluation/admin_urls.py).
    Rule(
        route="admin/evaluation/indicateurs/",
        why="The program's indicators, for the whole program or one promotion.",
        answers=ADMIN_ONLY,
        needs=("evaluation.view_indicators",),
        samples=lambda world: [
            reverse("evaluation:indicators"),
            f"{reverse('evaluation:indicators')}?cohort={world.challenge.cohort.pk}",
        ],
        post_answers={ANONYMOUS: ADMIN_LOGIN, MEMBER: ADMIN_REFUSED, STAFF: NO_POST},
        posts=lambda world: [Post(reverse("evaluation:indicators"))],
    ),
    Rule(
        route="admin/evaluation/indicateurs/export.<str:file_type>",
        why="The indicators as CSV or XLSX; another file type is not found.",
        needs=("evaluation.view_indicators",),
        answers={
            ANONYMOUS: ADMIN_LOGIN,
            MEMBER: ADMIN_REFUSED,
            STAFF: Answer(
                "a CSV or XLSX download (200), or not found for another type",
                lambda response: response.status_code in {200, 404},
            ),
        },
        samples=lambda world: [
            reverse("evaluation:indicators-export", args=["csv"]),
            reverse("evaluation:indicators-export", args=["xlsx"]),
            reverse("evaluation:indicators-export", args=["pdf"]),
        ],
    ),
    Rule(
        route="admin/evaluation/rapports/",
        why="The evaluation reports: the list, and the form that asks for a new one.",
        answers=ADMIN_ONLY,
        needs=("evaluation.view_report",),
        samples=lambda world: [reverse("evaluation:reports")],
        post_answers={ANONYMOUS: ADMIN_LOGIN, MEMBER: ADMIN_REFUSED, STAFF: FORM_ERRORS},
        posts=lambda world: [
            Post(reverse("evaluation:reports"), data={"cohort": "promotion-inconnue"})
        ],
    ),
    Rule(
        route="admin/evaluation/rapports/<int:report_id>/telecharger/",
        why="A finished report's PDF.",
        needs=("evaluation.view_report",),
        answers={ANONYMOUS: ADMIN_LOGIN, MEMBER: ADMIN_REFUSED, STAFF: exported("application/pdf")},
        samples=lambda world: [_report_download_url(world)],
        post_answers={
            ANONYMOUS: ADMIN_LOGIN,
            MEMBER: ADMIN_REFUSED,
            STAFF: exported("application/pdf"),
        },
        posts=lambda world: [Post(_report_download_url(world))],
    ),
    # Wagtail's own areas with personal or site-wide data: pages, users, documents.
    Rule(
        route="admin/pages/",
        why="The page explorer: staff who may edit the site's pages (a group without page "
        "permissions is sent back to the admin's home).",
        answers=ADMIN_ONLY,
        samples=lambda world: [reverse("wagtailadmin_explore_root")],
        needs=("wagtailcore.change_page",),
    ),
    Rule(
        prefix="admin/users/",
        why="The accounts: the superuser only (no staff group manages users).",
        answers=ADMIN_ONLY,
        samples=lambda world: [reverse("wagtailusers_users:index")],
        needs=("auth.change_user",),
    ),
    Rule(
        prefix="admin/documents/",
        why="The documents library: the superuser only (no staff group holds its permissions).",
        answers=ADMIN_ONLY,
        samples=lambda world: [reverse("wagtaildocs:index")],
        needs=("wagtaildocs.change_document",),
    ),
    Rule(
        prefix="admin/",
        why="Wagtail admin: its home, for every staff member who may enter it.",
        answers=ADMIN_ONLY,
        samples=lambda world: [reverse("wagtailadmin_home")],
    ),
]
