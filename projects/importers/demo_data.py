"""Synthetic demonstration data, ``scale`` times the size of the programme's real data.

Every record is plainly synthetic: its name says so (« Défi synthétique 12 ») and its URL
identifier starts with a prefix that no real record uses, so that the synthetic set can be found,
replaced or removed without touching the real one. The same ``scale`` and ``seed`` always give
the same records. Rows are written with ``bulk_create`` (and their history with
``bulk_create_with_history``), in one transaction.
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from cohorts.models import Cohort, Fellowship, Person, Profile, Track
from projects.models import (
    Administration,
    AdministrationKind,
    Challenge,
    ChallengeStatus,
    KeyFigure,
    Skill,
    TeamMembership,
    TeamRole,
)
from projects.naming import administration_name_key

# The size of the real data (site-eig, 2017–2020) that one unit of scale reproduces.
REAL_COHORTS = 5
REAL_ADMINISTRATIONS = 60
REAL_CHALLENGES = 71
REAL_PEOPLE = 262
# About half of the real people were fellows, the others mentors.
FELLOW_SHARE = 0.5

COHORT_SLUG_PREFIX = "synthetique-promotion-"
CHALLENGE_SLUG_PREFIX = "defi-synthetique-"
PERSON_SLUG_PREFIX = "personne-synthetique-"
ADMINISTRATION_PREFIX = "Administration synthétique "
# Synthetic cohorts are numbered from here, far from the real promotions' numbers.
FIRST_COHORT_NUMBER = 1001

TOWNS = [
    "Paris (75007)",
    "Lyon (69003)",
    "Lille (59000)",
    "Nantes (44000)",
    "Toulouse (31000)",
    "Marseille (13002)",
    "Saint-Denis (93200)",
    "Rennes (35000)",
]
FIGURES = [
    "agents formés",
    "jeux de données ouverts",
    "usagers interrogés",
    "heures de travail économisées",
    "services publics raccordés",
]
PROFILES = [
    Profile.DEVELOPER,
    Profile.DATA_SCIENTIST,
    Profile.DESIGNER,
    Profile.DATA_ENGINEER,
    Profile.GEOMATICIAN,
    Profile.DIGITAL_LAWYER,
]
PROFILE_WEIGHTS = [34, 33, 25, 4, 2, 2]


class DemoDataExists(Exception):
    """Synthetic data is already there and was not asked to be replaced."""


@dataclass(frozen=True)
class DemoDataCounts:
    cohorts: int
    administrations: int
    challenges: int
    people: int
    fellowships: int
    memberships: int
    key_figures: int


def demo_data_exists() -> bool:
    return (
        Cohort.objects.filter(slug__startswith=COHORT_SLUG_PREFIX).exists()
        or Person.objects.filter(slug__startswith=PERSON_SLUG_PREFIX).exists()
    )


def demo_data_delete() -> None:
    """Remove every synthetic record (and nothing else)."""
    Challenge.objects.filter(slug__startswith=CHALLENGE_SLUG_PREFIX).delete()
    Person.objects.filter(slug__startswith=PERSON_SLUG_PREFIX).delete()
    Cohort.objects.filter(slug__startswith=COHORT_SLUG_PREFIX).delete()
    Administration.objects.filter(name__startswith=ADMINISTRATION_PREFIX).delete()


def demo_data_generate(*, scale: int, seed: int = 2017, replace: bool = False) -> DemoDataCounts:
    """Create ``scale`` × the real data's cohorts, administrations, challenges and people, with
    fellowships, teams and key figures.

    Raises :class:`DemoDataExists` when synthetic data is already present, unless ``replace``,
    which deletes it first.
    """
    if scale < 1:
        raise ValueError("scale must be 1 or more")
    rng = random.Random(seed)  # noqa: S311 (reproducible demo data, not a secret)
    with transaction.atomic():
        if demo_data_exists():
            if not replace:
                raise DemoDataExists
            demo_data_delete()

        cohorts = bulk_create_with_history(_cohorts(scale), Cohort)
        administrations = bulk_create_with_history(_administrations(scale, rng), Administration)
        challenges = bulk_create_with_history(_challenges(scale, rng, cohorts), Challenge)
        _link_administrations_and_skills(challenges, administrations, rng)
        people = bulk_create_with_history(_people(scale, rng), Person)

        fellow_count = round(len(people) * FELLOW_SHARE)
        fellows, mentors = people[:fellow_count], people[fellow_count:]
        profiles = {person.pk: rng.choices(PROFILES, PROFILE_WEIGHTS)[0] for person in fellows}
        memberships = _memberships(challenges, fellows, mentors, rng)
        memberships = bulk_create_with_history(memberships, TeamMembership)
        fellowship_keys = dict.fromkeys(
            (membership.person_id, membership.challenge.cohort_id)
            for membership in memberships
            if membership.role == TeamRole.FELLOW
        )
        fellowships = bulk_create_with_history(
            [
                Fellowship(person_id=person_id, cohort_id=cohort_id, profile=profiles[person_id])
                for person_id, cohort_id in fellowship_keys
            ],
            Fellowship,
        )
        key_figures = bulk_create_with_history(_key_figures(challenges, rng), KeyFigure)

    return DemoDataCounts(
        cohorts=len(cohorts),
        administrations=len(administrations),
        challenges=len(challenges),
        people=len(people),
        fellowships=len(fellowships),
        memberships=len(memberships),
        key_figures=len(key_figures),
    )


def _cohorts(scale: int) -> list[Cohort]:
    cohorts = []
    for index in range(REAL_COHORTS * scale):
        # As in the real data: four EIG promotions and one DIG promotion per round.
        track = Track.DIG if index % REAL_COHORTS == 3 else Track.EIG
        year = 2017 + index % REAL_COHORTS - (1 if track == Track.DIG else 0)
        cohorts.append(
            Cohort(
                name=f"Promotion synthétique {index + 1}",
                slug=f"{COHORT_SLUG_PREFIX}{index + 1}",
                track=track,
                number=FIRST_COHORT_NUMBER + index,
                year=year,
                start_date=datetime.date(year, 1, 15),
                end_date=datetime.date(year, 11, 15),
            )
        )
    return cohorts


def _administrations(scale: int, rng: random.Random) -> list[Administration]:
    kinds = list(AdministrationKind.values)
    administrations = []
    for index in range(REAL_ADMINISTRATIONS * scale):
        name = f"{ADMINISTRATION_PREFIX}{index + 1}"
        administrations.append(
            Administration(
                name=name,
                name_key=administration_name_key(name),
                acronym=f"AS{index + 1}",
                kind=rng.choice(kinds),
                website=f"https://administration-synthetique-{index + 1}.example.org",
            )
        )
    return administrations


def _challenges(scale: int, rng: random.Random, cohorts: list[Cohort]) -> list[Challenge]:
    challenges = []
    for index in range(REAL_CHALLENGES * scale):
        number = index + 1
        challenges.append(
            Challenge(
                cohort=cohorts[index % len(cohorts)],
                title=f"Défi synthétique {number}",
                slug=f"{CHALLENGE_SLUG_PREFIX}{number}",
                summary=f"Résumé du défi synthétique {number}, créé pour la démonstration.",
                body=(
                    f"## Le défi synthétique {number}\n\nTexte de démonstration : ce défi "
                    "n'existe pas."
                ),
                town=rng.choice(TOWNS),
                duration_months=10,
                posts=rng.randint(1, 3),
                status=ChallengeStatus.COMPLETED,
                is_published=True,
            )
        )
    return challenges


def _link_administrations_and_skills(
    challenges: list[Challenge], administrations: list[Administration], rng: random.Random
) -> None:
    skills = list(Skill.objects.order_by("code"))
    hosts, wanted = [], []
    for challenge in challenges:
        hosted_by = rng.sample(administrations, rng.choice([1, 1, 1, 2]))
        hosts += [
            Challenge.administrations.through(
                challenge_id=challenge.pk, administration_id=administration.pk
            )
            for administration in hosted_by
        ]
        if skills:
            wanted += [
                Challenge.skills.through(challenge_id=challenge.pk, skill_id=skill.pk)
                for skill in rng.sample(skills, rng.randint(1, min(3, len(skills))))
            ]
    Challenge.administrations.through.objects.bulk_create(hosts)
    Challenge.skills.through.objects.bulk_create(wanted)


def _people(scale: int, rng: random.Random) -> list[Person]:
    people = []
    for index in range(REAL_PEOPLE * scale):
        number = index + 1
        people.append(
            Person(
                full_name=f"Personne synthétique {number}",
                slug=f"{PERSON_SLUG_PREFIX}{number}",
                biography=f"Biographie de démonstration de la personne synthétique {number}.",
                public_consent=rng.random() < 0.9,
            )
        )
    return people


def _memberships(
    challenges: list[Challenge], fellows: list[Person], mentors: list[Person], rng: random.Random
) -> list[TeamMembership]:
    """One to three fellows and one to three mentors per challenge; everyone is placed once
    before anyone is placed twice."""
    memberships = []
    pools = {TeamRole.FELLOW: _cycle(fellows, rng), TeamRole.MENTOR: _cycle(mentors, rng)}
    for challenge in challenges:
        for role, sizes in ((TeamRole.FELLOW, [1, 2, 2, 2, 3]), (TeamRole.MENTOR, [1, 2, 2, 3])):
            chosen: dict[int, Person] = {}
            for _step in range(rng.choice(sizes)):
                person = next(pools[role])
                chosen.setdefault(person.pk, person)
            memberships += [
                TeamMembership(challenge=challenge, person=person, role=role)
                for person in chosen.values()
            ]
    return memberships


def _cycle(people: list[Person], rng: random.Random):
    while people:
        order = list(people)
        rng.shuffle(order)
        yield from order


def _key_figures(challenges: list[Challenge], rng: random.Random) -> list[KeyFigure]:
    figures = []
    for challenge in challenges:
        for position in range(rng.randint(0, 3)):
            figures.append(
                KeyFigure(
                    challenge=challenge,
                    position=position,
                    amount=Decimal(rng.randint(2, 5000)),
                    description=rng.choice(FIGURES),
                )
            )
    return figures
