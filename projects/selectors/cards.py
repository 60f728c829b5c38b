"""The challenge cards of the public lists: plain rows, labels kept per site version."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from projects.models import Challenge
from projects.selectors.public import challenge_public_queryset


@dataclass(frozen=True)
class ChallengeCard:
    """What a list of challenges shows of each one, ready to display."""

    title: str
    url: str
    summary: str
    cohort_name: str
    cohort_year: int
    administrations: tuple[str, ...]
    skills: tuple[str, ...]


# What a card reads of each challenge and its promotion.
CARD_FIELDS = ("pk", "title", "slug", "summary", "cohort__slug", "cohort__name", "cohort__year")


def challenge_card_rows(challenges: QuerySet[Challenge]) -> QuerySet[dict[str, Any]]:
    """The rows ``challenge_cards`` needs of ``challenges`` (for instance, of
    ``challenge_public_search``), in their order: plain rows, without building a model
    instance per challenge; they may be paginated."""
    return challenges.values(*CARD_FIELDS)


@dataclass(frozen=True)
class CardLabels:
    """What cards show of each challenge's host administrations and skills, by challenge id."""

    administrations: dict[int, tuple[str, ...]]
    skills: dict[int, tuple[str, ...]]


def challenge_card_labels() -> CardLabels:
    """The host administrations and skills of every public challenge, as cards show them: two
    queries of plain rows (kept per site version by ``challenge_card_labels_kept``)."""
    public = challenge_public_queryset().values("pk")
    through_administrations = Challenge.administrations.through.objects.filter(
        challenge_id__in=public
    )
    through_skills = Challenge.skills.through.objects.filter(challenge_id__in=public)
    administrations: dict[int, list[str]] = defaultdict(list)
    for challenge_id, name, acronym in through_administrations.order_by(
        "administration__name", "pk"
    ).values_list("challenge_id", "administration__name", "administration__acronym"):
        administrations[challenge_id].append(f"{name} ({acronym})" if acronym else name)
    skills: dict[int, list[str]] = defaultdict(list)
    for challenge_id, name in through_skills.order_by("skill__name", "pk").values_list(
        "challenge_id", "skill__name"
    ):
        skills[challenge_id].append(name)
    return CardLabels(
        administrations={key: tuple(names) for key, names in administrations.items()},
        skills={key: tuple(names) for key, names in skills.items()},
    )


def challenge_card_labels_kept(*, version: str) -> CardLabels:
    """``challenge_card_labels()`` of every public challenge, read once per site ``version`` in
    each process (the challenges listed, and their texts, are read on every request)."""
    from core.cache import version_memo

    return version_memo(key="challenge-card-labels", version=version, compute=challenge_card_labels)


def challenge_cards(*, rows: Iterable[dict[str, Any]], labels: CardLabels) -> list[ChallengeCard]:
    """Cards of the challenges of ``rows`` (from ``challenge_card_rows``), with their
    administrations and skills from ``labels`` (``challenge_card_labels_kept``)."""
    from core.fast_reverse import reverse_maker

    challenge_path = reverse_maker("projects:challenge-detail", "cohort_slug", "slug")
    return [
        ChallengeCard(
            title=row["title"],
            url=challenge_path(cohort_slug=row["cohort__slug"], slug=row["slug"]),
            summary=row["summary"],
            cohort_name=row["cohort__name"],
            cohort_year=row["cohort__year"],
            administrations=labels.administrations.get(row["pk"], ()),
            skills=labels.skills.get(row["pk"], ()),
        )
        for row in rows
    ]
