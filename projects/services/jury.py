"""Writes of the jury of the call for challenges: review rounds, assignments, conflicts,
scores, and the decisions on the proposals (through the review engine, core/reviews.py)."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from cohorts.models import Cohort
from core.records import record_values_save, unique_slug
from projects.models import (
    Challenge,
    ChallengeProposal,
    ChallengeStatus,
    ProposalStatus,
    ReviewAssignment,
    ReviewCriterion,
    ReviewRound,
)
from projects.services.call import absolute_url, agent_emails_of
from projects.services.challenges import challenge_upsert


class ReviewerConflictError(Exception):
    """The reviewer is an agent of the proposing administration."""


# --- Jury -----------------------------------------------------------------------------------------


def review_round_open(
    *, cohort: Cohort, name: str, criteria: Iterable[str], instructions: str = ""
) -> ReviewRound:
    """A new open review round of ``cohort``, with its criteria in the given order."""
    review_round = ReviewRound.objects.create(cohort=cohort, name=name, instructions=instructions)
    for position, label in enumerate(criteria):
        ReviewCriterion.objects.create(round=review_round, label=label, position=position)
    return review_round


def review_assign(
    *, review_round: ReviewRound, proposal: ChallengeProposal, reviewer
) -> ReviewAssignment:
    """Ask ``reviewer`` to review ``proposal``; never an agent of the proposing administration
    (the engine's assignment rules, core.reviews, with this call's eligibility)."""
    from core.reviews import REVIEWER_INELIGIBLE, review_assignment_refusals
    from projects.reviews import CHALLENGE_REVIEWS

    refusals = review_assignment_refusals(
        call=CHALLENGE_REVIEWS, subject=proposal, reviewer=reviewer
    )
    if any(refusal.code == REVIEWER_INELIGIBLE for refusal in refusals):
        raise ReviewerConflictError
    assignment = ReviewAssignment(round=review_round, proposal=proposal, reviewer=reviewer)
    assignment.full_clean()
    assignment.save()
    return assignment


def review_declare_conflict(*, assignment: ReviewAssignment, user, note: str) -> ReviewAssignment:
    """The reviewer declares a conflict of interest: their scores are dropped, they score no
    more."""
    from core.reviews import ReviewRefused, review_conflict_declare
    from projects.reviews import CHALLENGE_REVIEWS

    try:
        return review_conflict_declare(
            call=CHALLENGE_REVIEWS, review=assignment, has_conflict=True, note=note, user=user
        )
    except ReviewRefused as refusal:
        raise PermissionDenied(refusal.messages[0]) from refusal


def review_score(
    *, assignment: ReviewAssignment, user, scores: dict[int, int], comment: str
) -> ReviewAssignment:
    """Record the reviewer's score for every criterion of the round (by criterion id).

    ``PermissionDenied`` when they may not score (not theirs, round closed, conflict declared);
    ``core.reviews.ReviewRefused`` (a ``ValueError``) when a score is missing or out of range.
    """
    from core.reviews import ACCESS_CODES, ReviewRefused, review_scores_record
    from projects.reviews import CHALLENGE_REVIEWS

    try:
        return review_scores_record(
            call=CHALLENGE_REVIEWS, review=assignment, scores=scores, comment=comment, user=user
        )
    except ReviewRefused as refusal:
        if refusal.code in ACCESS_CODES:
            raise PermissionDenied(refusal.messages[0]) from refusal
        raise


def proposal_decide(*, proposal: ChallengeProposal, selected: bool) -> ChallengeProposal:
    """Staff's decision on a submitted proposal. A selected proposal becomes a challenge of the
    cohort, unpublished until staff publish it. The agents are told by e-mail.

    Rejecting a proposal selected before removes the challenge made from it, as long as nobody
    has seen nor joined it (unpublished, no team, nothing attached to it); otherwise the
    decision stays and ``ValidationError`` says what to undo first.
    """
    from core.emails import send_templated_email

    if proposal.status == ProposalStatus.DRAFT:
        raise ValueError("only a submitted proposal is decided")
    if not selected and proposal.challenge_id is not None:
        _challenge_of_proposal_delete(proposal=proposal)
    proposal.status = ProposalStatus.SELECTED if selected else ProposalStatus.REJECTED
    proposal.decided_at = timezone.now()
    if selected and proposal.challenge_id is None:
        proposal.challenge = _challenge_from_proposal(proposal=proposal)
    proposal.save(update_fields=["status", "decided_at", "challenge", "updated_at"])
    send_templated_email(
        "projects/emails/proposal_decided",
        agent_emails_of(administration=proposal.administration),
        {
            "title": proposal.title,
            "cohort": str(proposal.cohort),
            "selected": selected,
            "url": absolute_url(reverse("projects:proposal-detail", args=[proposal.pk])),
        },
    )
    return proposal


def _challenge_of_proposal_delete(*, proposal: ChallengeProposal) -> None:
    challenge = proposal.challenge
    locked = ValidationError(
        _(
            "Le défi « %(title)s », créé quand cette proposition a été retenue, est déjà "
            "publié ou a une équipe : dépubliez-le et retirez son équipe avant de refuser la "
            "proposition."
        )
        % {"title": challenge.title},
        code="challenge_in_use",
    )
    if challenge.is_published or challenge.memberships.exists():
        raise locked
    try:
        with transaction.atomic():
            challenge.delete()
    except ProtectedError as error:
        raise locked from error
    proposal.challenge = None


def _challenge_from_proposal(*, proposal: ChallengeProposal) -> Challenge:
    slug = unique_slug(
        base=slugify(proposal.title)[:180] or "defi",
        taken=lambda slug: Challenge.objects.filter(cohort=proposal.cohort, slug=slug).exists(),
    )
    body = "\n\n".join(
        f"## {heading}\n\n{text}"
        for heading, text in (
            (_("Le problème"), proposal.problem),
            (_("L'objectif"), proposal.goal),
            (_("Les données disponibles"), proposal.data_available),
        )
        if text
    )
    challenge, _outcome = challenge_upsert(
        cohort=proposal.cohort,
        slug=slug,
        title=proposal.title,
        summary=Truncator(proposal.goal or proposal.problem).chars(500),
        body=body,
        town=proposal.town,
        duration_months=None,
        posts=proposal.posts,
        status=ChallengeStatus.SELECTED,
        is_published=False,
        administrations=[proposal.administration],
        skills=[],
    )
    return challenge


def review_round_change(
    *, review_round: ReviewRound, cohort: Cohort, name: str, instructions: str, is_open: bool
) -> ReviewRound:
    """Staff change a review round: its name, instructions, whether it is open, and its cohort
    as long as no proposal has been handed to its jury (each assignment is of the round's
    cohort)."""
    stored_cohort_id = (
        ReviewRound.objects.values_list("cohort_id", flat=True).get(pk=review_round.pk)
        if review_round.pk
        else cohort.pk
    )
    if cohort.pk != stored_cohort_id and review_round.assignments.exists():
        raise ValidationError(
            {
                "cohort": _(
                    "Des propositions sont déjà confiées au jury de cette session : elle ne "
                    "change plus de promotion."
                )
            }
        )
    review_round.cohort, review_round.name = cohort, name
    review_round.instructions, review_round.is_open = instructions, is_open
    review_round.full_clean()
    review_round.save()
    return review_round


def review_criterion_save(
    *, instance: ReviewCriterion, values: dict[str, Any], user
) -> ReviewCriterion:
    """Staff create or change a criterion of a review round. A criterion the jury has already
    scored stays in its round: its scores belong to that round's assignments."""
    if instance.pk and "round" in values:
        stored_round_id = ReviewCriterion.objects.values_list("round_id", flat=True).get(
            pk=instance.pk
        )
        if values["round"].pk != stored_round_id and instance.scores.exists():
            raise ValidationError(
                {"round": _("Le jury a déjà noté ce critère : il ne change plus de session.")}
            )
    return record_values_save(instance=instance, values=values)


def review_assignment_change(
    *, instance: ReviewAssignment, values: dict[str, Any], user
) -> ReviewAssignment:
    """Staff correct an assignment of the jury (another round, proposal or reviewer), under the
    rules of ``review_assign`` that the assignment's validation applies: a submitted proposal of
    the round's cohort, never reviewed by an agent of the proposing administration."""
    return record_values_save(instance=instance, values=values)
