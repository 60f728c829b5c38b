"""What the call for challenges supplies to the review engine (core.reviews): its review
(``ReviewAssignment``, scored per ``ReviewCriterion`` of the round), who may review a proposal
(never an agent of the proposing administration), and the round's opening."""

import datetime
from collections.abc import Hashable

from core.reviews import Criterion, ReviewCall
from projects.models import ChallengeProposal, ReviewAssignment, ReviewScore
from projects.models.jury import REVIEWER_IS_AGENT_MESSAGE, SUBJECT_NOT_REVIEWABLE_MESSAGE


def round_criteria(review_round) -> list[Criterion]:
    """The round's published criteria, in their order, as the engine reads them."""
    return [
        Criterion(key=criterion.pk, label=criterion.label, description=criterion.description)
        for criterion in review_round.criteria.all()
    ]


class ChallengeReviews(ReviewCall):
    subject_not_reviewable_message = SUBJECT_NOT_REVIEWABLE_MESSAGE
    reviewer_ineligible_message = REVIEWER_IS_AGENT_MESSAGE

    def criteria(self, review: ReviewAssignment) -> list[Criterion]:
        return round_criteria(review.round)

    def conflict(self, review: ReviewAssignment) -> bool:
        # "No conflict" until the reviewer declares one: they may score from the start.
        return review.conflict_of_interest

    def is_open(self, review: ReviewAssignment) -> bool:
        return review.round.is_open

    def subject_is_reviewable(self, subject: ChallengeProposal) -> bool:
        return subject.is_reviewable

    def reviewer_is_eligible(self, reviewer, subject: ChallengeProposal) -> bool:
        return subject.may_be_reviewed_by(reviewer)

    def conflict_store(self, review: ReviewAssignment, *, has_conflict: bool, note: str) -> None:
        review.conflict_of_interest = has_conflict
        review.conflict_note = note
        fields = ["conflict_of_interest", "conflict_note"]
        if has_conflict:
            review.scored_at = None
            fields.append("scored_at")
        review.save(update_fields=fields)
        if has_conflict:
            review.scores.all().delete()

    def conflict_lift(self, review: ReviewAssignment, *, user, reason: str) -> None:
        # Back to the call's default, "no conflict": the reviewer may read and score again.
        review.conflict_of_interest = False
        review._change_reason = reason
        review._history_user = user
        review.save(update_fields=["conflict_of_interest"])

    def scores_store(
        self,
        review: ReviewAssignment,
        *,
        scores: dict[Hashable, int],
        comment: str,
        now: datetime.datetime,
    ) -> None:
        for criterion_id, value in scores.items():
            ReviewScore.objects.update_or_create(
                assignment=review, criterion_id=criterion_id, defaults={"score": value}
            )
        review.comment = comment
        review.scored_at = now
        review.save(update_fields=["comment", "scored_at"])


CHALLENGE_REVIEWS = ChallengeReviews()
