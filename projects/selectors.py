"""Reads on administrations, challenges, teams and key figures, for the other apps."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet

from cohorts.models import Cohort
from projects.models import (
    Administration,
    Challenge,
    ChallengeLink,
    ChallengeProposal,
    ChallengeStatus,
    KeyFigure,
    LinkKind,
    ProposalStatus,
    ReviewRound,
    ReviewScore,
    Skill,
    TeamMembership,
    TeamRole,
    Theme,
)

# --- Plain rows for the evaluation indicators (one query each, whatever the number of cohorts) --

ADMINISTRATION_ROW_FIELDS = ("id", "name", "acronym", "kind", "parent_id")
CHALLENGE_ROW_FIELDS = (
    "id",
    "cohort_id",
    "title",
    "slug",
    "summary",
    "status",
    "is_published",
    "outcome",
    "posts",
    "town",
)
KEY_FIGURE_ROW_FIELDS = (
    "id",
    "challenge_id",
    "amount",
    "prefix",
    "suffix",
    "description",
    "position",
)


def administration_rows_list() -> list[dict[str, Any]]:
    """Every administration as a plain row; ``parent_id`` gives the hierarchy."""
    return list(Administration.objects.order_by("id").values(*ADMINISTRATION_ROW_FIELDS))


def challenge_rows_list() -> list[dict[str, Any]]:
    """Every challenge, whatever its status, as a plain row."""
    return list(Challenge.objects.order_by("id").values(*CHALLENGE_ROW_FIELDS))


def challenge_administration_rows_list() -> list[dict[str, Any]]:
    """Every link between a challenge and one of its host administrations."""
    through = Challenge.administrations.through
    return list(through.objects.order_by("id").values("challenge_id", "administration_id"))


def team_membership_rows_list() -> list[dict[str, Any]]:
    """Every team membership, with the person's name and whether the person consented to
    appear publicly."""
    return list(
        TeamMembership.objects.order_by("challenge_id", "role", "person__full_name").values(
            "challenge_id",
            "person_id",
            "role",
            full_name=F("person__full_name"),
            public_consent=F("person__public_consent"),
        )
    )


def key_figure_rows_list() -> list[dict[str, Any]]:
    """Every key figure of every challenge, in each challenge's order."""
    return list(
        KeyFigure.objects.order_by("challenge_id", "position", "id").values(*KEY_FIGURE_ROW_FIELDS)
    )


# --- The public site: published challenges only, people named only with their consent ---------

# A challenge is public when the program team published it and it went past selection: a draft,
# a proposal under review or a rejected proposal never shows, even if ticked as published.
PUBLIC_STATUSES = (ChallengeStatus.SELECTED, ChallengeStatus.IN_PROGRESS, ChallengeStatus.COMPLETED)
PUBLIC_ORDERING = ("-cohort__year", "cohort__track", "cohort__number", "title", "pk")


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

    @property
    def has_team(self) -> bool:
        return any(not role.is_empty for role in self.team)


@dataclass(frozen=True)
class PersonChallenge:
    challenge: Challenge
    roles: list[str]


def challenge_public_queryset() -> QuerySet[Challenge]:
    """Every challenge the public may see, unordered and without related records."""
    return Challenge.objects.filter(is_published=True, status__in=PUBLIC_STATUSES)


def administration_parents_map() -> dict[int, int | None]:
    """Every administration's parent, in one query: the hierarchy, ready to walk."""
    return dict(Administration.objects.values_list("id", "parent_id"))


def administration_descendant_ids(
    *, administration_id: int, parents: dict[int, int | None] | None = None
) -> set[int]:
    """The administration and every administration under it (directions, services…)."""
    parents = administration_parents_map() if parents is None else parents
    children: dict[int | None, list[int]] = defaultdict(list)
    for child, parent in parents.items():
        children[parent].append(child)
    found, queue = set(), [administration_id]
    while queue:
        current = queue.pop()
        if current not in found:
            found.add(current)
            queue.extend(children.get(current, []))
    return found


def administration_root_id(*, administration_id: int, parents: dict[int, int | None]) -> int:
    """The top of the administration's hierarchy (its ministry, or itself)."""
    current, seen = administration_id, set()
    while parents.get(current) is not None and current not in seen:
        seen.add(current)
        current = parents[current]
    return current


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


def challenge_public_full_list(*, filters: ChallengeFilters | None = None) -> QuerySet[Challenge]:
    """Like ``challenge_public_list``, with each challenge's key figures and links as well."""
    return challenge_public_list(filters=filters).prefetch_related(
        Prefetch("key_figures", KeyFigure.objects.order_by("position", "pk")),
        Prefetch("links", ChallengeLink.objects.order_by("kind", "position", "pk")),
    )


