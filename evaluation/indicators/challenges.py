"""Challenges: proposed and selected, their funding, their host structures, what became of
them and their key figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from evaluation.indicators.data import IndicatorData
from evaluation.indicators.results import Breakdown, Indicator
from evaluation.indicators.scope import (
    CONTINUED_OUTCOMES,
    SELECTED_STATUSES,
    TOP_STRUCTURES_SHOWN,
    UNDECIDED_OR_REJECTED,
    _choice_breakdown,
    _counted,
    _join,
    _names,
    _Scope,
    _share,
)
from evaluation.indicators.specs import NOT_RECORDED, SPECS
from projects import selectors as project_selectors
from projects.models import AdministrationKind, ChallengeStatus, Outcome, ProposalStatus

if TYPE_CHECKING:
    import pandas as pd


def _cofunding_indicator(scope: _Scope) -> Indicator:
    spec = SPECS["challenges_cofunding_declared"]
    proposals = scope.data.proposals
    if proposals is None:
        return spec.not_recorded(str(NOT_RECORDED["proposals"]))
    selected = scope.in_scope(proposals)
    selected = selected[selected["status"] == ProposalStatus.SELECTED.value]
    declared = int(selected["has_cofunding"].fillna(False).sum())
    without_proposal = int((~scope.selected["id"].isin(proposals["challenge_id"].dropna())).sum())
    return spec.measured(
        n=len(selected),
        value=_share(declared, len(selected)),
        missing=_join(
            _("Aucune proposition retenue à l'appel à défis n'est enregistrée.")
            if selected.empty
            else "",
            _counted(
                without_proposal,
                ngettext_lazy(
                    "%(n)d défi retenu a été enregistré sans proposition : son cofinancement "
                    "n'est pas connu.",
                    "%(n)d défis retenus ont été enregistrés sans proposition : leur "
                    "cofinancement n'est pas connu.",
                    "n",
                ),
            ),
        ),
        breakdowns=(
            scope.per_cohort(
                selected.groupby("cohort_id")["has_cofunding"].apply(
                    lambda column: round(100 * float(column.fillna(False).mean()), 1)
                ),
                title=_("Part des propositions retenues avec cofinancement, par promotion"),
                unit="%",
                chart_id="chart-challenges-cofunding",
                unknown_as_zero=False,
            ),
        ),
    )


def _funding_split_indicator(scope: _Scope) -> Indicator:
    """The program's share of the funding of the selected proposals whose two amounts are
    known; the administrations' share is its complement, given as a breakdown."""
    spec = SPECS["challenges_funding_split"]
    proposals = scope.data.proposals
    if proposals is None:
        return spec.not_recorded(str(NOT_RECORDED["proposals"]))
    selected = scope.in_scope(proposals)
    selected = selected[selected["status"] == ProposalStatus.SELECTED.value]
    both = (
        selected["administration_funding_amount"].notna()
        & selected["program_funding_amount"].notna()
    )
    known = selected[both]
    program = float(known["program_funding_amount"].sum())
    administrations = float(known["administration_funding_amount"].sum())
    total = program + administrations
    program_share = round(100 * program / total, 1) if total else None
    without_proposal = int((~scope.selected["id"].isin(proposals["challenge_id"].dropna())).sum())
    breakdowns: tuple[Breakdown, ...] = ()
    if program_share is not None:
        per_cohort = known.groupby("cohort_id")[
            ["program_funding_amount", "administration_funding_amount"]
        ].sum()
        cohort_total = per_cohort.sum(axis=1)
        breakdowns = (
            Breakdown(
                title=_("Répartition du financement des défis retenus"),
                labels=[_("Programme"), _("Administrations")],
                values=[program_share, round(100 - program_share, 1)],
                unit="%",
                chart_id="chart-challenges-funding-split",
            ),
            Breakdown(
                title=_("Montants du financement des défis retenus, en euros"),
                labels=[_("Demandé au programme"), _("Financé par les administrations")],
                values=[round(program, 2), round(administrations, 2)],
                unit="€",
                chart_id="chart-challenges-funding-amounts",
            ),
            scope.per_cohort(
                (
                    100
                    * per_cohort["program_funding_amount"]
                    / cohort_total.where(cohort_total > 0)
                ).round(1),
                title=_("Part du programme dans le financement, par promotion"),
                unit="%",
                chart_id="chart-challenges-funding-split-cohorts",
                unknown_as_zero=False,
            ),
        )
    missing_amounts = len(selected) - len(known)
    return spec.measured(
        n=len(known),
        value=program_share,
        missing=_join(
            _("Aucune proposition retenue à l'appel à défis n'est enregistrée.")
            if selected.empty
            else "",
            _counted(
                missing_amounts,
                ngettext_lazy(
                    "%(n)d proposition retenue sur %(total)d n'a pas ses deux montants "
                    "renseignés : elle est exclue du calcul.",
                    "%(n)d propositions retenues sur %(total)d n'ont pas leurs deux montants "
                    "renseignés : elles sont exclues du calcul.",
                    "n",
                ),
                total=len(selected),
            ),
            _counted(
                without_proposal,
                ngettext_lazy(
                    "%(n)d défi retenu a été enregistré sans proposition : son financement "
                    "n'est pas connu.",
                    "%(n)d défis retenus ont été enregistrés sans proposition : leur "
                    "financement n'est pas connu.",
                    "n",
                ),
            ),
            _(
                "Les montants renseignés valent tous zéro : la répartition ne peut pas être "
                "calculée."
            )
            if len(known) and not total
            else "",
        ),
        breakdowns=breakdowns,
    )


