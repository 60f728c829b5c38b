"""The frames the indicators are computed from: their columns (``SCHEMAS``), the records read
once by :func:`indicator_data_load`, with a fixed number of queries whatever the number of
cohorts, through the other apps' selectors."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext_lazy

from alumni import selectors as alumni_selectors
from cohorts import selectors as cohort_selectors
from projects import selectors as project_selectors
from selection import selectors as selection_selectors

if TYPE_CHECKING:
    import pandas as pd

# --- Frames ----------------------------------------------------------------------------------

# Column kinds of each frame, so that an empty frame has the same columns and types as a full one.
SCHEMAS: dict[str, dict[str, str]] = {
    "cohorts": {
        "id": "int",
        "name": "str",
        "slug": "str",
        "track": "str",
        "number": "int",
        "year": "int",
        "start_date": "date",
        "end_date": "date",
    },
    "challenges": {
        "id": "int",
        "cohort_id": "int",
        "title": "str",
        "slug": "str",
        "summary": "str",
        "status": "str",
        "is_published": "bool",
        "outcome": "str",
        "posts": "int",
        "town": "str",
    },
    "challenge_administrations": {"challenge_id": "int", "administration_id": "int"},
    "administrations": {
        "id": "int",
        "name": "str",
        "acronym": "str",
        "kind": "str",
        "parent_id": "int",
    },
    "fellowships": {"id": "int", "person_id": "int", "cohort_id": "int", "profile": "str"},
    "memberships": {
        "challenge_id": "int",
        "person_id": "int",
        "role": "str",
        "full_name": "str",
        "public_consent": "bool",
    },
    "key_figures": {
        "id": "int",
        "challenge_id": "int",
        "amount": "raw",
        "prefix": "str",
        "suffix": "str",
        "description": "str",
        "position": "int",
    },
    "positions": {"id": "int", "person_id": "int", "sector": "str", "start": "date", "end": "date"},
    # Every objective of every challenge (public or not: the report is for the program's staff),
    # and their values, without comment nor author.
    "objectives": {
        "id": "int",
        "challenge_id": "int",
        "name": "str",
        "unit": "str",
        "baseline": "raw",
        "target": "raw",
        "source": "str",
        "is_public": "bool",
        "order": "int",
    },
    "objective_values": {"objective_id": "int", "measured_on": "raw", "value": "raw"},
    # Proposals to the calls for challenges (drafts included; the indicators leave them out).
    "proposals": {
        "id": "int",
        "cohort_id": "int",
        "status": "str",
        "challenge_id": "int",
        "posts": "int",
        "has_cofunding": "bool",
        # Euros, NaN when not given.
        "administration_funding_amount": "float",
        "program_funding_amount": "float",
    },
    # Submitted applications only.
    "applications": {"id": "int", "cohort_id": "int", "profile": "str"},
    # One row per submitted application, with the optional gender and age band ("" when not
    # given); no application id, so that no row can be linked back to a candidate.
    "equality_statistics": {"cohort_id": "int", "gender": "str", "age_band": "str"},
    "events": {"id": "int", "cohort_id": "int", "kind": "str"},
    # Recorded attendances (present, absent, excused), without the person.
    "attendances": {"event_id": "int", "status": "str"},
    "survey_invitations": {"id": "int", "cohort_id": "int", "responded": "bool"},
    # A scored answer keeps no link to its invitation nor to its person (anonymous surveys): only
    # the cohort the survey was sent to, the question, its scale (5 or 10) and the score.
    "survey_scores": {"cohort_id": "int", "question": "str", "scale": "int", "score": "float"},
}


def frame_from_rows(rows: list[dict[str, Any]], *, schema: str) -> pd.DataFrame:
    """A DataFrame of ``rows`` with the columns and types of ``SCHEMAS[schema]``."""
    import pandas as pd

    kinds = SCHEMAS[schema]
    frame = pd.DataFrame.from_records(rows, columns=list(kinds))
    for column, kind in kinds.items():
        if kind == "int":
            frame[column] = frame[column].astype("Int64")
        elif kind == "float":
            frame[column] = frame[column].astype("Float64")
        elif kind == "bool":
            frame[column] = frame[column].astype("boolean")
        elif kind == "date":
            frame[column] = pd.to_datetime(frame[column]).astype("datetime64[s]")
        elif kind == "str":
            frame[column] = frame[column].astype(object).fillna("").astype(str)
    return frame


@dataclass(frozen=True)
class IndicatorData:
    """The records indicators are computed from, read at ``read_at``.

    A source left to ``None`` is one not given (a frame built by hand, in tests): its indicators
    say so.
    """

    read_at: datetime.datetime
    cohorts: pd.DataFrame
    challenges: pd.DataFrame
    challenge_administrations: pd.DataFrame
    administrations: pd.DataFrame
    fellowships: pd.DataFrame
    memberships: pd.DataFrame
    key_figures: pd.DataFrame
    positions: pd.DataFrame
    proposals: pd.DataFrame | None = None
    equality_statistics: pd.DataFrame | None = None
    applications: pd.DataFrame | None = None
    events: pd.DataFrame | None = None
    attendances: pd.DataFrame | None = None
    survey_invitations: pd.DataFrame | None = None
    survey_scores: pd.DataFrame | None = None
    objectives: pd.DataFrame | None = None
    objective_values: pd.DataFrame | None = None

    @property
    def unrecorded_sources(self) -> list[str]:
        """The sources not given (left to ``None``), in words, for the report's methodology."""
        return [
            str(label)
            for label, frames in UNRECORDED_SOURCE_LABELS
            if any(getattr(self, name) is None for name in frames)
        ]


