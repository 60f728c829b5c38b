"""What an import did, told to the programme team."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.records import Outcome

# Kinds of records, in the order the summary lists them.
KINDS = {
    "cohort": gettext_lazy("Promotions"),
    "administration": gettext_lazy("Administrations"),
    "challenge": gettext_lazy("Défis"),
    "link": gettext_lazy("Liens des défis"),
    "key_figure": gettext_lazy("Chiffres clés"),
    "person": gettext_lazy("Personnes"),
    "fellowship": gettext_lazy("Parcours d'EIG"),
    "membership": gettext_lazy("Membres d'équipe"),
}


@dataclass
class ImportReport:
    """Counts per kind and outcome, and the lines the team must read: merges, unplaced records
    and the decisions taken on the way."""

    dry_run: bool = False
    counts: dict[str, Counter] = field(default_factory=lambda: {kind: Counter() for kind in KINDS})
    merges: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=dict)
    # Short lists of names, printed on a few lines rather than one line each.
    names: dict[str, list[str]] = field(default_factory=dict)

    def count(self, kind: str, outcome: Outcome) -> None:
        self.counts[kind][outcome] += 1

    def note(self, topic: str, line: str) -> None:
        self.notes.setdefault(topic, []).append(line)

    def name(self, topic: str, name: str) -> None:
        self.names.setdefault(topic, []).append(name)

    @property
    def changed(self) -> bool:
        return any(
            counter[Outcome.CREATED] or counter[Outcome.UPDATED] for counter in self.counts.values()
        )

    def lines(self) -> list[str]:
        created, updated, unchanged = _("créés"), _("modifiés"), _("inchangés")
        width = max(len(str(label)) for label in KINDS.values())
        lines = [f"{'':<{width}}  {created:>8}  {updated:>8}  {unchanged:>9}"]
        for kind, label in KINDS.items():
            counter = self.counts[kind]
            lines.append(
                f"{label!s:<{width}}  {counter[Outcome.CREATED]:>8}  "
                f"{counter[Outcome.UPDATED]:>8}  {counter[Outcome.UNCHANGED]:>9}"
            )
        sections = [(_("Fusions"), self.merges), (_("Non placés"), self.unplaced)]
        sections += list(self.notes.items())
        for title, items in sections:
            lines.append("")
            lines.append(f"{title} ({len(items)})" + (" :" if items else ""))
            lines += [f"  - {item}" for item in items]
        for title, items in self.names.items():
            lines.append("")
            lines.append(f"{title} ({len(items)}) :")
            lines += _wrap_names(items)
        lines.append("")
        if not self.changed:
            lines.append(_("Aucun changement : la base était déjà à jour."))
        if self.dry_run:
            lines.append(_("Simulation (--dry-run) : rien n'a été enregistré."))
        return lines


def _wrap_names(names: list[str], width: int = 100) -> list[str]:
    """Names separated by commas, on lines of at most ``width`` characters, never cut."""
    lines, line = [], ""
    for index, name in enumerate(names):
        item = name + ("," if index < len(names) - 1 else "")
        if line and len(line) + 1 + len(item) > width:
            lines.append(line)
            line = ""
        line = f"{line} {item}" if line else f"  {item}"
    if line:
        lines.append(line)
    return lines