def _challenge_indicators(scope: _Scope) -> list[Indicator]:
    proposed = scope.proposed
    selected = proposed[proposed["status"].isin(SELECTED_STATUSES)]
    # A cohort whose call for challenges is recorded, or whose undecided or rejected proposals
    # are, has all its proposals known.
    complete = set(
        proposed.loc[
            proposed["status"].isin(UNDECIDED_OR_REJECTED) | proposed["from_call"], "cohort_id"
        ]
    )
    partial = scope.cohort_names(set(proposed["cohort_id"]) - complete)
    no_data = _("Aucun défi n'est enregistré.") if proposed.empty else ""
    partial_note = (
        _(
            "Pour %(cohorts)s, seuls les défis retenus sont enregistrés : les propositions non "
            "retenues n'y sont pas connues, le nombre de défis proposés y est un minimum."
        )
        % {"cohorts": _names(partial)}
        if partial
        else ""
    )
    known = proposed[proposed["cohort_id"].isin(list(complete))]
    known_selected = known[known["status"].isin(SELECTED_STATUSES)]
    if not complete:
        rate_missing = _(
            "Aucune promotion n'a ses propositions non retenues enregistrées : le taux de "
            "sélection ne peut pas être calculé."
        )
    elif partial:
        rate_missing = _(
            "Calculé sur les seules promotions dont les propositions non retenues sont "
            "enregistrées ; promotions exclues : %(cohorts)s."
        ) % {"cohorts": _names(partial)}
    else:
        rate_missing = ""
    return [
        SPECS["challenges_proposed"].measured(
            n=len(proposed),
            value=len(proposed),
            missing=no_data or partial_note,
            breakdowns=(
                scope.per_cohort(
                    proposed.groupby("cohort_id").size(),
                    title=_("Défis proposés par promotion"),
                    chart_id="chart-challenges-proposed",
                ),
            ),
        ),
        SPECS["challenges_selected"].measured(
            n=len(proposed),
            value=len(selected),
            missing=no_data,
            breakdowns=(
                scope.per_cohort(
                    selected.groupby("cohort_id").size(),
                    title=_("Défis retenus par promotion"),
                    chart_id="chart-challenges-selected",
                ),
            ),
        ),
        SPECS["challenges_selection_rate"].measured(
            n=len(known),
            value=_share(len(known_selected), len(known)),
            missing=no_data or rate_missing,
        ),
        _cofunding_indicator(scope),
        _funding_split_indicator(scope),
    ]


def _administration_roots(administrations: pd.DataFrame) -> pd.Series:
    """For each administration id, the id of the top of its hierarchy (itself if none), as the
    projects' selectors climb it."""
    import pandas as pd

    ids = [int(pk) for pk in administrations["id"]]
    parents = {
        int(pk): None if pd.isna(parent) else int(parent)
        for pk, parent in zip(administrations["id"], administrations["parent_id"], strict=True)
    }
    roots = [
        project_selectors.administration_root_id(administration_id=pk, parents=parents)
        for pk in ids
    ]
    return pd.Series(roots, index=ids, dtype="Int64")


def _host_links(data: IndicatorData, selected: pd.DataFrame) -> pd.DataFrame:
    """One row per (selected challenge, host administration), with the challenge's cohort and
    the top of the administration's hierarchy (``root_id``)."""
    links = data.challenge_administrations
    links = links[links["challenge_id"].isin(selected["id"])].merge(
        selected[["id", "cohort_id"]], left_on="challenge_id", right_on="id"
    )
    roots = _administration_roots(data.administrations)
    return links.assign(root_id=links["administration_id"].map(roots).astype("Int64"))