def indicator_data_load() -> IndicatorData:
    """Read every record the indicators need: eighteen queries, whatever the number of cohorts."""
    read_at = timezone.now()
    return IndicatorData(
        read_at=read_at,
        cohorts=frame_from_rows(cohort_selectors.cohort_rows_list(), schema="cohorts"),
        challenges=frame_from_rows(project_selectors.challenge_rows_list(), schema="challenges"),
        challenge_administrations=frame_from_rows(
            project_selectors.challenge_administration_rows_list(),
            schema="challenge_administrations",
        ),
        administrations=frame_from_rows(
            project_selectors.administration_rows_list(), schema="administrations"
        ),
        fellowships=frame_from_rows(cohort_selectors.fellowship_rows_list(), schema="fellowships"),
        memberships=frame_from_rows(
            project_selectors.team_membership_rows_list(), schema="memberships"
        ),
        key_figures=frame_from_rows(project_selectors.key_figure_rows_list(), schema="key_figures"),
        positions=frame_from_rows(alumni_selectors.position_rows_list(), schema="positions"),
        proposals=frame_from_rows(
            project_selectors.challenge_proposal_rows_list(), schema="proposals"
        ),
        applications=frame_from_rows(
            selection_selectors.application_rows_list(), schema="applications"
        ),
        equality_statistics=frame_from_rows(
            selection_selectors.equality_statistics_rows_list(), schema="equality_statistics"
        ),
        events=frame_from_rows(cohort_selectors.event_rows_list(), schema="events"),
        attendances=frame_from_rows(cohort_selectors.attendance_rows_list(), schema="attendances"),
        survey_invitations=frame_from_rows(
            alumni_selectors.survey_invitation_rows_list(), schema="survey_invitations"
        ),
        survey_scores=frame_from_rows(
            alumni_selectors.survey_score_rows_list(), schema="survey_scores"
        ),
        objectives=frame_from_rows(project_selectors.objective_rows_list(), schema="objectives"),
        objective_values=frame_from_rows(
            project_selectors.objective_value_rows_list(), schema="objective_values"
        ),
    )


# Sources not given to the computation (their IndicatorData field is None), in the words of
# the report's methodology.
UNRECORDED_SOURCE_LABELS = [
    (gettext_lazy("les propositions de l'appel à défis"), ("proposals",)),
    (gettext_lazy("les candidatures"), ("applications",)),
    (gettext_lazy("les statistiques d'égalité des candidatures"), ("equality_statistics",)),
    (gettext_lazy("les événements et les présences"), ("events", "attendances")),
    (gettext_lazy("les enquêtes de suivi"), ("survey_invitations", "survey_scores")),
    (gettext_lazy("les objectifs des défis"), ("objectives", "objective_values")),
]
