"""The public site's challenges: search, lists, filters, detail pages, teams (people named only
with their consent), and the mentors of a challenge."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from cohorts.models import Cohort
from projects.models import (
    Administration,
    Challenge,
    ChallengeLink,
    KeyFigure,
    LinkKind,
    Skill,
    TeamMembership,
    TeamRole,
    Theme,
)
from projects.selectors.administrations import (
    administration_descendant_ids,
    administration_lineages,
    administration_public_tree,
)
from projects.selectors.objectives import ObjectiveSeries, challenge_objective_series
from projects.selectors.public import PUBLIC_ORDERING, PUBLIC_STATUSES, challenge_public_queryset


@dataclass(frozen=True)
class ChallengeFilters:
    """What a visitor asks of the challenge list; an empty value filters nothing."""

    cohort: str = ""
    year: int | None = None
    administration: int | None = None
    theme: str = ""
    skill: str = ""
    status: str = ""
    q: str = ""


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class ChallengeFilterChoices:
    cohorts: list[Choice]
    years: list[Choice]
    administrations: list[Choice]
    themes: list[Choice]
    skills: list[Choice]
    statuses: list[Choice]


@dataclass(frozen=True)
class PublicMember:
    """A team member who consented to appear publicly."""

    full_name: str
    slug: str
    profile: str = ""


@dataclass(frozen=True)
class PublicTeamRole:
    """The members of one role: those who consented, by name, and how many others."""

    role: str
    label: str
    members: list[PublicMember]
    hidden_count: int

    @property
    def is_empty(self) -> bool:
        return not self.members and not self.hidden_count


@dataclass(frozen=True)
class LinkGroup:
    kind: str
    label: str
    links: list[ChallengeLink]


@dataclass(frozen=True)
class ChallengeDetail:
    challenge: Challenge
    # For each host administration, its line from the top (ministry) down to itself.
    administration_lineages: list[list[Administration]]
    themes: list[str]
    skills: list[str]
    team: list[PublicTeamRole]
    key_figures: list[KeyFigure]
    link_groups: list[LinkGroup]
    # The objectives its team made public, with their values.
    objectives: list[ObjectiveSeries] = field(default_factory=list)

    @property
    def has_team(self) -> bool:
        return any(not role.is_empty for role in self.team)


@dataclass(frozen=True)
class PersonChallenge:
    challenge: Challenge
    roles: list[str]


def challenge_search_q(*, text: str) -> Q:
    """Every word of ``text`` in the title, summary, body or a host administration's name,
    ignoring case and accents."""
    from core.text_search import folded_contains

    through = Challenge.administrations.through
    condition = Q()
    for word in text.split()[:10]:
        by_administration = through.objects.filter(
            folded_contains("administration__name", word)
            | folded_contains("administration__acronym", word)
        ).values("challenge_id")
        condition &= (
            folded_contains("title", word)
            | folded_contains("summary", word)
            | folded_contains("body", word)
            | Q(pk__in=by_administration)
        )
    return condition


def challenge_public_search(*, filters: ChallengeFilters | None = None) -> QuerySet[Challenge]:
    """Public challenges matching ``filters``, newest promotion first, with their promotion
    (and without their long texts, loaded only when read)."""
    filters = filters or ChallengeFilters()
    challenges = challenge_public_queryset()
    if filters.cohort:
        challenges = challenges.filter(cohort__slug=filters.cohort)
    if filters.year:
        challenges = challenges.filter(cohort__year=filters.year)
    if filters.administration:
        through = Challenge.administrations.through
        hosted = through.objects.filter(
            administration_id__in=administration_descendant_ids(
                administration_id=filters.administration
            )
        )
        challenges = challenges.filter(pk__in=hosted.values("challenge_id"))
    if filters.theme:
        challenges = challenges.filter(themes__slug=filters.theme)
    if filters.skill:
        challenges = challenges.filter(skills__code=filters.skill)
    if filters.status:
        challenges = challenges.filter(status=filters.status)
    if filters.q.strip():
        challenges = challenges.filter(challenge_search_q(text=filters.q))
    return (
        challenges.select_related("cohort").defer("body", "outcome_note").order_by(*PUBLIC_ORDERING)
    )


def challenge_public_list(*, filters: ChallengeFilters | None = None) -> QuerySet[Challenge]:
    """Public challenges matching ``filters``, newest promotion first, with what a list shows
    (promotion, host administrations, themes, skills) fetched in a fixed number of queries."""
    return (
        challenge_public_search(filters=filters)
        .defer(None)
        .prefetch_related("administrations", "themes", "skills")
    )


def challenge_public_full_list(*, filters: ChallengeFilters | None = None) -> QuerySet[Challenge]:
    """Like ``challenge_public_list``, with each challenge's key figures and links as well."""
    return challenge_public_list(filters=filters).prefetch_related(
        Prefetch("key_figures", KeyFigure.objects.order_by("position", "pk")),
        Prefetch("links", ChallengeLink.objects.order_by("kind", "position", "pk")),
    )


