"""The program's evaluation indicators, computed with pandas from the apps' records.

One module serves the staff page, the CSV and XLSX exports and the PDF reports, so that they
always say the same thing. Every indicator states its definition, its population (n) and what is
missing to compute it fully; an indicator whose source frame is not given to
:class:`IndicatorData` (``None``) still exists, with n = 0 and the reason.

What each indicator is (title, definition, population, unit) is declared once, in ``SPECS``; the
computations add the value, n, what is missing and the breakdowns. Reading is done once, by
:func:`indicator_data_load`, with a fixed number of queries whatever the number of cohorts;
:func:`indicators_compute` then works on the frames only.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import Promise, cached_property
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from alumni import selectors as alumni_selectors
from alumni.models import Sector
from cohorts import selectors as cohort_selectors
from cohorts.events import AttendanceStatus
from cohorts.models import Profile
from core.charts import bar_chart_svg
from projects import selectors as project_selectors
from projects.models import AdministrationKind, ChallengeStatus, Outcome, ProposalStatus
from selection import selectors as selection_selectors
from selection.models import AgeBand, Gender

if TYPE_CHECKING:
    import pandas as pd

StrOrPromise = str | Promise

PROPOSED_STATUSES = [s.value for s in ChallengeStatus if s != ChallengeStatus.DRAFT]
SELECTED_STATUSES = [
    ChallengeStatus.SELECTED.value,
    ChallengeStatus.IN_PROGRESS.value,
    ChallengeStatus.COMPLETED.value,
]
UNDECIDED_OR_REJECTED = [ChallengeStatus.SUBMITTED.value, ChallengeStatus.REJECTED.value]
CONTINUED_OUTCOMES = [Outcome.CONTINUED.value, Outcome.EXTENDED.value, Outcome.REPLICATED.value]
TOP_STRUCTURES_SHOWN = 10

# Charts are drawn wide enough for long labels (administration names) to stay readable.
CHART_WIDTH = 900

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

    @property
    def unrecorded_sources(self) -> list[str]:
        """The sources not given (left to ``None``), in words, for the report's methodology."""
        return [
            str(label)
            for label, frames in UNRECORDED_SOURCE_LABELS
            if any(getattr(self, name) is None for name in frames)
        ]


def indicator_data_load() -> IndicatorData:
    """Read every record the indicators need: sixteen queries, whatever the number of cohorts."""
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
    )


# --- Results ---------------------------------------------------------------------------------


