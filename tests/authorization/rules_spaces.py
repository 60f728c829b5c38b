"""Rules of the front office's spaces: the team space, the call for candidates (candidates and
reviewers), the alumni network and the call for challenges (administrations and jury)."""

from collections.abc import Callable
from types import SimpleNamespace

from django.urls import reverse

from cohorts.models import CalendarFeed, ChecklistTick, Event, Rsvp
from projects.models import ChallengeObjective, ObjectiveValue, OutcomeAnswer, ProgressReport
from tests.authorization.matrix import Post, Rule
from tests.authorization.roles import (
    ACCOUNT_LOGIN,
    AGENT,
    ANONYMOUS,
    BAD_REQUEST,
    CONFLICTED_REVIEWER,
    EMPTY_FORM_AGAIN,
    EVERYONE_NOT_FOUND,
    FELLOW,
    FORBIDDEN,
    FORM_ERRORS,
    JURY,
    LOGGED_IN_ONLY,
    LOGGED_IN_POST_ONLY,
    MEMBER,
    NO_POST,
    NOT_FOUND,
    SERVED,
    STAFF,
    STAFF_WITHOUT_GROUP,
    TEAM,
    Answer,
    saved_then_redirected,
)
from tests.authorization.world import HIDDEN_ORGANISATION, call_world, challenges_world
from tests.factories import PositionFactory

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


TO_THIS_WEEKS_DIGEST = Answer(
    "redirected to this week's digest",
    lambda response: response.status_code == 302 and "/synthese/" in response["Location"],
)


def _rows(queryset) -> Callable[[], object]:
    return lambda: list(queryset.values())


def _report_edit_url(world: SimpleNamespace) -> str:
    report = world.by_model[ProgressReport]
    return reverse("team:report-edit", args=[world.team_challenge.pk, report.pk])


def _report_row(world: SimpleNamespace):
    return _rows(ProgressReport.objects.filter(pk=world.by_model[ProgressReport].pk))


def _objective_urls(world: SimpleNamespace) -> dict[str, str]:
    challenge = world.team_challenge.pk
    objective = world.by_model[ChallengeObjective].pk
    return {
        "list": reverse("team:objectives", args=[challenge]),
        "create": reverse("team:objective-create", args=[challenge]),
        "edit": reverse("team:objective-edit", args=[challenge, objective]),
        "value-create": reverse("team:objective-value-create", args=[challenge, objective]),
        "value-edit": reverse(
            "team:objective-value-edit", args=[challenge, world.by_model[ObjectiveValue].pk]
        ),
    }


def _objective_rows(world: SimpleNamespace):
    return lambda: (
        list(ChallengeObjective.objects.values()),
        list(ObjectiveValue.objects.values()),
    )


TEAM_ONLY = {ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND, TEAM: SERVED}
TEAM_FORM_POST = {
    ANONYMOUS: ACCOUNT_LOGIN,
    MEMBER: NOT_FOUND,
    STAFF: NOT_FOUND,
    TEAM: EMPTY_FORM_AGAIN,
}


def _objective_rule(route: str, key: str, why: str, *, form: bool = True) -> Rule:
    if not form:
        return Rule(
            route=route, why=why, answers=TEAM_ONLY, samples=lambda w: [_objective_urls(w)[key]]
        )
    return Rule(
        route=route,
        why=why,
        answers=TEAM_ONLY,
        samples=lambda w: [_objective_urls(w)[key]],
        post_answers=TEAM_FORM_POST,
        posts=lambda w: [Post(_objective_urls(w)[key], watch=_objective_rows(w))],
    )


def _application_row(world: SimpleNamespace):
    application = call_world(world).application
    return _rows(type(application).objects.filter(pk=application.pk))


def _conflicted_review_url(world: SimpleNamespace) -> str:
    return reverse("selection:review-detail", args=[call_world(world).conflicted_review.pk])


def _conflicted_review_row(world: SimpleNamespace):
    review = call_world(world).conflicted_review
    return _rows(type(review).objects.filter(pk=review.pk))


