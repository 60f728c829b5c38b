"""Every indicator over the whole program or one cohort, and the cohort-to-cohort comparison,
computed from the frames only."""

from __future__ import annotations

from django.utils.translation import gettext as _

from alumni.models import Sector
from cohorts.events import AttendanceStatus
from evaluation.indicators.alumni import _alumni_indicators, alumni_sector_frame
from evaluation.indicators.challenges import (
    _challenge_indicators,
    _host_links,
    _key_figure_indicators,
    _outcome_indicators,
    _structure_indicators,
)
from evaluation.indicators.data import IndicatorData
from evaluation.indicators.objectives import _objective_indicators
from evaluation.indicators.people import _fellow_indicators
from evaluation.indicators.program_life import _event_indicators
from evaluation.indicators.results import Comparison, Family, IndicatorResults
from evaluation.indicators.scope import CONTINUED_OUTCOMES, _Scope
from evaluation.indicators.selection import _application_indicators
from evaluation.indicators.specs import FAMILIES
from evaluation.indicators.surveys import _survey_indicators
from projects.models import ChallengeStatus, Outcome


def _comparison(data: IndicatorData, *, highlighted: str) -> Comparison:
    """Per cohort, over all cohorts: one groupby per column, whatever the number of cohorts."""
    everything = _Scope(data, None)
    ids = data.cohorts["id"].to_numpy()
    selected = everything.selected
    links = _host_links(data, selected)
    figures = everything.key_figures.merge(
        selected[["id", "cohort_id"]], left_on="challenge_id", right_on="id"
    )
    finished = everything.challenges[
        everything.challenges["status"] == ChallengeStatus.COMPLETED.value
    ]
    finished_known = finished[finished["outcome"] != Outcome.UNKNOWN.value]
    alumni = alumni_sector_frame(data=data, fellowships=data.fellowships)
    alumni_known = alumni[alumni["matured"] & (alumni["sector"] != "")]

    def share(part, whole):
        whole = whole.reindex(ids)
        part = part.reindex(ids, fill_value=0)
        return [
            None if not w or w != w else round(100 * p / w, 1)
            for p, w in zip(part, whole, strict=True)
        ]

    def counts(series):
        return [int(v) for v in series.reindex(ids, fill_value=0)]

    columns = [
        (_("Défis retenus"), "", counts(selected.groupby("cohort_id").size())),
        (
            _("Structures de premier niveau"),
            "",
            counts(links.groupby("cohort_id")["root_id"].nunique()),
        ),
        (
            _("Structures et services"),
            "",
            counts(links.groupby("cohort_id")["administration_id"].nunique()),
        ),
        (_("EIG"), "", counts(data.fellowships.groupby("cohort_id").size())),
        (_("Chiffres clés"), "", counts(figures.groupby("cohort_id").size())),
        (
            _("Défis poursuivis"),
            "%",
            share(
                finished_known[finished_known["outcome"].isin(CONTINUED_OUTCOMES)]
                .groupby("cohort_id")
                .size(),
                finished_known.groupby("cohort_id").size(),
            ),
        ),
        (
            _("Alumni dans le public à un an"),
            "%",
            share(
                alumni_known[alumni_known["sector"] == Sector.PUBLIC.value]
                .groupby("cohort_id")
                .size(),
                alumni_known.groupby("cohort_id").size(),
            ),
        ),
    ]
    if data.applications is not None:
        applications = data.applications.groupby("cohort_id").size()
        columns.append((_("Candidatures"), "", counts(applications)))
    if data.events is not None and data.attendances is not None:
        recorded = data.attendances.merge(
            data.events[["id", "cohort_id"]], left_on="event_id", right_on="id"
        )
        present = recorded[recorded["status"] == AttendanceStatus.PRESENT.value]
        columns.append(
            (
                _("Taux de présence"),
                "%",
                share(present.groupby("cohort_id").size(), recorded.groupby("cohort_id").size()),
            )
        )
    if data.survey_invitations is not None:
        invitations = data.survey_invitations
        answered = invitations[invitations["responded"].fillna(False)]
        columns.append(
            (
                _("Taux de réponse aux enquêtes"),
                "%",
                share(
                    answered.groupby("cohort_id").size(), invitations.groupby("cohort_id").size()
                ),
            )
        )
    rows = [
        (name, [column[2][index] for column in columns])
        for index, name in enumerate(data.cohorts["name"])
    ]
    return Comparison(
        columns=[c[0] for c in columns],
        units=[c[1] for c in columns],
        rows=rows,
        highlighted=highlighted,
    )


def indicators_compute(*, data: IndicatorData, cohort_id: int | None = None) -> IndicatorResults:
    """Every indicator over the whole program, or over one cohort, from ``data``."""
    scope = _Scope(data, cohort_id)
    cohort = None
    if cohort_id is not None:
        if scope.cohorts.empty:
            raise ValueError(f"No cohort {cohort_id} in the data.")
        cohort = scope.cohorts.iloc[0].to_dict()
    computed = (
        _challenge_indicators(scope)
        + _structure_indicators(scope)
        + _fellow_indicators(scope)
        + _application_indicators(scope)
        + _event_indicators(scope)
        + _survey_indicators(scope)
        + _alumni_indicators(scope)
        + _outcome_indicators(scope)
        + _key_figure_indicators(scope)
        + _objective_indicators(scope)
    )
    families = [
        Family(key=key, title=str(title), indicators=[i for i in computed if i.family == key])
        for key, title in FAMILIES.items()
    ]
    return IndicatorResults(
        read_at=data.read_at,
        scope_label=(
            _("Promotion %(name)s") % {"name": cohort["name"]}
            if cohort
            else _("Ensemble du programme")
        ),
        cohort=cohort,
        families=families,
        comparison=_comparison(data, highlighted=cohort["name"] if cohort else ""),
        data=data,
    )
