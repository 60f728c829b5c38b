"""The program's key figures, per promotion and in total."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from cohorts.models import Cohort
from projects.models import Challenge
from projects.selectors.administrations import administration_parents_map, administration_root_id
from projects.selectors.challenges import Choice
from projects.selectors.public import challenge_public_count_by_cohort, challenge_public_queryset


@dataclass(frozen=True)
class CohortFigures:
    """The figures of one promotion, or of all of them when ``cohort`` is None."""

    cohort: Cohort | None
    challenges: int
    fellows: int
    # Fellows of each profile of ``ProgramFigures.profiles``, in the same order.
    profile_counts: list[int]
    # Host structures: the tops of the hierarchies (ministries, agencies…) hosting a challenge.
    structures: int
    # Host services: the administrations named as hosts (a direction, or a ministry itself).
    services: int


@dataclass(frozen=True)
class ProgramFigures:
    # Profiles present in at least one promotion, in the profiles' order.
    profiles: list[Choice]
    cohorts: list[CohortFigures]
    # All promotions together: a person or an administration present in several promotions is
    # counted once.
    total: CohortFigures


@dataclass(frozen=True)
class ProgramTotals:
    """The program's figures in total, counted as ``program_key_figures().total`` counts them."""

    cohorts: int
    challenges: int
    fellows: int
    structures: int


def program_totals() -> ProgramTotals:
    """Promotions, public challenges, fellows (each person once) and host structures, in total:
    five queries of counts and ids, whatever the data."""
    from cohorts.selectors import fellow_person_count

    parents = administration_parents_map()
    through = Challenge.administrations.through
    hosts = set(
        through.objects.filter(challenge__in=challenge_public_queryset())
        .order_by()
        .values_list("administration_id", flat=True)
        .distinct()
    )
    return ProgramTotals(
        cohorts=Cohort.objects.count(),
        challenges=challenge_public_queryset().count(),
        fellows=fellow_person_count(),
        structures=len(
            {administration_root_id(administration_id=pk, parents=parents) for pk in hosts}
        ),
    )


def program_key_figures() -> ProgramFigures:
    """Challenges, fellows by profile and host administrations per promotion, and in total.

    A fixed number of queries, whatever the number of promotions and challenges.
    """
    from cohorts.models import Profile
    from cohorts.selectors import fellowship_rows_list

    cohorts = list(Cohort.objects.order_by("year", "track", "number"))
    challenge_counts = challenge_public_count_by_cohort()
    fellowships = fellowship_rows_list()
    parents = administration_parents_map()
    through = Challenge.administrations.through
    hosts = list(
        through.objects.filter(challenge__in=challenge_public_queryset()).values_list(
            "challenge__cohort_id", "administration_id"
        )
    )
    present = {row["profile"] for row in fellowships}
    profiles = [Choice(p.value, str(p.label)) for p in Profile if p.value in present]
    # Rows grouped by promotion once: the work grows with the rows, not rows × promotions.
    fellowships_by_cohort: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in fellowships:
        fellowships_by_cohort[row["cohort_id"]].append(row)
    services_by_cohort: dict[int, set[int]] = defaultdict(set)
    for cohort_id, administration_id in hosts:
        services_by_cohort[cohort_id].add(administration_id)
    roots = {
        administration_id: administration_root_id(
            administration_id=administration_id, parents=parents
        )
        for administration_id in {administration_id for _cohort_id, administration_id in hosts}
    }

    def figures(
        cohort: Cohort | None, rows: list[dict[str, Any]], services: set[int], challenges: int
    ) -> CohortFigures:
        people_by_profile: dict[str, set[int]] = defaultdict(set)
        for row in rows:
            people_by_profile[row["profile"]].add(row["person_id"])
        return CohortFigures(
            cohort=cohort,
            challenges=challenges,
            fellows=len({row["person_id"] for row in rows}),
            profile_counts=[len(people_by_profile[profile.value]) for profile in profiles],
            structures=len({roots[administration_id] for administration_id in services}),
            services=len(services),
        )

    return ProgramFigures(
        profiles=profiles,
        cohorts=[
            figures(
                cohort,
                fellowships_by_cohort[cohort.pk],
                services_by_cohort[cohort.pk],
                challenge_counts.get(cohort.pk, 0),
            )
            for cohort in cohorts
        ],
        total=figures(
            None,
            fellowships,
            {administration_id for _cohort_id, administration_id in hosts},
            sum(challenge_counts.values()),
        ),
    )