# What the world's application says beyond its name (tests/selection/factories.py): a reviewer
# with a declared conflict reads none of it, nor is offered its CV.
APPLICATION_ANSWERS = ("Servir l'intérêt général avec les données.", "github.com/exemple", "/cv/")


def _without_answers(response) -> bool:
    content = response.content.decode()
    return not any(text in content for text in APPLICATION_ANSWERS)


SERVED_WITHOUT_ANSWERS = Answer(
    "served (200), without the application's answers nor its CV",
    lambda response: response.status_code == 200 and _without_answers(response),
)
CONFLICT_KEPT = Answer(
    "refused: redirected to the review with an error message, nothing saved",
    lambda response: (
        response.status_code == 302
        and response["Location"].startswith("/jury-candidatures/evaluation/")
        and any(m.level_tag == "error" for m in response.wsgi_request._messages)
    ),
)


def _position(world: SimpleNamespace):
    return world.by_model[PositionFactory._meta.model]


def _position_row(world: SimpleNamespace):
    position = _position(world)
    return _rows(type(position).objects.filter(pk=position.pk))


def _proposal_row(world: SimpleNamespace):
    proposal = challenges_world(world).proposal
    return _rows(type(proposal).objects.filter(pk=proposal.pk))


def _invitation_row(world: SimpleNamespace):
    invitation = challenges_world(world).invitation
    return _rows(type(invitation).objects.filter(pk=invitation.pk))


def _assignment_row(world: SimpleNamespace):
    assignment = challenges_world(world).assignment
    return _rows(type(assignment).objects.filter(pk=assignment.pk))


def _tick_url(name: str, world: SimpleNamespace, item) -> str:
    return reverse(name, kwargs={"cohort_pk": world.checklists.cohort.pk, "pk": item.pk})


def _ticks(world: SimpleNamespace):
    return _rows(ChecklistTick.objects.all())


TASKS_TEAM_ONLY = {ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND, TEAM: SERVED}


