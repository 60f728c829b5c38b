"""Reads of program life: the team space's challenges and reports, and the quiet teams."""

import datetime

from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from projects.models import Challenge, ChallengeStatus, ProgressReport, TeamMembership, TeamRole
from projects.rules_progress import TEAM_ROLES, team_challenges

QUIET_AFTER_DAYS = 30
# Challenges that a running cohort follows (proposals that were not selected are not).
FOLLOWED_STATUSES = (
    ChallengeStatus.SELECTED,
    ChallengeStatus.IN_PROGRESS,
    ChallengeStatus.COMPLETED,
)


def team_space_challenges(*, user) -> list[Challenge]:
    """``user``'s own challenges, newest cohort first, each with ``last_report_at`` and
    ``is_mentor`` (whether ``user`` mentors it). One query, whatever their number."""
    mentor = TeamMembership.objects.filter(
        challenge=OuterRef("pk"), person__user=user, role=TeamRole.MENTOR
    )
    return list(
        team_challenges(user)
        .select_related("cohort")
        .annotate(last_report_at=Max("progress_reports__created_at"), is_mentor=Exists(mentor))
        .order_by("-cohort__year", "title")
    )


def challenge_progress_reports(*, challenge: Challenge) -> QuerySet[ProgressReport]:
    """The challenge's reports, newest first, with their authors."""
    return challenge.progress_reports.select_related("author").order_by(
        "-reported_on", "-created_at"
    )


def quiet_teams(
    *, days: int = QUIET_AFTER_DAYS, now: datetime.datetime | None = None
) -> QuerySet[Challenge]:
    """The challenges of the running cohorts whose team (with at least one fellow or mentor)
    has not reported for ``days`` days or has never reported, the quietest first. Each has
    ``last_report_at`` and ``last_reminded_at`` (None when never)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    since = now - datetime.timedelta(days=days)
    members = TeamMembership.objects.filter(challenge=OuterRef("pk"), role__in=TEAM_ROLES)
    return (
        Challenge.objects.filter(
            cohort__start_date__lte=today,
            cohort__end_date__gte=today,
            status__in=FOLLOWED_STATUSES,
        )
        .filter(Exists(members))
        .annotate(
            last_report_at=Max("progress_reports__created_at"),
            last_reminded_at=Max("progress_reminders__sent_at"),
        )
        .filter(Q(last_report_at__isnull=True) | Q(last_report_at__lt=since))
        .select_related("cohort")
        .order_by("-cohort__start_date", "cohort__name", "title")
    )


def team_addresses(memberships: QuerySet[TeamMembership]) -> list[str]:
    """The e-mail addresses of the people of ``memberships`` (their account's, else their
    person's), without duplicates. One query."""
    addresses = []
    for membership in memberships.select_related("person", "person__user"):
        person = membership.person
        address = (person.user.email if person.user else "") or person.email
        if address and address not in addresses:
            addresses.append(address)
    return addresses


def quiet_team_recipients(*, challenge: Challenge) -> list[str]:
    """The e-mail addresses of the challenge's fellows and mentors, without duplicates."""
    return team_addresses(challenge.memberships.filter(role__in=TEAM_ROLES))