def _structure_indicators(scope: _Scope) -> list[Indicator]:
    data, selected = scope.data, scope.selected
    admins = data.administrations
    links = _host_links(data, selected)
    hosts = admins[admins["id"].isin(links["administration_id"])]
    unattached = hosts[
        hosts["parent_id"].isna() & (hosts["kind"] != AdministrationKind.MINISTRY.value)
    ]
    notes = _join(
        _("Aucun défi retenu n'est enregistré.") if selected.empty else "",
        _counted(
            len(set(selected["id"]) - set(links["challenge_id"])),
            ngettext_lazy(
                "%(n)d défi retenu n'a pas d'administration d'accueil renseignée.",
                "%(n)d défis retenus n'ont pas d'administration d'accueil renseignée.",
                "n",
            ),
        ),
    )
    top_notes = _join(
        notes,
        _counted(
            len(unattached),
            ngettext_lazy(
                "%(n)d structure d'accueil, qui n'est pas un ministère, n'a pas de rattachement "
                "renseigné : elle compte comme structure de premier niveau.",
                "%(n)d structures d'accueil, qui ne sont pas des ministères, n'ont pas de "
                "rattachement renseigné : elles comptent comme structures de premier niveau.",
                "n",
            ),
        ),
    )
    names = admins.set_index("id")["name"]
    per_root = (
        links.drop_duplicates(["challenge_id", "root_id"])
        .groupby("root_id")
        .size()
        .sort_values(ascending=False, kind="stable")
        .head(TOP_STRUCTURES_SHOWN)
    )
    top_breakdown = Breakdown(
        title=_("Défis retenus par structure de premier niveau (les %(n)d premières)")
        % {"n": TOP_STRUCTURES_SHOWN},
        labels=[str(names.get(root, "")) for root in per_root.index],
        values=[float(v) for v in per_root],
        chart_id="chart-structures-top-challenges",
    )
    return [
        SPECS["host_structures_top"].measured(
            n=len(hosts),
            value=links["root_id"].nunique(),
            missing=top_notes,
            breakdowns=(
                scope.per_cohort(
                    links.groupby("cohort_id")["root_id"].nunique(),
                    title=_("Structures de premier niveau par promotion"),
                    chart_id="chart-structures-top",
                ),
                top_breakdown,
            ),
        ),
        SPECS["host_structures_all"].measured(
            n=len(selected),
            value=len(hosts),
            missing=notes,
            breakdowns=(
                scope.per_cohort(
                    links.groupby("cohort_id")["administration_id"].nunique(),
                    title=_("Structures et services d'accueil par promotion"),
                    chart_id="chart-structures-all",
                ),
            ),
        ),
    ]


def _outcome_indicators(scope: _Scope) -> list[Indicator]:
    finished = scope.challenges[scope.challenges["status"] == ChallengeStatus.COMPLETED.value]
    known = finished[finished["outcome"] != Outcome.UNKNOWN.value]
    continued = known[known["outcome"].isin(CONTINUED_OUTCOMES)]
    notes = _join(
        _("Aucun défi terminé n'est enregistré.") if finished.empty else "",
        _counted(
            len(finished) - len(known),
            ngettext_lazy(
                "Devenir non renseigné pour %(n)d défi terminé sur %(total)d.",
                "Devenir non renseigné pour %(n)d défis terminés sur %(total)d.",
                "n",
            ),
            total=len(finished),
        ),
    )
    return [
        SPECS["challenges_continued_share"].measured(
            n=len(known),
            value=_share(len(continued), len(known)),
            missing=notes,
            breakdowns=(
                _choice_breakdown(
                    finished.groupby("outcome").size(),
                    project_selectors.challenge_outcome_labels(),
                    title=_("Devenir des défis terminés"),
                    chart_id="chart-outcomes",
                ),
            ),
        )
    ]


def _key_figure_indicators(scope: _Scope) -> list[Indicator]:
    selected, figures = scope.selected, scope.key_figures
    with_figures = figures["challenge_id"].nunique()
    no_data = _("Aucun défi retenu n'est enregistré.") if selected.empty else ""
    figures_by_cohort = (
        figures.merge(selected[["id", "cohort_id"]], left_on="challenge_id", right_on="id")
        .groupby("cohort_id")
        .size()
    )
    return [
        SPECS["key_figures_count"].measured(
            n=len(selected),
            value=len(figures),
            missing=no_data,
            breakdowns=(
                scope.per_cohort(
                    figures_by_cohort,
                    title=_("Chiffres clés par promotion"),
                    chart_id="chart-key-figures",
                ),
            ),
        ),
        SPECS["challenges_with_key_figures_share"].measured(
            n=len(selected),
            value=_share(with_figures, len(selected)),
            missing=no_data
            or _counted(
                len(selected) - with_figures,
                ngettext_lazy(
                    "%(n)d défi retenu n'a publié aucun chiffre clé.",
                    "%(n)d défis retenus n'ont publié aucun chiffre clé.",
                    "n",
                ),
            ),
        ),
    ]