def challenge_filter_choices() -> ChallengeFilterChoices:
    """What the challenge list's filters offer: only values some public challenge has."""
    public = challenge_public_queryset()
    cohorts = list(
        Cohort.objects.filter(pk__in=public.values("cohort_id"))
        .order_by("-year", "track", "number")
        .values_list("slug", "name", "year")
    )
    themes = (
        Theme.objects.filter(pk__in=public.values("themes"))
        .order_by("name")
        .values_list("slug", "name")
    )
    skills = (
        Skill.objects.filter(pk__in=public.values("skills"))
        .order_by("name")
        .values_list("code", "name")
    )
    return ChallengeFilterChoices(
        cohorts=[Choice(slug, name) for slug, name, _year in cohorts],
        years=[
            Choice(str(year), str(year))
            for year in sorted({year for _slug, _name, year in cohorts}, reverse=True)
        ],
        administrations=[
            Choice(str(node.id), "\u2003" * node.depth + node.label)
            for node in administration_public_tree()
        ],
        themes=[Choice(slug, name) for slug, name in themes],
        skills=[Choice(code, name) for code, name in skills],
        statuses=[Choice(status.value, status.label) for status in PUBLIC_STATUSES],
    )


def challenge_public_teams(*, challenges: list[Challenge]) -> dict[int, list[PublicTeamRole]]:
    """Each challenge's team by role (fellows with their profile in the challenge's promotion,
    mentors, sponsor): people who consented by name, the others only counted.

    Two queries of plain rows, whatever the number of challenges.
    """
    from cohorts.selectors import fellowship_profiles_by_person_and_cohort

    rows = list(
        TeamMembership.objects.filter(challenge_id__in=[c.pk for c in challenges])
        .order_by("person__full_name", "pk")
        .values_list(
            "challenge_id",
            "role",
            "person_id",
            "person__full_name",
            "person__slug",
            "person__public_consent",
        )
    )
    profiles = fellowship_profiles_by_person_and_cohort(
        person_ids=sorted(
            {row[2] for row in rows if row[1] == TeamRole.FELLOW and row[5]},
        ),
        cohort_ids=sorted({c.cohort_id for c in challenges}),
    )
    by_challenge_and_role: dict[tuple[int, str], list[tuple]] = defaultdict(list)
    for row in rows:
        by_challenge_and_role[(row[0], row[1])].append(row)
    labels = {role.value: str(role.label) for role in TeamRole}
    teams = {}
    for challenge in challenges:
        team = []
        for role in TeamRole:
            in_role = by_challenge_and_role[(challenge.pk, role.value)]
            members = [
                PublicMember(
                    full_name=full_name,
                    slug=slug,
                    profile=profiles.get((person_id, challenge.cohort_id), "")
                    if role == TeamRole.FELLOW
                    else "",
                )
                for _challenge, _role, person_id, full_name, slug, consented in in_role
                if consented
            ]
            team.append(
                PublicTeamRole(
                    role=role.value,
                    label=labels[role.value],
                    members=members,
                    hidden_count=len(in_role) - len(members),
                )
            )
        teams[challenge.pk] = team
    return teams


def challenge_public_detail(*, cohort_slug: str, slug: str) -> ChallengeDetail | None:
    """A public challenge with everything its page shows, or None.

    One query per kind of record shown (host administrations and those above them, themes,
    skills, key figures, links, team, public objectives and their values), each a plain query
    of the challenge's own records.
    """
    challenge = (
        challenge_public_queryset()
        .filter(cohort__slug=cohort_slug, slug=slug)
        .select_related("cohort")
        .first()
    )
    if challenge is None:
        return None
    links = list(challenge.links.order_by("position", "pk"))
    return ChallengeDetail(
        challenge=challenge,
        administration_lineages=administration_lineages(
            administrations=list(challenge.administrations.all())
        ),
        themes=list(challenge.themes.values_list("name", flat=True)),
        skills=list(challenge.skills.values_list("name", flat=True)),
        team=challenge_public_teams(challenges=[challenge])[challenge.pk],
        key_figures=list(challenge.key_figures.order_by("position", "pk")),
        link_groups=[
            LinkGroup(
                kind=kind.value,
                label=str(kind.label),
                links=[link for link in links if link.kind == kind],
            )
            for kind in LinkKind
            if any(link.kind == kind for link in links)
        ],
        objectives=challenge_objective_series(challenge=challenge, public_only=True),
    )


def challenge_public_list_for_person(*, person_id: int) -> list[PersonChallenge]:
    """The public challenges a person took part in, with the person's roles in each."""
    memberships = (
        TeamMembership.objects.filter(
            person_id=person_id, challenge__in=challenge_public_queryset()
        )
        .select_related("challenge__cohort")
        .order_by(
            *(
                f"-challenge__{name[1:]}" if name.startswith("-") else f"challenge__{name}"
                for name in PUBLIC_ORDERING
            ),
            "role",
        )
    )
    by_challenge: dict[int, PersonChallenge] = {}
    for membership in memberships:
        entry = by_challenge.setdefault(
            membership.challenge_id, PersonChallenge(challenge=membership.challenge, roles=[])
        )
        entry.roles.append(str(membership.get_role_display()))
    return list(by_challenge.values())


def challenge_mentor_user_ids(*, challenge_ids: Iterable[int]) -> dict[int, set[int]]:
    """The user accounts of each challenge's mentors (mentors whose person has an account),
    for the challenges among ``challenge_ids``; a challenge without any is absent."""
    mentors: dict[int, set[int]] = defaultdict(set)
    rows = TeamMembership.objects.filter(
        challenge_id__in=list(challenge_ids), role=TeamRole.MENTOR, person__user__isnull=False
    ).values_list("challenge_id", "person__user_id")
    for challenge_id, user_id in rows:
        mentors[challenge_id].add(user_id)
    return dict(mentors)
