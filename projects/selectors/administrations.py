"""Reads on the administrations' hierarchy (ministry → directorate → service): its one climb,
the public tree of the hosting administrations and each one's line from the top."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from projects.models import Administration, Challenge
from projects.selectors.public import challenge_public_queryset


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


def administration_ancestry(*, administration_id: int, parents: dict[int, int | None]) -> list[int]:
    """The administration's id, then its parent's, and so on up to the top of its hierarchy (a
    ministry, or an administration attached to none): the one climb of the hierarchy, from a
    service up to its directorate and its ministry. A loop in ``parents`` stops the climb before
    an id comes back."""
    line, current = [administration_id], parents.get(administration_id)
    while current is not None and current not in line:
        line.append(current)
        current = parents.get(current)
    return line


def administration_root_id(*, administration_id: int, parents: dict[int, int | None]) -> int:
    """The top of the administration's hierarchy (its ministry, or itself)."""
    return administration_ancestry(administration_id=administration_id, parents=parents)[-1]


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
    parents = {pk: row[3] for pk, row in rows.items()}
    shown = set()
    for administration_id in hosting:
        shown.update(administration_ancestry(administration_id=administration_id, parents=parents))
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


def administration_lineages(*, administrations: list[Administration]) -> list[list[Administration]]:
    """For each administration, the line from the top of its hierarchy down to itself; one
    query per level of hierarchy above the given administrations."""
    known = {a.pk: a for a in administrations}
    missing = {a.parent_id for a in administrations if a.parent_id} - known.keys()
    while missing:
        fetched = list(Administration.objects.filter(pk__in=missing))
        known.update((a.pk, a) for a in fetched)
        missing = {a.parent_id for a in fetched if a.parent_id} - known.keys()
    parents = {pk: a.parent_id for pk, a in known.items()}
    return [
        [
            known[pk]
            for pk in reversed(
                administration_ancestry(administration_id=administration.pk, parents=parents)
            )
            if pk in known
        ]
        for administration in administrations
    ]
