"""What the public may see of the challenges: the rule every public read starts from."""

from django.db.models import Count, QuerySet

from projects.models import Challenge, ChallengeStatus

# A challenge is public when the program team published it and it went past selection: a draft,
# a proposal under review or a rejected proposal never shows, even if ticked as published.
PUBLIC_STATUSES = (ChallengeStatus.SELECTED, ChallengeStatus.IN_PROGRESS, ChallengeStatus.COMPLETED)
PUBLIC_ORDERING = ("-cohort__year", "cohort__track", "cohort__number", "title", "pk")


def challenge_public_queryset() -> QuerySet[Challenge]:
    """Every challenge the public may see, unordered and without related records."""
    return Challenge.objects.filter(is_published=True, status__in=PUBLIC_STATUSES)


def challenge_public_count_by_cohort() -> dict[int, int]:
    """How many public challenges each promotion has (promotions without any are absent)."""
    return dict(
        challenge_public_queryset()
        .order_by()
        .values("cohort_id")
        .annotate(count=Count("pk"))
        .values_list("cohort_id", "count")
    )
