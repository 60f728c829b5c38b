"""The jury's reads on a call for challenges: the ranking of a review round."""

from dataclasses import dataclass

from django.db.models import Avg, Count, Q

from projects.models import ChallengeProposal, ProposalStatus, ReviewRound, ReviewScore


@dataclass(frozen=True)
class RankingRow:
    proposal: ChallengeProposal
    averages: list[float | None]  # one per criterion, in the round's order
    average: float | None  # mean of the scores of every criterion by every reviewer
    reviewers: int
    scored: int
    conflicts: int


def review_round_ranking(*, review_round: ReviewRound) -> list[RankingRow]:
    """The round's submitted (or decided) proposals, best average score first; proposals
    without any score come last. A constant number of queries, whatever the data."""

    criteria = list(review_round.criteria.all())
    proposals = list(
        ChallengeProposal.objects.filter(cohort_id=review_round.cohort_id)
        .exclude(status=ProposalStatus.DRAFT)
        .select_related("administration", "challenge")
        .prefetch_related("attachments")
        .annotate(
            reviewers=Count(
                "assignments", filter=Q(assignments__round=review_round), distinct=True
            ),
            scored=Count(
                "assignments",
                filter=Q(assignments__round=review_round, assignments__scored_at__isnull=False),
                distinct=True,
            ),
            conflicts=Count(
                "assignments",
                filter=Q(assignments__round=review_round, assignments__conflict_of_interest=True),
                distinct=True,
            ),
        )
    )
    scores = ReviewScore.objects.filter(
        assignment__round=review_round, assignment__conflict_of_interest=False
    )
    by_criterion = {
        (row["assignment__proposal_id"], row["criterion_id"]): row["average"]
        for row in scores.values("assignment__proposal_id", "criterion_id").annotate(
            average=Avg("score")
        )
    }
    overall = {
        row["assignment__proposal_id"]: row["average"]
        for row in scores.values("assignment__proposal_id").annotate(average=Avg("score"))
    }
    rows = [
        RankingRow(
            proposal=proposal,
            averages=[by_criterion.get((proposal.pk, c.pk)) for c in criteria],
            average=overall.get(proposal.pk),
            reviewers=proposal.reviewers,
            scored=proposal.scored,
            conflicts=proposal.conflicts,
        )
        for proposal in proposals
    ]
    return sorted(
        rows, key=lambda row: (row.average is None, -(row.average or 0), row.proposal.title)
    )
