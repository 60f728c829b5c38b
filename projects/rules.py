"""Who may see and do what in the call for challenges: the one place for these rules.

Every view, queryset, form choice list and export of the administrations' and jury's spaces
asks these functions. Someone without rights to an object gets 404 (the object is outside the
queryset they are given), never a hint that it exists.

Roles: an *agent* is a user with an AdministrationMembership (one or more administrations); a
*reviewer* (jury member) is a user with at least one ReviewAssignment; *staff* work in the
Wagtail admin (``is_staff``) and get no special powers in these front-office spaces.
"""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from cohorts.models import Cohort
from core.reviews import review_may_score
from projects.models import (
    Administration,
    AdministrationMembership,
    Challenge,
    ChallengeProposal,
    ProposalAttachment,
    ProposalStatus,
    ReviewAssignment,
)
from projects.models.call import is_administration_agent


def today() -> datetime.date:
    return timezone.localdate()


# --- Agents -------------------------------------------------------------------------------------


def administrations_of(user) -> QuerySet[Administration]:
    """The administrations ``user`` is an agent of (none for anonymous users)."""
    if not user.is_authenticated:
        return Administration.objects.none()
    return Administration.objects.filter(memberships__user=user).distinct()


def is_agent(user) -> bool:
    return (
        user.is_authenticated and AdministrationMembership.objects.filter(user_id=user.pk).exists()
    )


def is_agent_of(user, administration_id: int) -> bool:
    return is_administration_agent(user, administration_id)


# --- The call's calendar ------------------------------------------------------------------------


def call_is_open(cohort: Cohort, *, on: datetime.date | None = None) -> bool:
    """Whether ``cohort``'s call for challenges is open on ``on`` (today by default). A call
    without an opening date is not open; one without a closing date stays open once opened."""
    on = on or today()
    opens, closes = cohort.challenges_call_opens, cohort.challenges_call_closes
    return opens is not None and opens <= on and (closes is None or on <= closes)


def cohorts_with_open_call(*, on: datetime.date | None = None) -> QuerySet[Cohort]:
    on = on or today()
    return Cohort.objects.filter(challenges_call_opens__lte=on).filter(
        Q(challenges_call_closes__isnull=True) | Q(challenges_call_closes__gte=on)
    )


# --- Proposals ----------------------------------------------------------------------------------


def proposals_visible_to(user) -> QuerySet[ChallengeProposal]:
    """The proposals ``user`` sees in the administrations' space: those of their
    administrations."""
    if not user.is_authenticated:
        return ChallengeProposal.objects.none()
    return ChallengeProposal.objects.filter(administration__memberships__user=user).distinct()


def can_edit_proposal(
    user, proposal: ChallengeProposal, *, on: datetime.date | None = None
) -> bool:
    """An agent of the proposing administration may change a draft while the call is open."""
    return (
        proposal.status == ProposalStatus.DRAFT
        and is_agent_of(user, proposal.administration_id)
        and call_is_open(proposal.cohort, on=on)
    )


def attachments_visible_to(user) -> QuerySet[ProposalAttachment]:
    """Attachments of the proposals ``user`` sees as an agent, or reviews without a conflict;
    staff read every attachment (linked from the admin's ranking)."""
    if not user.is_authenticated:
        return ProposalAttachment.objects.none()
    if user.is_active and user.is_staff and user.has_perm("projects.view_challengeproposal"):
        return ProposalAttachment.objects.all()
    return ProposalAttachment.objects.filter(
        Q(proposal__in=proposals_visible_to(user))
        | Q(proposal__in=proposals_reviewable_by(user).values("proposal"))
    ).distinct()


def challenges_of_agent(user) -> QuerySet[Challenge]:
    """The challenges of the agent's administrations (with their fellows, once selected)."""
    if not user.is_authenticated:
        return Challenge.objects.none()
    return Challenge.objects.filter(administrations__memberships__user=user).distinct()


# --- Jury ---------------------------------------------------------------------------------------


def is_reviewer(user) -> bool:
    return user.is_authenticated and ReviewAssignment.objects.filter(reviewer_id=user.pk).exists()


def assignments_of(user) -> QuerySet[ReviewAssignment]:
    """The reviews assigned to ``user`` (whatever the round's state)."""
    if not user.is_authenticated:
        return ReviewAssignment.objects.none()
    return ReviewAssignment.objects.filter(reviewer=user)


def proposals_reviewable_by(user) -> QuerySet[ReviewAssignment]:
    """The assignments whose proposal ``user`` may read as a reviewer: no conflict declared."""
    return assignments_of(user).filter(conflict_of_interest=False)


def can_score(user, assignment: ReviewAssignment) -> bool:
    """The assigned reviewer, while the round is open and without a conflict (core.reviews)."""
    return review_may_score(
        conflict=assignment.conflict_of_interest,
        is_reviewer=assignment.reviewer_id == user.pk,
        is_open=assignment.round.is_open,
    )


def reviewer_may_be_assigned(reviewer, proposal: ChallengeProposal) -> bool:
    """The call's eligibility rule: an agent of the proposing administration is never
    assigned."""
    return proposal.may_be_reviewed_by(reviewer)
