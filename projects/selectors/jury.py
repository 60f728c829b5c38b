"""The jury's reads on a call for challenges: the ranking of a review round."""

from collections import defaultdict
from dataclasses import dataclass

from core.reviews import ReviewLine, review_ranking
from projects.models import (
    ChallengeProposal,
    ProposalStatus,
    ReviewAssignment,
    ReviewRound,
    ReviewScore,
)
from projects.reviews import round_criteria


@dataclass(frozen=True)
class RankingRow:
    proposal: ChallengeProposal
    averages: list[float | None]  # one per criterion, in the round's order
    average: float | None  # mean of the scores of every criterion by every reviewer
    reviewers: int
    scored: int
    conflicts: int


def review_round_ranking(*, review_round: ReviewRound) -> list[RankingRow]:
    """The round's submitted (or decided) proposals, best average score first (the review
    engine's ranking, core.reviews: conflicted reviewers never count); proposals without any
    score come last. A constant number of queries, whatever the data."""
    criteria = round_criteria(review_round)
    proposals = sorted(
        ChallengeProposal.objects.filter(cohort_id=review_round.cohort_id)
        .exclude(status=ProposalStatus.DRAFT)
        .select_related("administration", "challenge")
        .prefetch_related("attachments"),
        key=lambda proposal: proposal.title,
    )
    scores = defaultdict(dict)
    for assignment_id, criterion_id, value in ReviewScore.objects.filter(
        assignment__round=review_round
    ).values_list("assignment_id", "criterion_id", "score"):
        scores[assignment_id][criterion_id] = value
    lines = [
        ReviewLine(subject_key=proposal_id, conflict=conflict, scores=scores.get(pk, {}))
        for pk, proposal_id, conflict in ReviewAssignment.objects.filter(
            round=review_round
        ).values_list("pk", "proposal_id", "conflict_of_interest")
    ]
    return [
        RankingRow(
            proposal=row.subject,
            averages=row.averages,
            average=row.average,
            reviewers=row.reviewers,
            scored=row.scored,
            conflicts=row.conflicts,
        )
        for row in review_ranking(subjects=proposals, criteria=criteria, reviews=lines)
    ]
