"""Who may see and do what in the team space: the object-level rules of program life.

A *team member* is a user whose person is a fellow or a mentor of a challenge (a
``TeamMembership`` with role fellow or mentor). They see and report only on their own
challenges, define their objectives and record their values; mentors also record their
challenge's results. Staff do everything through the
admin. The views, querysets and exports of the team space all go through these functions; an
object outside them is answered with 404.
"""

from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404

from cohorts.models import Cohort
from cohorts.rules_events import team_cohorts
from projects.models import (
    Challenge,
    ChallengeObjective,
    ObjectiveValue,
    ProgressReport,
    TeamMembership,
    TeamRole,
)

TEAM_ROLES = (TeamRole.FELLOW, TeamRole.MENTOR)


def _memberships(user, *, roles=TEAM_ROLES) -> QuerySet[TeamMembership]:
    if user is None or not user.is_authenticated:
        return TeamMembership.objects.none()
    return TeamMembership.objects.filter(person__user=user, role__in=roles)


def is_team_member(user) -> bool:
    """Whether ``user`` is a fellow or a mentor of at least one challenge."""
    return _memberships(user).exists()


def team_challenges(user) -> QuerySet[Challenge]:
    """The challenges of which ``user`` is a fellow or a mentor."""
    return Challenge.objects.filter(Exists(_memberships(user).filter(challenge=OuterRef("pk"))))


def team_challenge_or_404(user, *, pk: int) -> Challenge:
    return get_object_or_404(team_challenges(user).select_related("cohort"), pk=pk)


def mentored_challenges(user) -> QuerySet[Challenge]:
    """The challenges of which ``user`` is a mentor: they record their results."""
    return Challenge.objects.filter(
        Exists(_memberships(user, roles=[TeamRole.MENTOR]).filter(challenge=OuterRef("pk")))
    )


def is_mentor_of(user, challenge: Challenge) -> bool:
    return mentored_challenges(user).filter(pk=challenge.pk).exists()


def mentored_challenge_or_404(user, *, pk: int) -> Challenge:
    return get_object_or_404(mentored_challenges(user).select_related("cohort"), pk=pk)


def visible_progress_reports(user) -> QuerySet[ProgressReport]:
    """The progress reports of ``user``'s own challenges."""
    return ProgressReport.objects.filter(challenge__in=team_challenges(user))


def editable_progress_report_or_404(user, *, challenge: Challenge, pk: int) -> ProgressReport:
    """A report of ``challenge`` that ``user`` wrote (only its author edits it)."""
    return get_object_or_404(
        visible_progress_reports(user).filter(challenge=challenge, author_user=user), pk=pk
    )


def team_objective_or_404(user, *, challenge: Challenge, pk: int) -> ChallengeObjective:
    """An objective of ``challenge``, one of ``user``'s own challenges (fellow or mentor)."""
    objective = get_object_or_404(
        ChallengeObjective.objects.filter(challenge__in=team_challenges(user), challenge=challenge),
        pk=pk,
    )
    objective.challenge = challenge
    return objective


def team_objective_value_or_404(user, *, challenge: Challenge, pk: int) -> ObjectiveValue:
    """A value of an objective of ``challenge``, one of ``user``'s own challenges: any member
    of the team corrects it."""
    value = get_object_or_404(
        ObjectiveValue.objects.filter(
            objective__challenge__in=team_challenges(user), objective__challenge=challenge
        ).select_related("objective"),
        pk=pk,
    )
    value.objective.challenge = challenge
    return value


def team_person_for(user, challenge: Challenge):
    """The person through whom ``user`` belongs to ``challenge``'s team (or None)."""
    membership = _memberships(user).filter(challenge=challenge).select_related("person").first()
    return membership.person if membership else None


def digest_cohort_or_404(user, *, pk: int):
    """A cohort whose weekly digest ``user`` may read: one of their own cohorts, or any for
    the staff who may read progress reports; 404 otherwise."""
    if user.has_perm("projects.view_progressreport"):
        cohorts = Cohort.objects.all()
    else:
        cohorts = team_cohorts(user)
    return get_object_or_404(cohorts, pk=pk)
