"""Writes on administrations, challenges, their links, key figures and teams.

Each ``*_upsert`` finds a record by its natural key and saves only what changed, so that
history records real changes only (core/records.py); each ``*_save`` is the admin's write of
a record.
"""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from cohorts.models import Cohort, Person
from core.records import Outcome, given, record_changes_save, record_values_save
from projects.models import (
    Administration,
    Challenge,
    ChallengeLink,
    ChallengeStatus,
    KeyFigure,
    LinkKind,
    Skill,
    TeamMembership,
    TeamRole,
    Theme,
)
from projects.naming import administration_name_key


def administration_upsert(
    *, name: str, acronym: str | None = None, website: str | None = None
) -> tuple[Administration, Outcome]:
    """Create or update the administration whose name folds like ``name``; a field given as
    ``None`` is left as it is.

    Two spellings that differ only by case, accents or punctuation find the same record, which
    then takes ``name`` as its spelling.
    """
    values = {"name": name, "acronym": acronym, "website": website}
    administration = Administration.objects.filter(name_key=administration_name_key(name)).first()
    if administration is None:
        return Administration.objects.create(**given(values)), Outcome.CREATED
    return administration, record_changes_save(instance=administration, values=values)


def challenge_upsert(
    *,
    cohort: Cohort,
    slug: str,
    title: str,
    summary: str | None,
    body: str | None,
    town: str | None,
    duration_months: int | None,
    status: ChallengeStatus,
    is_published: bool,
    administrations: Iterable[Administration],
    skills: Iterable[Skill],
    posts: int | None = None,
) -> tuple[Challenge, Outcome]:
    """Create or update the challenge ``slug`` of ``cohort``, with its administrations and
    skills set to exactly those given. The import of the former site, the demo activity and
    the selection of a proposal all write a challenge and its status through it. A value given
    as ``None`` is left as it is (a new challenge takes the field's default); the outcome and
    themes are never touched."""
    values = {
        "title": title,
        "summary": summary,
        "body": body,
        "town": town,
        "duration_months": duration_months,
        "posts": posts,
        "status": status,
        "is_published": is_published,
    }
    administrations, skills = list(administrations), list(skills)
    challenge = Challenge.objects.filter(cohort=cohort, slug=slug).first()
    if challenge is None:
        challenge = Challenge.objects.create(cohort=cohort, slug=slug, **given(values))
        challenge.administrations.set(administrations)
        challenge.skills.set(skills)
        return challenge, Outcome.CREATED
    outcome = record_changes_save(instance=challenge, values=values)
    for relation, wanted in (
        (challenge.administrations, administrations),
        (challenge.skills, skills),
    ):
        if set(relation.values_list("pk", flat=True)) != {item.pk for item in wanted}:
            relation.set(wanted)
            outcome = Outcome.UPDATED
    return challenge, outcome


def challenge_link_upsert(
    *,
    challenge: Challenge,
    kind: LinkKind,
    url: str,
    title: str = "",
    description: str = "",
    position: int = 0,
) -> tuple[ChallengeLink, Outcome]:
    """Create or update the link of ``kind`` to ``url`` on ``challenge``."""
    values = {"title": title, "description": description, "position": position}
    link = ChallengeLink.objects.filter(challenge=challenge, kind=kind, url=url).first()
    if link is None:
        return ChallengeLink.objects.create(
            challenge=challenge, kind=kind, url=url, **values
        ), Outcome.CREATED
    return link, record_changes_save(instance=link, values=values)


def key_figure_upsert(
    *,
    challenge: Challenge,
    position: int,
    amount: Decimal,
    description: str,
    prefix: str = "",
    suffix: str = "",
) -> tuple[KeyFigure, Outcome]:
    """Create or update the key figure at ``position`` on ``challenge``."""
    values = {"amount": amount, "description": description, "prefix": prefix, "suffix": suffix}
    figure = KeyFigure.objects.filter(challenge=challenge, position=position).first()
    if figure is None:
        return KeyFigure.objects.create(
            challenge=challenge, position=position, **values
        ), Outcome.CREATED
    return figure, record_changes_save(instance=figure, values=values)


def team_membership_ensure(
    *, challenge: Challenge, person: Person, role: TeamRole
) -> tuple[TeamMembership, Outcome]:
    """Make sure ``person`` has ``role`` in ``challenge``'s team."""
    membership = TeamMembership.objects.filter(
        challenge=challenge, person=person, role=role
    ).first()
    if membership is None:
        return TeamMembership.objects.create(
            challenge=challenge, person=person, role=role
        ), Outcome.CREATED
    return membership, Outcome.UNCHANGED


# --- Staff's writes from the admin ---------------------------------------------------------------


def administration_save(
    *, instance: Administration, values: dict[str, Any], user
) -> Administration:
    """Staff create or change an administration: a name no other administration has (once
    folded), and never its own ancestor in the ministry → directorate → service tree."""
    return record_values_save(instance=instance, values=values)


def challenge_save(*, instance: Challenge, values: dict[str, Any], user) -> Challenge:
    """Staff create or change a challenge with its host administrations, themes and skills (a
    URL identifier unique within its cohort)."""
    return record_values_save(instance=instance, values=values)


def team_membership_save(
    *, instance: TeamMembership, values: dict[str, Any], user
) -> TeamMembership:
    """Staff put a person in a challenge's team with a role, once per role."""
    return record_values_save(instance=instance, values=values)


def key_figure_save(*, instance: KeyFigure, values: dict[str, Any], user) -> KeyFigure:
    """Staff create or change a key figure of a challenge."""
    return record_values_save(instance=instance, values=values)


def challenge_link_save(*, instance: ChallengeLink, values: dict[str, Any], user) -> ChallengeLink:
    """Staff create or change a link of a challenge, once per kind and address."""
    return record_values_save(instance=instance, values=values)


def theme_save(*, instance: Theme, values: dict[str, Any], user) -> Theme:
    """Staff create or change a theme (name and URL identifier unique)."""
    return record_values_save(instance=instance, values=values)


def skill_save(*, instance: Skill, values: dict[str, Any], user) -> Skill:
    """Staff create or change a skill (code unique)."""
    return record_values_save(instance=instance, values=values)
