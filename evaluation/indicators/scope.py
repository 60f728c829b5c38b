"""The frames restricted to a report's scope, and the small helpers every family uses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

from evaluation.indicators.data import IndicatorData
from evaluation.indicators.results import Breakdown, Indicator
from evaluation.indicators.specs import NOT_RECORDED, SPECS
from projects.models import ChallengeStatus, Outcome, ProposalStatus

if TYPE_CHECKING:
    import pandas as pd

PROPOSED_STATUSES = [s.value for s in ChallengeStatus if s != ChallengeStatus.DRAFT]
SELECTED_STATUSES = [
    ChallengeStatus.SELECTED.value,
    ChallengeStatus.IN_PROGRESS.value,
    ChallengeStatus.COMPLETED.value,
]
UNDECIDED_OR_REJECTED = [ChallengeStatus.SUBMITTED.value, ChallengeStatus.REJECTED.value]
CONTINUED_OUTCOMES = [Outcome.CONTINUED.value, Outcome.EXTENDED.value, Outcome.REPLICATED.value]
TOP_STRUCTURES_SHOWN = 10


def _family_not_recorded(family: str, *notes: str) -> list[Indicator]:
    """Every indicator of ``family``, whose source is not given, saying so."""
    missing = _join(str(NOT_RECORDED[family]), *notes)
    return [spec.not_recorded(missing) for spec in SPECS.values() if spec.family == family]


# --- Computation -----------------------------------------------------------------------------


def _names(names: list[str]) -> str:
    return ", ".join(names)


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _mean(values: pd.Series) -> float | None:
    return round(float(values.mean()), 1) if len(values) else None


def _counted(count: int, text: Promise, **values: Any) -> str:
    """``text`` (a plural form chosen by ``%(n)d``) for ``count``, or nothing when it is 0."""
    return text % {"n": count, **values} if count else ""


def _choice_breakdown(
    counts: pd.Series, labels: dict[str, str], *, title: str, chart_id: str
) -> Breakdown:
    """``counts`` indexed by the values of ``labels`` (a choice's label by value, from the owning
    app's selector), in the choices' order, zeros left out."""
    present = [value for value in labels if counts.get(value, 0)]
    return Breakdown(
        title=title,
        labels=[labels[value] for value in present],
        values=[float(counts[value]) for value in present],
        chart_id=chart_id,
    )


class _Scope:
    """The frames restricted to the report's scope, with per-cohort helpers."""

    def __init__(self, data: IndicatorData, cohort_id: int | None):
        self.data = data
        cohorts = data.cohorts
        if cohort_id is not None:
            cohorts = cohorts[cohorts["id"] == cohort_id]
        self.cohorts = cohorts
        ids = cohorts["id"]
        self.challenges = data.challenges[data.challenges["cohort_id"].isin(ids)]
        self.proposed = _proposed_frame(data, self.challenges, ids)
        self.selected = self.challenges[self.challenges["status"].isin(SELECTED_STATUSES)]
        self.fellowships = data.fellowships[data.fellowships["cohort_id"].isin(ids)]
        self.key_figures = data.key_figures[
            data.key_figures["challenge_id"].isin(self.selected["id"])
        ]

    def in_scope(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The rows of ``frame`` (with a ``cohort_id`` column) of the scope's cohorts."""
        return frame[frame["cohort_id"].isin(self.cohorts["id"])]

    def per_cohort(
        self,
        values: pd.Series,
        *,
        title: str,
        unit: str = "",
        chart_id: str,
        unknown_as_zero: bool = True,
    ) -> Breakdown:
        """``values`` indexed by cohort id, as a breakdown over the scope's cohorts. A cohort
        absent from ``values`` counts 0, or is left out when ``unknown_as_zero`` is false (a
        share over nobody is unknown, not zero)."""
        import pandas as pd

        aligned = values.reindex(self.cohorts["id"].to_numpy())
        pairs = [
            (name, None if pd.isna(value) else float(value))
            for name, value in zip(self.cohorts["name"], aligned, strict=True)
        ]
        if unknown_as_zero:
            pairs = [(name, value or 0.0) for name, value in pairs]
        else:
            pairs = [(name, value) for name, value in pairs if value is not None]
        return Breakdown(
            title=title,
            labels=[name for name, _v in pairs],
            values=[value for _n, value in pairs],
            unit=unit,
            chart_id=chart_id,
        )

    def cohort_names(self, ids) -> list[str]:
        wanted = set(ids)
        return [
            name
            for cid, name in zip(self.cohorts["id"], self.cohorts["name"], strict=True)
            if cid in wanted
        ]


def _proposed_frame(data: IndicatorData, challenges: pd.DataFrame, cohort_ids) -> pd.DataFrame:
    """One row per proposed challenge (``cohort_id``, ``status`` in the challenges' words): the
    non-draft proposals of the calls for challenges, plus the challenges recorded without a
    proposal. A selected proposal takes the status of the challenge it became."""
    import pandas as pd

    from_challenges = challenges[challenges["status"].isin(PROPOSED_STATUSES)]
    if data.proposals is None:
        return from_challenges[["cohort_id", "status"]].assign(from_call=False)
    proposals = data.proposals[
        data.proposals["cohort_id"].isin(cohort_ids)
        & (data.proposals["status"] != ProposalStatus.DRAFT.value)
    ]
    from_challenges = from_challenges[
        ~from_challenges["id"].isin(data.proposals["challenge_id"].dropna())
    ]
    became = proposals["challenge_id"].map(challenges.set_index("id")["status"])
    status = became.where(
        (proposals["status"] == ProposalStatus.SELECTED.value) & became.isin(SELECTED_STATUSES),
        proposals["status"],
    )
    return pd.concat(
        [
            from_challenges[["cohort_id", "status"]].assign(from_call=False),
            pd.DataFrame(
                {
                    "cohort_id": proposals["cohort_id"],
                    "status": status.astype(str),
                    "from_call": True,
                }
            ),
        ],
        ignore_index=True,
    )