def administration_public_challenge_counts() -> dict[int, int]:
    """How many public challenges each administration hosts itself (not counting those of the
    administrations under it)."""
    through = Challenge.administrations.through
    return dict(
        through.objects.filter(challenge__in=challenge_public_queryset())
        .order_by()
        .values("administration_id")
        .annotate(n=Count("pk"))
        .values_list("administration_id", "n")
    )


@dataclass(frozen=True)
class AdministrationNode:
    """An administration's place in the public hierarchy."""

    id: int
    name: str
    acronym: str
    depth: int

    @property
    def label(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


def administration_public_tree() -> list[AdministrationNode]:
    """Administrations hosting a public challenge, with the administrations above them, in
    hierarchy order: each one followed by those under it, by name. Two queries, plain rows."""
    through = Challenge.administrations.through
    hosting = set(
        through.objects.filter(challenge__in=challenge_public_queryset()).values_list(
            "administration_id", flat=True
        )
    )
    rows = {
        row[0]: row
        for row in Administration.objects.order_by("name", "pk").values_list(
            "id", "name", "acronym", "parent_id"
        )
    }
    shown = set()
    for administration_id in hosting:
        current = administration_id
        while current is not None and current not in shown:
            shown.add(current)
            current = rows[current][3]
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, (_id, _name, _acronym, parent_id) in rows.items():
        if pk in shown:
            children[parent_id if parent_id in shown else None].append(pk)
    ordered: list[AdministrationNode] = []
    placed: set[int] = set()
    stack = [(pk, 0) for pk in reversed(children[None])]
    while stack:
        pk, depth = stack.pop()
        if pk in placed:
            continue
        placed.add(pk)
        ordered.append(
            AdministrationNode(id=pk, name=rows[pk][1], acronym=rows[pk][2], depth=depth)
        )
        stack.extend((child, depth + 1) for child in reversed(children[pk]))
    return ordered


def administration_public_list() -> list[Administration]:
    """The administrations of ``administration_public_tree``, in its order, as records with
    their ``depth`` set."""
    tree = administration_public_tree()
    records = Administration.objects.in_bulk([node.id for node in tree])
    ordered = []
    for node in tree:
        administration = records[node.id]
        administration.depth = node.depth
        ordered.append(administration)
    return ordered


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


def administration_lineages(*, administrations: list[Administration]) -> list[list[Administration]]:
    """For each administration, the line from the top of its hierarchy down to itself; one
    query per level of hierarchy above the given administrations."""
    known = {a.pk: a for a in administrations}
    missing = {a.parent_id for a in administrations if a.parent_id} - known.keys()
    while missing:
        fetched = list(Administration.objects.filter(pk__in=missing))
        known.update((a.pk, a) for a in fetched)
        missing = {a.parent_id for a in fetched if a.parent_id} - known.keys()
    lineages = []
    for administration in administrations:
        line, current = [], administration
        while current is not None and current not in line:
            line.insert(0, current)
            current = known.get(current.parent_id) if current.parent_id else None
        lineages.append(line)
    return lineages


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
    skills, key figures, links, team), each a plain query of the challenge's own records.
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


def challenge_public_count_by_cohort() -> dict[int, int]:
    """How many public challenges each promotion has (promotions without any are absent)."""
    return dict(
        challenge_public_queryset()
        .order_by()
        .values("cohort_id")
        .annotate(count=Count("pk"))
        .values_list("cohort_id", "count")
    )


# --- Key figures of the program, per promotion ---------------------------------------------


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


# --- The jury's ranking -------------------------------------------------------------------------


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
    from core.reviews import ReviewLine, review_ranking
    from projects.models import ReviewAssignment
    from projects.reviews import round_criteria

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


# --- Plain rows for the evaluation indicators: the call for challenges (one query) -----------


def challenge_proposal_rows_list() -> list[dict[str, Any]]:
    """Every proposal made to a call for challenges, drafts included (the indicators leave them
    out), as a plain row: its cohort, status, the challenge it became, its posts, whether it
    states a co-funding (the co-funding text itself is not read) and the amounts, in euros, the
    administration commits and the program is asked for (``None`` when not given)."""
    from django.db.models import BooleanField, Case, When

    return list(
        ChallengeProposal.objects.order_by("id").values(
            "id",
            "cohort_id",
            "status",
            "challenge_id",
            "posts",
            "administration_funding_amount",
            "program_funding_amount",
            has_cofunding=Case(
                When(cofunding="", then=False), default=True, output_field=BooleanField()
            ),
        )
    )