def number_text(value: float | None, unit: str = "") -> str:
    """A number written the French way (``1 288``, ``45,2 %``), or "non disponible"."""
    if value is None:
        return _("non disponible")
    decimals = 0 if float(value).is_integer() else 1
    text = number_format(
        round(float(value), decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True
    )
    return f"{text}\N{NO-BREAK SPACE}{unit}" if unit else text


@dataclass(frozen=True)
class Breakdown:
    """An indicator's values split by cohort, profile, sector…; drawn as a bar chart."""

    title: str
    labels: list[str]
    values: list[float]
    unit: str = ""
    chart_id: str = ""

    @property
    def rows(self) -> list[tuple[str, str]]:
        return [
            (label, number_text(value, self.unit))
            for label, value in zip(self.labels, self.values, strict=True)
        ]

    @cached_property
    def chart_svg(self) -> SafeString:
        return bar_chart_svg(
            title=self.title,
            labels=self.labels,
            values=self.values,
            unit=self.unit,
            chart_id=self.chart_id,
            width=CHART_WIDTH,
        )


@dataclass(frozen=True)
class Indicator:
    key: str
    family: str
    title: str
    definition: str
    population_label: str
    n: int
    value: float | None
    unit: str = ""
    missing: str = ""
    breakdowns: tuple[Breakdown, ...] = ()

    @property
    def available(self) -> bool:
        return self.value is not None

    @property
    def value_text(self) -> str:
        return number_text(self.value, self.unit)


@dataclass(frozen=True)
class IndicatorSpec:
    """What an indicator is, whatever the data: its name, definition, population and unit."""

    key: str
    family: str
    title: StrOrPromise
    definition: StrOrPromise
    population_label: StrOrPromise
    unit: StrOrPromise = ""

    def measured(
        self,
        *,
        n: int,
        value: float | None,
        missing: str = "",
        breakdowns: tuple[Breakdown, ...] = (),
    ) -> Indicator:
        """The indicator with its value computed over a population of ``n``."""
        return Indicator(
            key=self.key,
            family=self.family,
            title=str(self.title),
            definition=str(self.definition),
            population_label=str(self.population_label),
            n=n,
            value=value,
            unit=str(self.unit),
            missing=missing,
            breakdowns=breakdowns,
        )

    def not_recorded(self, missing: str) -> Indicator:
        """The indicator of a source not given: n = 0, and why."""
        return self.measured(n=0, value=None, missing=missing)


@dataclass(frozen=True)
class Family:
    key: str
    title: str
    indicators: list[Indicator]


@dataclass(frozen=True)
class Comparison:
    """The cohort-to-cohort table: one row per cohort, values or ``None`` when unknown."""

    columns: list[str]
    units: list[str]
    rows: list[tuple[str, list[float | None]]]
    highlighted: str = ""

    @property
    def text_rows(self) -> list[tuple[str, list[str]]]:
        return [
            (
                name,
                [
                    "—" if v is None else number_text(v, unit)
                    for v, unit in zip(values, self.units, strict=True)
                ],
            )
            for name, values in self.rows
        ]


@dataclass(frozen=True)
class IndicatorResults:
    read_at: datetime.datetime
    scope_label: str
    cohort: dict[str, Any] | None
    families: list[Family]
    comparison: Comparison
    data: IndicatorData = field(repr=False)

    @property
    def indicators(self) -> list[Indicator]:
        return [indicator for family in self.families for indicator in family.indicators]

    def get(self, key: str) -> Indicator:
        return next(i for i in self.indicators if i.key == key)

    @property
    def is_empty(self) -> bool:
        return self.data.challenges.empty and self.data.fellowships.empty


FAMILIES = {
    "challenges": gettext_lazy("Défis proposés et retenus"),
    "structures": gettext_lazy("Structures et services d'accueil"),
    "fellows": gettext_lazy("Entrepreneurs et designers d'intérêt général"),
    "applications": gettext_lazy("Candidatures"),
    "events": gettext_lazy("Événements et présence"),
    "surveys": gettext_lazy("Enquêtes de suivi"),
    "alumni": gettext_lazy("Devenir des alumni"),
    "outcomes": gettext_lazy("Pérennisation des défis"),
    "key_figures": gettext_lazy("Chiffres clés des défis"),
}


# --- Definitions -----------------------------------------------------------------------------

SPECS: dict[str, IndicatorSpec] = {
    spec.key: spec
    for spec in [
        IndicatorSpec(
            key="challenges_proposed",
            family="challenges",
            title=gettext_lazy("Défis proposés"),
            definition=gettext_lazy(
                "Nombre de propositions de défis déposées par les administrations "
                "lors des appels à défis, retenues ou non (brouillons exclus) : les "
                "propositions enregistrées par l'appel à défis, plus les défis enregistrés "
                "sans proposition (promotions antérieures à l'appel en ligne)."
            ),
            population_label=gettext_lazy("propositions"),
        ),
        IndicatorSpec(
            key="challenges_selected",
            family="challenges",
            title=gettext_lazy("Défis retenus"),
            definition=gettext_lazy(
                "Nombre de défis retenus par le jury (retenus, en cours ou terminés)."
            ),
            population_label=gettext_lazy("propositions"),
        ),
        IndicatorSpec(
            key="challenges_selection_rate",
            family="challenges",
            title=gettext_lazy("Taux de sélection des défis"),
            definition=gettext_lazy(
                "Part des défis proposés qui ont été retenus, sur les promotions dont "
                "toutes les propositions sont enregistrées."
            ),
            population_label=gettext_lazy("propositions"),
            unit="%",
        ),
        IndicatorSpec(
            key="challenges_cofunding_declared",
            family="challenges",
            title=gettext_lazy("Défis retenus avec un cofinancement déclaré"),
            definition=gettext_lazy(
                "Part des propositions retenues à l'appel à défis qui déclarent un "
                "cofinancement par l'administration (champ « Cofinancement » rempli, en "
                "texte libre : origine et conditions). Les montants sont chiffrés par "
                "l'indicateur « Répartition du financement des défis retenus »."
            ),
            population_label=gettext_lazy("propositions retenues"),
            unit="%",
        ),
        IndicatorSpec(
            key="challenges_funding_split",
            family="challenges",
            title=gettext_lazy("Répartition du financement des défis retenus"),
            definition=gettext_lazy(
                "Part du programme dans le financement des défis retenus à l'appel à défis : "
                "somme des montants demandés au programme, divisée par la somme des montants "
                "demandés au programme et des montants financés par les administrations, sur "
                "les propositions retenues dont les deux montants sont renseignés. La part des "
                "administrations est le complément à 100 %."
            ),
            population_label=gettext_lazy("propositions retenues avec les deux montants"),
            unit="%",
        ),
        IndicatorSpec(
            key="host_structures_top",
            family="structures",
            title=gettext_lazy("Structures d'accueil de premier niveau"),
            definition=gettext_lazy(
                "Nombre de structures de premier niveau (ministère, ou structure sans "
                "rattachement) dont relève au moins un défi retenu : chaque "
                "administration d'accueil est remontée à la tête de sa hiérarchie "
                "(ministère → direction → service)."
            ),
            population_label=gettext_lazy("structures et services d'accueil"),
        ),
        IndicatorSpec(
            key="host_structures_all",
            family="structures",
            title=gettext_lazy("Structures et services d'accueil"),
            definition=gettext_lazy(
                "Nombre de structures et services, à tout niveau de la hiérarchie, "
                "désignés comme administration d'accueil d'au moins un défi retenu."
            ),
            population_label=gettext_lazy("défis retenus"),
        ),
        IndicatorSpec(
            key="fellows_per_cohort",
            family="fellows",
            title=gettext_lazy("EIG par promotion"),
            definition=gettext_lazy(
                "Nombre de parcours d'EIG : une personne compte une fois par "
                "promotion qu'elle a suivie."
            ),
            population_label=gettext_lazy("parcours d'EIG"),
        ),
        IndicatorSpec(
            key="fellows_per_profile",
            family="fellows",
            title=gettext_lazy("EIG par profil"),
            definition=gettext_lazy(
                "Répartition des parcours d'EIG par profil (développement, science "
                "des données, design…)."
            ),
            population_label=gettext_lazy("parcours d'EIG"),
        ),
        IndicatorSpec(
            key="applications_per_post",
            family="applications",
            title=gettext_lazy("Candidatures par poste ouvert"),
            definition=gettext_lazy(
                "Nombre de candidatures reçues à l'appel à candidatures, rapporté au "
                "nombre de postes ouverts (somme des postes des défis retenus)."
            ),
            population_label=gettext_lazy("candidatures"),
        ),
        IndicatorSpec(
            key="applications_count",
            family="applications",
            title=gettext_lazy("Candidatures déposées"),
            definition=gettext_lazy(
                "Nombre de candidatures déposées à l'appel à candidatures (brouillons et "
                "candidatures retirées exclus), par promotion et par profil."
            ),
            population_label=gettext_lazy("candidatures"),
        ),
        IndicatorSpec(
            key="applicants_women_share",
            family="applications",
            title=gettext_lazy("Part des femmes parmi les candidatures"),
            definition=gettext_lazy(
                "Part des femmes parmi les candidatures déposées dont le genre est renseigné "
                "dans les statistiques d'égalité, facultatives et tenues à part des dossiers ; "
                "puis la répartition des genres déclarés."
            ),
            population_label=gettext_lazy("candidatures au genre renseigné"),
            unit="%",
        ),
        IndicatorSpec(
            key="applicants_under_35_share",
            family="applications",
            title=gettext_lazy("Part des candidatures de moins de 35 ans"),
            definition=gettext_lazy(
                "Part des moins de 35 ans parmi les candidatures déposées dont la tranche "
                "d'âge est renseignée dans les statistiques d'égalité (facultatives) ; puis "
                "la répartition par tranche d'âge. Seule la tranche d'âge est recueillie : "
                "l'âge moyen ne peut pas être calculé."
            ),
            population_label=gettext_lazy("candidatures à la tranche d'âge renseignée"),
            unit="%",
        ),
        IndicatorSpec(
            key="events_count",
            family="events",
            title=gettext_lazy("Événements organisés"),
            definition=gettext_lazy(
                "Nombre d'événements du programme (bootcamp, séminaires, sessions "
                "d'accompagnement, demo day) organisés pour la promotion."
            ),
            population_label=gettext_lazy("événements"),
        ),
        IndicatorSpec(
            key="events_attendance_rate",
            family="events",
            title=gettext_lazy("Taux de présence aux événements"),
            definition=gettext_lazy(
                "Part des présences constatées parmi les présences enregistrées aux "
                "événements du programme (présent, absent ou excusé ; une personne "
                "excusée compte comme absente)."
            ),
            population_label=gettext_lazy("présences enregistrées"),
            unit="%",
        ),
        IndicatorSpec(
            key="surveys_response_rate",
            family="surveys",
            title=gettext_lazy("Taux de réponse aux enquêtes"),
            definition=gettext_lazy(
                "Part des personnes invitées à une enquête de suivi (fin de programme, "
                "un an, deux ans) qui y ont répondu."
            ),
            population_label=gettext_lazy("invitations"),
            unit="%",
        ),
        IndicatorSpec(
            key="surveys_average_score",
            family="surveys",
            title=gettext_lazy("Note moyenne de satisfaction"),
            definition=gettext_lazy(
                "Note moyenne donnée dans les réponses aux enquêtes de suivi, sur 10, "
                "toutes questions notées confondues (les notes de 1 à 5 sont ramenées sur "
                "10 en les doublant) ; puis la moyenne de chaque question, sur 10, et la "
                "répartition des notes sur chaque échelle. Les réponses ne sont reliées à "
                "personne."
            ),
            population_label=gettext_lazy("réponses notées"),
            unit="/10",
        ),
        IndicatorSpec(
            key="alumni_public_sector_one_year",
            family="alumni",
            title=gettext_lazy("Alumni dans le secteur public un an après"),
            definition=gettext_lazy(
                "Part des EIG qui occupent un poste dans le secteur public un an après la "
                "fin de leur promotion, parmi ceux dont un poste est connu à cette date "
                "(postes en cours à la date de fin de promotion + 1 an)."
            ),
            population_label=gettext_lazy("parcours au poste connu à un an"),
            unit="%",
        ),
        IndicatorSpec(
            key="challenges_continued_share",
            family="outcomes",
            title=gettext_lazy("Défis poursuivis après le programme"),
            definition=gettext_lazy(
                "Part des défis terminés dont le produit a été poursuivi par "
                "l'administration, prolongé ou essaimé ailleurs, parmi les défis terminés "
                "dont le devenir est renseigné."
            ),
            population_label=gettext_lazy("défis terminés au devenir connu"),
            unit="%",
        ),
        IndicatorSpec(
            key="key_figures_count",
            family="key_figures",
            title=gettext_lazy("Chiffres clés publiés"),
            definition=gettext_lazy(
                "Nombre de chiffres clés (une valeur et ce qu'elle compte) publiés "
                "par les défis retenus pour dire leurs résultats."
            ),
            population_label=gettext_lazy("défis retenus"),
        ),
        IndicatorSpec(
            key="challenges_with_key_figures_share",
            family="key_figures",
            title=gettext_lazy("Défis ayant publié des chiffres clés"),
            definition=gettext_lazy(
                "Part des défis retenus qui ont publié au moins un chiffre clé."
            ),
            population_label=gettext_lazy("défis retenus"),
            unit="%",
        ),
    ]
}

# Sources not given to the computation (their IndicatorData field is None), in the words of
# the indicators that need them and of the report's methodology.
NOT_RECORDED = {
    "proposals": gettext_lazy(
        "Les propositions de l'appel à défis ne sont pas fournies : l'indicateur ne peut pas "
        "être calculé."
    ),
    "equality": gettext_lazy(
        "Les statistiques d'égalité des candidatures ne sont pas fournies : l'indicateur ne "
        "peut pas être calculé."
    ),
    "applications": gettext_lazy("Les candidatures ne sont pas enregistrées dans le système."),
    "events": gettext_lazy(
        "Les événements du programme et les présences ne sont pas enregistrés dans le système."
    ),
    "surveys": gettext_lazy(
        "Les enquêtes de suivi et leurs réponses ne sont pas enregistrées dans le système."
    ),
}
UNRECORDED_SOURCE_LABELS = [
    (gettext_lazy("les propositions de l'appel à défis"), ("proposals",)),
    (gettext_lazy("les candidatures"), ("applications",)),
    (gettext_lazy("les statistiques d'égalité des candidatures"), ("equality_statistics",)),
    (gettext_lazy("les événements et les présences"), ("events", "attendances")),
    (gettext_lazy("les enquêtes de suivi"), ("survey_invitations", "survey_scores")),
]


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


def _choice_breakdown(counts: pd.Series, choices, *, title: str, chart_id: str) -> Breakdown:
    """``counts`` indexed by the values of ``choices``, in the choices' order, zeros left out."""
    present = [choice for choice in choices if counts.get(choice.value, 0)]
    return Breakdown(
        title=title,
        labels=[str(choice.label) for choice in present],
        values=[float(counts[choice.value]) for choice in present],
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
    """For each administration id, the id of the top of its hierarchy (itself if none)."""
    import pandas as pd

    ids = administrations["id"].to_numpy()
    parent = pd.Series(administrations["parent_id"].to_numpy(), index=ids, dtype="Int64")
    current = pd.Series(ids, index=ids, dtype="Int64")
    for _step in range(len(ids)):  # a hierarchy cannot be deeper than the number of nodes
        above = current.map(parent)
        if not above.notna().any():
            break
        current = above.where(above.notna(), current).astype("Int64")
    return current


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


def _fellow_indicators(scope: _Scope) -> list[Indicator]:
    fellowships = scope.fellowships
    n = len(fellowships)
    no_data = _("Aucun parcours d'EIG n'est enregistré.") if not n else ""
    repeated_note = _counted(
        int((fellowships.groupby("person_id").size() > 1).sum()),
        ngettext_lazy(
            "%(n)d personne a suivi plusieurs promotions : elle compte une fois par promotion.",
            "%(n)d personnes ont suivi plusieurs promotions : elles comptent une fois par "
            "promotion.",
            "n",
        ),
    )
    per_profile = fellowships.groupby("profile").size()
    other_note = _counted(
        int(per_profile.get(Profile.OTHER.value, 0)),
        ngettext_lazy(
            "%(n)d parcours a un profil « autre ».",
            "%(n)d parcours ont un profil « autre ».",
            "n",
        ),
    )
    return [
        SPECS["fellows_per_cohort"].measured(
            n=n,
            value=n,
            missing=no_data or repeated_note,
            breakdowns=(
                scope.per_cohort(
                    fellowships.groupby("cohort_id").size(),
                    title=_("EIG par promotion"),
                    chart_id="chart-fellows-cohort",
                ),
            ),
        ),
        SPECS["fellows_per_profile"].measured(
            n=n,
            value=n,
            missing=no_data or other_note,
            breakdowns=(
                _choice_breakdown(
                    per_profile,
                    Profile,
                    title=_("EIG par profil"),
                    chart_id="chart-fellows-profile",
                ),
            ),
        ),
    ]


def _posts_note(selected: pd.DataFrame) -> str:
    posts = selected["posts"].dropna()
    if selected.empty:
        return ""
    if posts.empty:
        return _("Le nombre de postes n'est renseigné pour aucun des %(n)d défis retenus.") % {
            "n": len(selected)
        }
    return _(
        "Postes ouverts connus : %(posts)d (nombre de postes renseigné pour "
        "%(known)d défis retenus sur %(n)d)."
    ) % {"posts": int(posts.sum()), "known": len(posts), "n": len(selected)}


def _application_indicators(scope: _Scope) -> list[Indicator]:
    if scope.data.applications is None:
        missing = _join(str(NOT_RECORDED["applications"]), _posts_note(scope.selected))
        return [
            SPECS[key].not_recorded(missing)
            for key in ("applications_per_post", "applications_count")
        ] + _equality_indicators(scope)
    applications = scope.in_scope(scope.data.applications)
    # Posts count only in the cohorts whose call for candidates is recorded (at least one
    # application): the cohorts before it have no applications in the system, not zero.
    called = set(applications["cohort_id"])
    selected = scope.selected[scope.selected["cohort_id"].isin(list(called))]
    posts = selected["posts"].dropna()
    posts_total = int(posts.sum())
    excluded = scope.cohort_names(set(scope.cohorts["id"]) - called)
    no_applications = (
        _("Aucune candidature déposée n'est enregistrée.") if applications.empty else ""
    )
    per_cohort = applications.groupby("cohort_id").size()
    posts_per_cohort = selected.groupby("cohort_id")["posts"].sum(min_count=1)
    ratio = (per_cohort.reindex(posts_per_cohort.index, fill_value=0) / posts_per_cohort).where(
        posts_per_cohort > 0
    )
    return [
        SPECS["applications_per_post"].measured(
            n=len(applications),
            value=round(len(applications) / posts_total, 1) if posts_total else None,
            missing=_join(
                no_applications,
                _posts_note(selected) if len(posts) < len(selected) or not posts_total else "",
                _(
                    "Aucune candidature n'est enregistrée pour %(cohorts)s : ces promotions "
                    "sont exclues du calcul."
                )
                % {"cohorts": _names(excluded)}
                if excluded and not applications.empty
                else "",
            ),
            breakdowns=(
                scope.per_cohort(
                    ratio.dropna().astype(float).round(1),
                    title=_("Candidatures par poste ouvert, par promotion"),
                    chart_id="chart-applications-per-post",
                    unknown_as_zero=False,
                ),
            ),
        ),
        SPECS["applications_count"].measured(
            n=len(applications),
            value=len(applications),
            missing=no_applications,
            breakdowns=(
                scope.per_cohort(
                    per_cohort,
                    title=_("Candidatures par promotion"),
                    chart_id="chart-applications",
                ),
                _choice_breakdown(
                    applications.groupby("profile").size(),
                    Profile,
                    title=_("Candidatures par profil"),
                    chart_id="chart-applications-profile",
                ),
            ),
        ),
        *_equality_indicators(scope),
    ]


def _equality_indicators(scope: _Scope) -> list[Indicator]:
    """Share of women and of the under-35s among the applications whose optional equality
    statistics say so; counted, never linked to a candidate."""
    if scope.data.equality_statistics is None:
        return [
            SPECS[key].not_recorded(str(NOT_RECORDED["equality"]))
            for key in ("applicants_women_share", "applicants_under_35_share")
        ]
    statistics = scope.in_scope(scope.data.equality_statistics)
    total = len(statistics)
    no_data = _("Aucune candidature déposée n'est enregistrée.") if not total else ""

    def missing_note(known: int, what: str) -> str:
        return (
            _(
                "%(what)s non renseigné pour %(missing)d candidatures sur %(n)d (réponse "
                "facultative)."
            )
            % {"what": what, "missing": total - known, "n": total}
            if total - known
            else ""
        )

    gender = statistics.loc[statistics["gender"] != "", "gender"]
    women = int((gender == Gender.WOMAN.value).sum())
    gender_counts = gender.value_counts()
    bands = statistics.loc[statistics["age_band"] != "", "age_band"]
    young = int(bands.isin([AgeBand.UNDER_25.value, AgeBand.FROM_25_TO_34.value]).sum())
    band_counts = bands.value_counts()

    def distribution(counts: pd.Series, choices, *, title: str, chart_id: str) -> Breakdown:
        present = [c for c in choices if c.value and counts.get(c.value, 0)]
        whole = int(counts.sum())
        return Breakdown(
            title=title,
            labels=[str(c.label) for c in present],
            values=[round(100 * int(counts[c.value]) / whole, 1) for c in present],
            unit="%",
            chart_id=chart_id,
        )

    women_per_cohort = (
        statistics[statistics["gender"] != ""]
        .groupby("cohort_id")["gender"]
        .apply(lambda column: round(100 * float((column == Gender.WOMAN.value).mean()), 1))
    )
    return [
        SPECS["applicants_women_share"].measured(
            n=len(gender),
            value=_share(women, len(gender)),
            missing=no_data or missing_note(len(gender), _("Genre")),
            breakdowns=(
                distribution(
                    gender_counts,
                    Gender,
                    title=_("Répartition des genres déclarés"),
                    chart_id="chart-applicants-gender",
                ),
                scope.per_cohort(
                    women_per_cohort,
                    title=_("Part des femmes parmi les candidatures, par promotion"),
                    unit="%",
                    chart_id="chart-applicants-women-cohort",
                    unknown_as_zero=False,
                ),
            ),
        ),
        SPECS["applicants_under_35_share"].measured(
            n=len(bands),
            value=_share(young, len(bands)),
            missing=_join(
                no_data or missing_note(len(bands), _("Tranche d'âge")),
                _("Seule la tranche d'âge est recueillie : l'âge moyen ne peut pas être calculé."),
            ),
            breakdowns=(
                distribution(
                    band_counts,
                    AgeBand,
                    title=_("Répartition par tranche d'âge"),
                    chart_id="chart-applicants-age-bands",
                ),
            ),
        ),
    ]


def _event_indicators(scope: _Scope) -> list[Indicator]:
    if scope.data.events is None or scope.data.attendances is None:
        return _family_not_recorded("events")
    events = scope.in_scope(scope.data.events)
    recorded = scope.data.attendances.merge(
        events[["id", "cohort_id"]], left_on="event_id", right_on="id"
    )
    present = recorded[recorded["status"] == AttendanceStatus.PRESENT.value]
    per_cohort_recorded = recorded.groupby("cohort_id").size()
    rate_per_cohort = (
        100
        * present.groupby("cohort_id").size().reindex(per_cohort_recorded.index, fill_value=0)
        / per_cohort_recorded
    ).round(1)
    without_record = int((~events["id"].isin(recorded["event_id"])).sum())
    return [
        SPECS["events_count"].measured(
            n=len(events),
            value=len(events),
            missing=_("Aucun événement n'est enregistré.") if events.empty else "",
            breakdowns=(
                scope.per_cohort(
                    events.groupby("cohort_id").size(),
                    title=_("Événements par promotion"),
                    chart_id="chart-events",
                ),
            ),
        ),
        SPECS["events_attendance_rate"].measured(
            n=len(recorded),
            value=_share(len(present), len(recorded)),
            missing=_join(
                _("Aucune présence n'est enregistrée.") if recorded.empty else "",
                _counted(
                    without_record,
                    ngettext_lazy(
                        "%(n)d événement n'a aucune présence enregistrée.",
                        "%(n)d événements n'ont aucune présence enregistrée.",
                        "n",
                    ),
                ),
                _counted(
                    int((recorded["status"] == AttendanceStatus.EXCUSED.value).sum()),
                    ngettext_lazy(
                        "%(n)d absence excusée, comptée comme absence.",
                        "%(n)d absences excusées, comptées comme absences.",
                        "n",
                    ),
                ),
            ),
            breakdowns=(
                scope.per_cohort(
                    rate_per_cohort,
                    title=_("Taux de présence par promotion"),
                    unit="%",
                    chart_id="chart-events-attendance",
                    unknown_as_zero=False,
                ),
            ),
        ),
    ]


def _survey_indicators(scope: _Scope) -> list[Indicator]:
    if scope.data.survey_invitations is None or scope.data.survey_scores is None:
        return _family_not_recorded("surveys")
    invitations = scope.in_scope(scope.data.survey_invitations)
    responded = invitations["responded"].fillna(False)
    per_cohort_invited = invitations.groupby("cohort_id").size()
    rate_per_cohort = (
        100
        * invitations[responded]
        .groupby("cohort_id")
        .size()
        .reindex(per_cohort_invited.index, fill_value=0)
        / per_cohort_invited
    ).round(1)
    scores = scope.in_scope(scope.data.survey_scores).dropna(subset=["score"])
    scale = scores["scale"].fillna(10).astype(int)
    scores = scores.assign(scale=scale, on_ten=scores["score"].astype(float) * 10 / scale)
    per_question = scores.groupby("question", sort=False)["on_ten"].mean().round(1)
    distributions = []
    for maximum, title, chart_id in (
        (5, _("Répartition des notes de 1 à 5"), "chart-surveys-distribution-5"),
        (10, _("Répartition des notes de 0 à 10"), "chart-surveys-distribution"),
    ):
        counts = (
            scores.loc[scores["scale"] == maximum, "score"]
            .round()
            .astype(int)
            .value_counts()
            .sort_index()
        )
        if len(counts):
            distributions.append(
                Breakdown(
                    title=title,
                    labels=[f"{score}/{maximum}" for score in counts.index],
                    values=[float(count) for count in counts],
                    chart_id=chart_id,
                )
            )
    return [
        SPECS["surveys_response_rate"].measured(
            n=len(invitations),
            value=_share(int(responded.sum()), len(invitations)),
            missing="" if len(invitations) else _("Aucune invitation à une enquête."),
            breakdowns=(
                scope.per_cohort(
                    rate_per_cohort,
                    title=_("Taux de réponse par promotion"),
                    unit="%",
                    chart_id="chart-surveys-response",
                    unknown_as_zero=False,
                ),
            ),
        ),
        SPECS["surveys_average_score"].measured(
            n=len(scores),
            value=_mean(scores["on_ten"]),
            missing="" if len(scores) else _("Aucune réponse notée."),
            breakdowns=(
                Breakdown(
                    title=_("Note moyenne par question, sur 10"),
                    labels=[str(question) for question in per_question.index],
                    values=[float(value) for value in per_question],
                    unit="/10",
                    chart_id="chart-surveys-questions",
                ),
                *distributions,
            ),
        ),
    ]


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
                    Sector,
                    title=_("Secteur du poste occupé un an après la promotion"),
                    chart_id="chart-alumni-sector",
                ),
            ),
        )
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
                    Outcome,
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
