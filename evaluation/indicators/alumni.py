"""Alumni: the sector held one year after the cohort's end."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from alumni import selectors as alumni_selectors
from alumni.models import Sector
from evaluation.indicators.data import IndicatorData
from evaluation.indicators.results import Indicator
from evaluation.indicators.scope import _choice_breakdown, _counted, _join, _names, _Scope, _share
from evaluation.indicators.specs import SPECS

if TYPE_CHECKING:
    import pandas as pd


def alumni_sector_frame(*, data: IndicatorData, fellowships: pd.DataFrame) -> pd.DataFrame:
    """One row per fellowship: the date one year after its cohort's end, whether that date is
    past, whether the end was estimated, and the sector held at that date (or empty)."""
    import pandas as pd

    cohorts = data.cohorts[["id", "year", "end_date"]].rename(columns={"id": "cohort_id"})
    frame = fellowships[["id", "person_id", "cohort_id"]].merge(cohorts, on="cohort_id")
    year_end = pd.to_datetime(frame["year"].astype("Int64").astype(str) + "-12-31", errors="coerce")
    estimated = frame["end_date"].isna()
    end = (
        frame["end_date"]
        .astype("datetime64[s]")
        .where(~estimated, year_end.astype("datetime64[s]"))
    )
    frame = frame.assign(estimated=estimated, reference=end + pd.DateOffset(years=1))
    today = pd.Timestamp(timezone.localdate(data.read_at))
    frame = frame.assign(matured=frame["reference"] <= today)

    positions = data.positions.merge(
        frame[["id", "person_id", "reference"]], on="person_id", suffixes=("_position", "")
    )
    held = positions[
        (positions["start"] <= positions["reference"])
        & (positions["end"].isna() | (positions["end"] >= positions["reference"]))
    ]
    # A fellowship counts as public if any position held at that date is public; otherwise the
    # sector of the position started last.
    held = held.assign(is_public=held["sector"] == Sector.PUBLIC.value)
    held = held.sort_values(["id", "is_public", "start"], ascending=[True, False, False])
    sector = held.drop_duplicates("id").set_index("id")["sector"]
    return frame.assign(sector=frame["id"].map(sector).astype(object).fillna("").astype(str))


def _alumni_indicators(scope: _Scope) -> list[Indicator]:
    frame = alumni_sector_frame(data=scope.data, fellowships=scope.fellowships)
    matured = frame[frame["matured"]]
    known = matured[matured["sector"] != ""]
    public = known[known["sector"] == Sector.PUBLIC.value]
    estimated = scope.cohort_names(frame.loc[frame["estimated"], "cohort_id"].unique())
    notes = _join(
        _("Aucun parcours d'EIG n'est enregistré.") if frame.empty else "",
        _counted(
            int((~frame["matured"]).sum()),
            ngettext_lazy(
                "%(n)d parcours n'a pas encore un an de recul.",
                "%(n)d parcours n'ont pas encore un an de recul.",
                "n",
            ),
        ),
        _counted(
            len(matured) - len(known),
            ngettext_lazy(
                "Aucun poste n'est enregistré un an après la promotion pour %(n)d parcours.",
                "Aucun poste n'est enregistré un an après la promotion pour %(n)d parcours.",
                "n",
            ),
        ),
        _(
            "Date de fin non renseignée pour %(cohorts)s : le 31 décembre de "
            "l'année de la promotion est retenu."
        )
        % {"cohorts": _names(estimated)}
        if estimated
        else "",
    )
    per_cohort_known = known.groupby("cohort_id").size()
    per_cohort_public = public.groupby("cohort_id").size()
    shares = (
        100 * per_cohort_public.reindex(per_cohort_known.index, fill_value=0) / per_cohort_known
    ).round(1)
    return [
        SPECS["alumni_public_sector_one_year"].measured(
            n=len(known),
            value=_share(len(public), len(known)),
            missing=notes,
            breakdowns=(
                scope.per_cohort(
                    shares,
                    title=_("Part dans le secteur public à un an, par promotion"),
                    unit="%",
                    chart_id="chart-alumni-cohort",
                    unknown_as_zero=False,
                ),
                _choice_breakdown(
                    known.groupby("sector").size(),
                    alumni_selectors.sector_labels(),
                    title=_("Secteur du poste occupé un an après la promotion"),
                    chart_id="chart-alumni-sector",
                ),
            ),
        )
    ]