# An empty POST leaves most front-office forms unbound (``Form(request.POST or None)``): the
# blank form is shown again and nothing is saved. The refusals of other roles are the point.
SPACE_RULES: list[Rule] = [
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
        post_answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: NOT_FOUND,
            STAFF: NOT_FOUND,
            TEAM: EMPTY_FORM_AGAIN,
        },
        posts=lambda world: [Post(reverse("team:report-create", args=[world.team_challenge.pk]))],
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
        post_answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: NOT_FOUND,
            STAFF: NOT_FOUND,
            TEAM: EMPTY_FORM_AGAIN,
        },
        posts=lambda world: [Post(_report_edit_url(world), watch=_report_row(world))],
    ),
    Rule(
        route="equipe/defis/<int:pk>/resultats/",
        why="A challenge's results and outcome: its mentors only (the TEAM user is a fellow).",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND, TEAM: NOT_FOUND},
        samples=lambda world: [reverse("team:results", args=[world.team_challenge.pk])],
        post_answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: NOT_FOUND,
            STAFF: NOT_FOUND,
            TEAM: NOT_FOUND,
        },
        posts=lambda world: [Post(reverse("team:results", args=[world.team_challenge.pk]))],
    ),
    Rule(
        route="equipe/defis/<int:pk>/devenir/",
        why="What became of a challenge after the program: its mentors and its "
        "administrations' agents only (the TEAM user is a fellow; the agent's administration "
        "does not host this challenge).",
        answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: NOT_FOUND,
            STAFF: NOT_FOUND,
            TEAM: NOT_FOUND,
            AGENT: NOT_FOUND,
        },
        samples=lambda world: [reverse("team:outcome", args=[world.team_challenge.pk])],
        post_answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: NOT_FOUND,
            STAFF: NOT_FOUND,
            TEAM: NOT_FOUND,
            AGENT: NOT_FOUND,
        },
        posts=lambda world: [
            Post(
                reverse("team:outcome", args=[world.team_challenge.pk]),
                data={"answered_on": "2026-11-30", "status": "stopped"},
                watch=_rows(OutcomeAnswer.objects.all()),
            )
        ],
    ),
    # A challenge's objectives and their values: its fellows and mentors only; the 404 of
    # another team's member, even under their own challenge's address, is tested in
    # tests/projects/test_objectives.py.
    _objective_rule(
        "equipe/defis/<int:pk>/objectifs/",
        "list",
        "A challenge's objectives with their curves and values, for its team.",
        form=False,
    ),
    _objective_rule(
        "equipe/defis/<int:pk>/objectifs/nouveau/",
        "create",
        "Defining an objective of an own challenge.",
    ),
    _objective_rule(
        "equipe/defis/<int:pk>/objectifs/<int:objective_pk>/modifier/",
        "edit",
        "Changing an objective of an own challenge.",
    ),
    _objective_rule(
        "equipe/defis/<int:pk>/objectifs/<int:objective_pk>/valeurs/nouvelle/",
        "value-create",
        "Recording a value of an objective of an own challenge.",
    ),
    _objective_rule(
        "equipe/defis/<int:pk>/objectifs/valeurs/<int:value_pk>/modifier/",
        "value-edit",
        "Correcting a value of an objective of an own challenge (any member of the team).",
    ),
    Rule(
        route="equipe/taches/",
        why="« Mes tâches »: the onboarding and offboarding tasks of a fellow or mentor (the TEAM "
        "user's promotion is running and has a list).",
        answers=TASKS_TEAM_ONLY,
        samples=lambda world: [reverse("team:tasks")],
    ),
    Rule(
        route="equipe/taches/<int:cohort_pk>/<int:pk>/",
        why="Ticking one's own task (POST only, done = 1 or 0); anyone else's item is 404 "
        "(tests/cohorts/test_checklists.py).",
        answers=LOGGED_IN_POST_ONLY,
        samples=lambda world: [_tick_url("team:task-tick", world, world.checklists.fellows_item)],
        post_answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: NOT_FOUND,
            STAFF: NOT_FOUND,
            TEAM: saved_then_redirected("the task ticked"),
        },
        posts=lambda world: [
            Post(
                _tick_url("team:task-tick", world, world.checklists.fellows_item),
                data={"done": "1"},
                watch=_ticks(world),
            ),
        ],
    ),
    Rule(
        route="equipe/evenements/<int:pk>/",
        why="An event of the user's cohort, answered « je viens » / « je ne viens pas »; an "
        "answer that is neither is refused (400) and nothing is recorded.",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND, TEAM: SERVED},
        samples=lambda world: [reverse("team:event", args=[world.by_model[Event].pk])],
        post_answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: NOT_FOUND,
            STAFF: NOT_FOUND,
            TEAM: BAD_REQUEST,
        },
        posts=lambda world: [
            Post(
                reverse("team:event", args=[world.by_model[Event].pk]),
                watch=_rows(Rsvp.objects.all()),
            )
        ],
    ),
    Rule(
        route="equipe/calendrier/renouveler/",
        why="A person asks for their calendar feed's address, or renews it (the former one "
        "stops answering); POST only. Anyone without a person record gets 404.",
        answers=LOGGED_IN_POST_ONLY,
        samples=lambda world: [reverse("team:calendar-renew")],
        post_answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: NOT_FOUND,
            STAFF: NOT_FOUND,
            FELLOW: saved_then_redirected("a new address for the alumnus' feed"),
            TEAM: saved_then_redirected("a new address for the feed"),
        },
        posts=lambda world: [
            Post(reverse("team:calendar-renew"), watch=_rows(CalendarFeed.objects.all()))
        ],
    ),
    Rule(
        route="equipe/calendrier/<str:token>.ics",
        why="A person's calendar feed, fetched by calendar applications without a session: "
        "the token is the key, so everyone gets it with the right one and 404 with a wrong or "
        "revoked one.",
        answers={ANONYMOUS: SERVED, MEMBER: SERVED, STAFF: SERVED},
        samples=lambda world: [reverse("team:calendar", args=[world.by_model[CalendarFeed].token])],
        post_answers={ANONYMOUS: NO_POST, MEMBER: NO_POST, STAFF: NO_POST},
        posts=lambda world: [
            Post(
                reverse("team:calendar", args=[world.by_model[CalendarFeed].token]),
                watch=_rows(CalendarFeed.objects.all()),
            )
        ],
    ),
    Rule(
        route="equipe/promotions/<int:pk>/synthese/",
        needs=("projects.view_progressreport",),
        post_refused=NO_POST,
        why="The digest of the week under way, for the cohort's teams and the staff who may "
        "read progress reports: a redirect to that week's page; 404 for anyone else.",
        answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: NOT_FOUND,
            STAFF: TO_THIS_WEEKS_DIGEST,
            STAFF_WITHOUT_GROUP: NOT_FOUND,
            TEAM: TO_THIS_WEEKS_DIGEST,
        },
        samples=lambda world: [
            reverse("team:digest-current", args=[world.team_challenge.cohort_id])
        ],
        post_answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NO_POST, STAFF: NO_POST},
        posts=lambda world: [
            Post(reverse("team:digest-current", args=[world.team_challenge.cohort_id]))
        ],
    ),
    Rule(
        route="equipe/promotions/<int:pk>/synthese/<int:year>-S<int:week>/",
        needs=("projects.view_progressreport",),
        post_refused=NO_POST,
        why="A week's digest of a cohort's shared progress reports: its teams and the staff who "
        "may read progress reports; 404 for anyone else and for a week that does not exist.",
        answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: NOT_FOUND,
            STAFF: SERVED,
            STAFF_WITHOUT_GROUP: NOT_FOUND,
            TEAM: SERVED,
        },
        samples=lambda world: [
            reverse("team:digest", args=[world.team_challenge.cohort_id, 2026, 48])
        ],
        post_answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NO_POST, STAFF: NO_POST},
        posts=lambda world: [
            Post(reverse("team:digest", args=[world.team_challenge.cohort_id, 2026, 48]))
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
        post_answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: SERVED, STAFF: SERVED},
        posts=lambda world: [Post(reverse("selection:candidate-erasure"))],
    ),
    Rule(
        route="candidature/promotion/<slug:cohort_slug>/",
        why="A new application to a promotion whose call is open (404 when closed).",
        answers=LOGGED_IN_ONLY,
        samples=lambda world: [
            reverse("selection:application-create", args=[call_world(world).open_cohort.slug])
        ],
        post_answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: FORM_ERRORS, STAFF: FORM_ERRORS},
        posts=lambda world: [
            Post(reverse("selection:application-create", args=[call_world(world).open_cohort.slug]))
        ],
    ),
    Rule(
        route="candidature/dossier/<int:pk>/",
        why="An application, for its candidate only: someone else's is not found.",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND},
        samples=lambda world: [
            reverse("selection:application-detail", args=[call_world(world).application.pk])
        ],
        post_answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND},
        posts=lambda world: [
            Post(
                reverse("selection:application-detail", args=[call_world(world).application.pk]),
                data={"full_name": "Quelqu'un d'autre"},
                watch=_application_row(world),
            )
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
        post_answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND},
        posts=lambda world: [
            Post(
                reverse("selection:application-withdraw", args=[call_world(world).application.pk]),
                watch=_application_row(world),
            )
        ],
    ),
    # Known: any is_staff user gets the CV, a staff member in no staff group too (the rule reads
    # is_staff, not a permission; staff groups are tracked separately).
    Rule(
        route="candidature/dossier/<int:pk>/cv/",
        why="A CV: its candidate, staff and the application's assigned reviewers only.",
        # Staff read a CV with selection.view_application (eig/roles.py), not with is_staff.
        answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: NOT_FOUND,
            STAFF: SERVED,
            STAFF_WITHOUT_GROUP: NOT_FOUND,
            # Assigned, but with a declared conflict: refused, and told why.
            CONFLICTED_REVIEWER: FORBIDDEN,
        },
        needs=("selection.view_application",),
        samples=lambda world: [
            reverse("selection:application-cv", args=[call_world(world).application.pk])
        ],
    ),
    Rule(
        route="jury-candidatures/",
        why="The reviewers' space: only the applications assigned to oneself.",
        answers={**LOGGED_IN_ONLY, CONFLICTED_REVIEWER: SERVED_WITHOUT_ANSWERS},
        samples=lambda world: [reverse("selection:reviewer-space")],
    ),
    Rule(
        route="jury-candidatures/export.csv",
        why="Export of one's assigned applications (never the equality statistics); with a "
        "declared conflict, only the application's name.",
        answers={**LOGGED_IN_ONLY, CONFLICTED_REVIEWER: SERVED_WITHOUT_ANSWERS},
        samples=lambda world: [reverse("selection:reviewer-export")],
    ),
    Rule(
        route="jury-candidatures/evaluation/<int:pk>/",
        why="A review, for its reviewer only: someone else's is not found. The sample is the "
        "conflicted reviewer's: they read only the application's name, and their declaration "
        "is final (neither taken back nor followed by scores).",
        answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: NOT_FOUND,
            STAFF: NOT_FOUND,
            CONFLICTED_REVIEWER: SERVED_WITHOUT_ANSWERS,
        },
        samples=lambda world: [_conflicted_review_url(world)],
        post_answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: NOT_FOUND,
            STAFF: NOT_FOUND,
            CONFLICTED_REVIEWER: CONFLICT_KEPT,
        },
        posts=lambda world: [
            Post(
                _conflicted_review_url(world),
                data={"action": "conflict", "has_conflict": "no"},
                watch=_conflicted_review_row(world),
            ),
            Post(
                _conflicted_review_url(world),
                data={"action": "score", "score_skills": 5, "score_motivation": 5, "score_fit": 5},
                watch=_conflicted_review_row(world),
            ),
        ],
    ),
    # The alumni network (alumni/): profile and positions, directory, survey links.
    Rule(
        route="reseau/",
        why="Own alumni profile and consent: fellows and alumni only (404 for others).",
        answers=NETWORK_ONLY,
        samples=lambda world: [reverse("alumni:profile")],
        post_answers={**NETWORK_ONLY, FELLOW: SERVED},
        posts=lambda world: [Post(reverse("alumni:profile"))],
    ),
    Rule(
        route="reseau/postes/ajouter/",
        why="Adding a position to one's own history: fellows and alumni only.",
        answers=NETWORK_ONLY,
        samples=lambda world: [reverse("alumni:position-create")],
        post_answers={**NETWORK_ONLY, FELLOW: EMPTY_FORM_AGAIN},
        posts=lambda world: [Post(reverse("alumni:position-create"))],
    ),
    Rule(
        route="reseau/postes/<int:pk>/modifier/",
        why="Editing a position: its owner only (someone else's, as here, is 404 for all).",
        answers=OWNER_ONLY_OTHERS_POSITION,
        samples=lambda world: [
            reverse("alumni:position-update", args=[world.by_model[PositionFactory._meta.model].pk])
        ],
        post_answers=OWNER_ONLY_OTHERS_POSITION,
        posts=lambda world: [
            Post(
                reverse("alumni:position-update", args=[_position(world).pk]),
                data={"organisation": "Ailleurs", "title": "Autre poste"},
                watch=_position_row(world),
            )
        ],
    ),
    Rule(
        route="reseau/postes/<int:pk>/supprimer/",
        why="Deleting a position: its owner only (someone else's, as here, is 404 for all).",
        answers=OWNER_ONLY_OTHERS_POSITION,
        samples=lambda world: [
            reverse("alumni:position-delete", args=[world.by_model[PositionFactory._meta.model].pk])
        ],
        post_answers=OWNER_ONLY_OTHERS_POSITION,
        posts=lambda world: [
            Post(
                reverse("alumni:position-delete", args=[_position(world).pk]),
                watch=_position_row(world),
            )
        ],
    ),
    # Known: any is_staff user reads the directory, a staff member in no staff group too.
    Rule(
        route="reseau/annuaire/",
        why="Directory for fellows, alumni and staff; positions hidden by consent never shown.",
        answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: NOT_FOUND,
            FELLOW: DIRECTORY_WITHOUT_HIDDEN_POSITIONS,
            STAFF: DIRECTORY_WITHOUT_HIDDEN_POSITIONS,
            STAFF_WITHOUT_GROUP: NOT_FOUND,
        },
        needs=("cohorts.view_person",),
        samples=lambda world: [reverse("alumni:directory"), "/reseau/annuaire/?q=camille"],
    ),
    Rule(
        route="reseau/enquetes/<int:pk>/",
        why="A survey opened from /reseau/ by the invited person, logged in; another "
        "person's invitation, as here, is 404 for all (one's own: tests/alumni/).",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND},
        samples=lambda world: [reverse("alumni:survey-mine", args=[world.invitation.pk])],
        post_answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND},
        posts=lambda world: [
            Post(
                reverse("alumni:survey-mine", args=[world.invitation.pk]),
                watch=_rows(type(world.invitation).objects.filter(pk=world.invitation.pk)),
            )
        ],
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
        post_answers={**EVERYONE_NOT_FOUND, FELLOW: NOT_FOUND},
        posts=lambda world: [
            Post(reverse("alumni:survey-answer", args=["lien-inconnu"])),
            Post(
                reverse("alumni:survey-answer", args=[world.invitation.token_hash]),
                watch=_rows(type(world.invitation).objects.filter(pk=world.invitation.pk)),
            ),
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
        route="espace-administration/taches/",
        why="« Mes tâches » of a host administration's agent; not an agent: 404.",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND, AGENT: SERVED},
        samples=lambda world: [reverse("projects:space-tasks")],
    ),
    Rule(
        route="espace-administration/taches/<int:cohort_pk>/<int:pk>/",
        why="An agent ticks their own administration's task (POST only); the AGENT user's "
        "administration hosts no challenge of the running promotion, so its item is 404 to "
        "everyone here (accepted ticks: tests/cohorts/test_checklists.py).",
        answers=LOGGED_IN_POST_ONLY,
        samples=lambda world: [
            _tick_url("projects:space-task-tick", world, world.checklists.hosts_item)
        ],
        post_answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: NOT_FOUND,
            STAFF: NOT_FOUND,
            AGENT: NOT_FOUND,
            TEAM: NOT_FOUND,
        },
        posts=lambda world: [
            Post(
                _tick_url("projects:space-task-tick", world, world.checklists.hosts_item),
                data={"done": "1"},
                watch=_ticks(world),
            ),
            Post(
                _tick_url("projects:space-task-tick", world, world.checklists.fellows_item),
                data={"done": "1"},
                watch=_ticks(world),
            ),
        ],
    ),
    Rule(
        route="espace-administration/propositions/nouvelle/",
        why="A new proposal: agents only.",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND, AGENT: SERVED},
        samples=lambda world: [reverse("projects:proposal-new")],
        post_answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: NOT_FOUND,
            STAFF: NOT_FOUND,
            AGENT: EMPTY_FORM_AGAIN,
        },
        posts=lambda world: [Post(reverse("projects:proposal-new"))],
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
        post_answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NO_POST, STAFF: NO_POST},
        posts=lambda world: [
            Post(
                reverse("projects:proposal-detail", args=[challenges_world(world).proposal.pk]),
                watch=_proposal_row(world),
            )
        ],
    ),
    Rule(
        route="espace-administration/propositions/<int:pk>/modifier/",
        why="Editing a proposal: agents of its administration only.",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND, AGENT: NOT_FOUND},
        samples=lambda world: [
            reverse("projects:proposal-edit", args=[challenges_world(world).proposal.pk])
        ],
        post_answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: NOT_FOUND,
            STAFF: NOT_FOUND,
            AGENT: NOT_FOUND,
        },
        posts=lambda world: [
            Post(
                reverse("projects:proposal-edit", args=[challenges_world(world).proposal.pk]),
                data={"title": "Titre changé par un autre"},
                watch=_proposal_row(world),
            )
        ],
    ),
    Rule(
        route="espace-administration/propositions/<int:pk>/pieces-jointes/",
        why="Uploading an attachment is a POST.",
        answers=LOGGED_IN_POST_ONLY,
        samples=lambda world: [
            reverse("projects:attachment-upload", args=[challenges_world(world).proposal.pk])
        ],
        post_answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND},
        posts=lambda world: [
            Post(reverse("projects:attachment-upload", args=[challenges_world(world).proposal.pk]))
        ],
    ),
    # Known: any is_staff user gets the attachment, a staff member in no staff group too.
    Rule(
        route="espace-administration/pieces-jointes/<int:pk>/",
        why="An attachment: agents of the proposal's administration, its reviewers, staff.",
        answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: NOT_FOUND,
            STAFF: SERVED,
            STAFF_WITHOUT_GROUP: NOT_FOUND,
            AGENT: NOT_FOUND,
            JURY: NOT_FOUND,
        },
        needs=("projects.view_challengeproposal",),
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
        post_answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND},
        posts=lambda world: [
            Post(
                reverse("projects:attachment-delete", args=[challenges_world(world).attachment.pk])
            )
        ],
    ),
    Rule(
        route="espace-administration/invitations/nouvelle/",
        why="Inviting a colleague: agents only.",
        answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: NOT_FOUND, STAFF: NOT_FOUND, AGENT: SERVED},
        samples=lambda world: [reverse("projects:invitation-new")],
        post_answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: NOT_FOUND,
            STAFF: NOT_FOUND,
            AGENT: EMPTY_FORM_AGAIN,
        },
        posts=lambda world: [Post(reverse("projects:invitation-new"))],
    ),
    Rule(
        route="espace-administration/invitations/<str:token>/",
        why="An invitation link: a page that tells who it is for (another address here).",
        answers={**LOGGED_IN_ONLY, AGENT: SERVED},
        samples=lambda world: [
            reverse("projects:invitation-accept", args=[challenges_world(world).token]),
            reverse("projects:invitation-accept", args=["jeton-inconnu"]),
        ],
        post_answers={ANONYMOUS: ACCOUNT_LOGIN, MEMBER: BAD_REQUEST, STAFF: BAD_REQUEST},
        posts=lambda world: [
            Post(
                reverse("projects:invitation-accept", args=[challenges_world(world).token]),
                watch=_invitation_row(world),
            ),
            Post(reverse("projects:invitation-accept", args=["jeton-inconnu"])),
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
        post_answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: NOT_FOUND,
            STAFF: NOT_FOUND,
            JURY: NOT_FOUND,
        },
        posts=lambda world: [
            Post(
                reverse("projects:review", args=[challenges_world(world).assignment.pk]),
                watch=_assignment_row(world),
            )
        ],
    ),
    Rule(
        route="espace-jury/evaluations/<int:pk>/conflit/",
        why="Declaring a conflict of interest is a POST.",
        answers=LOGGED_IN_POST_ONLY,
        samples=lambda world: [
            reverse("projects:review-conflict", args=[challenges_world(world).assignment.pk])
        ],
        post_answers={
            ANONYMOUS: ACCOUNT_LOGIN,
            MEMBER: NOT_FOUND,
            STAFF: NOT_FOUND,
            JURY: NOT_FOUND,
        },
        posts=lambda world: [
            Post(
                reverse("projects:review-conflict", args=[challenges_world(world).assignment.pk]),
                watch=_assignment_row(world),
            )
        ],
    ),
]
