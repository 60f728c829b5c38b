"""The program's evaluation indicators, computed with pandas from the apps' records.

One module serves the staff page, the CSV and XLSX exports and the PDF reports, so that they
always say the same thing. Every indicator states its definition, its population (n) and what is
missing to compute it fully; an indicator whose data the system does not hold yet (applications,
events, surveys, gender and age) still exists, with n = 0 and the reason, and fills in as soon as
its source frame is given to :class:`IndicatorData`.

Reading is done once, by :func:`indicator_data_load`, with a fixed number of queries whatever the
number of cohorts; :func:`indicators_compute` then works on the frames only.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from alumni import selectors as alumni_selectors
from alumni.models import Sector
from cohorts import selectors as cohort_selectors
from cohorts.models import Profile
from eig.charts import bar_chart_svg
from projects import selectors as project_selectors
from projects.models import AdministrationKind, ChallengeStatus, Outcome

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
    # Sources the system does not record yet: the frames their selectors will give.
    "demographics": {"fellowship_id": "int", "is_woman": "bool", "age_at_start": "float"},
    "applications": {"id": "int", "cohort_id": "int"},
    "events": {"id": "int", "cohort_id": "int"},
    "attendances": {"event_id": "int", "person_id": "int", "attended": "bool"},
    "survey_invitations": {"id": "int", "cohort_id": "int", "responded": "bool"},
    "survey_scores": {"invitation_id": "int", "score": "float"},
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
            frame[column] = frame[column].fillna("").astype(str)
    return frame


@dataclass(frozen=True)
class IndicatorData:
    """The records indicators are computed from, read at ``read_at``.

    A source left to ``None`` is one the system does not record yet: its indicators say so.
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
    demographics: pd.DataFrame | None = None
    applications: pd.DataFrame | None = None
    events: pd.DataFrame | None = None
    attendances: pd.DataFrame | None = None
    survey_invitations: pd.DataFrame | None = None
    survey_scores: pd.DataFrame | None = None


def indicator_data_load() -> IndicatorData:
    """Read every record the indicators need: nine queries, whatever the number of cohorts."""
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


# --- Computation -----------------------------------------------------------------------------


def _names(names: list[str]) -> str:
    return ", ".join(names)


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


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
        self.proposed = self.challenges[self.challenges["status"].isin(PROPOSED_STATUSES)]
        self.selected = self.challenges[self.challenges["status"].isin(SELECTED_STATUSES)]
        self.fellowships = data.fellowships[data.fellowships["cohort_id"].isin(ids)]
        self.key_figures = data.key_figures[
            data.key_figures["challenge_id"].isin(self.selected["id"])
        ]

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


def _challenge_indicators(scope: _Scope) -> list[Indicator]:
    proposed, selected = scope.proposed, scope.selected
    cohorts_with_proposals = set(proposed["cohort_id"])
    complete = set(proposed.loc[proposed["status"].isin(UNDECIDED_OR_REJECTED), "cohort_id"])
    partial = scope.cohort_names(cohorts_with_proposals - complete)
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
    if complete:
        excluded = partial
        rate_missing = (
            _(
                "Calculé sur les seules promotions dont les propositions non retenues sont "
                "enregistrées ; promotions exclues : %(cohorts)s."
            )
            % {"cohorts": _names(excluded)}
            if excluded
            else ""
        )
    else:
        rate_missing = _(
            "Aucune promotion n'a ses propositions non retenues enregistrées : le taux de "
            "sélection ne peut pas être calculé."
        )
    return [
        Indicator(
            key="challenges_proposed",
            family="challenges",
            title=_("Défis proposés"),
            definition=_(
                "Nombre de propositions de défis déposées par les administrations "
                "lors des appels à défis, retenues ou non (brouillons exclus)."
            ),
            population_label=_("propositions"),
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
        Indicator(
            key="challenges_selected",
            family="challenges",
            title=_("Défis retenus"),
            definition=_("Nombre de défis retenus par le jury (retenus, en cours ou terminés)."),
            population_label=_("propositions"),
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
        Indicator(
            key="challenges_selection_rate",
            family="challenges",
            title=_("Taux de sélection des défis"),
            definition=_(
                "Part des défis proposés qui ont été retenus, sur les promotions dont "
                "toutes les propositions sont enregistrées."
            ),
            population_label=_("propositions"),
            n=len(known),
            value=_share(len(known_selected), len(known)),
            unit="%",
            missing=no_data or rate_missing,
        ),
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


def _structure_indicators(scope: _Scope) -> list[Indicator]:
    data, selected = scope.data, scope.selected
    admins = data.administrations
    links = data.challenge_administrations
    links = links[links["challenge_id"].isin(selected["id"])]
    links = links.merge(selected[["id", "cohort_id"]], left_on="challenge_id", right_on="id")
    roots = _administration_roots(admins)
    links = links.assign(root_id=links["administration_id"].map(roots).astype("Int64"))

    hosts = admins[admins["id"].isin(links["administration_id"])]
    unattached = hosts[
        hosts["parent_id"].isna() & (hosts["kind"] != AdministrationKind.MINISTRY.value)
    ]
    without_host = len(set(selected["id"]) - set(links["challenge_id"]))
    notes = []
    if selected.empty:
        notes.append(_("Aucun défi retenu n'est enregistré."))
    if without_host:
        notes.append(
            ngettext(
                "%(n)d défi retenu n'a pas d'administration d'accueil renseignée.",
                "%(n)d défis retenus n'ont pas d'administration d'accueil renseignée.",
                without_host,
            )
            % {"n": without_host}
        )
    top_notes = list(notes)
    if len(unattached):
        top_notes.append(
            ngettext(
                "%(n)d structure d'accueil, qui n'est pas un ministère, n'a pas de rattachement "
                "renseigné : elle compte comme structure de premier niveau.",
                "%(n)d structures d'accueil, qui ne sont pas des ministères, n'ont pas de "
                "rattachement renseigné : elles comptent comme structures de premier niveau.",
                len(unattached),
            )
            % {"n": len(unattached)}
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
        Indicator(
            key="host_structures_top",
            family="structures",
            title=_("Structures d'accueil de premier niveau"),
            definition=_(
                "Nombre de structures de premier niveau (ministère, ou structure sans "
                "rattachement) dont relève au moins un défi retenu : chaque "
                "administration d'accueil est remontée à la tête de sa hiérarchie "
                "(ministère → direction → service)."
            ),
            population_label=_("structures et services d'accueil"),
            n=len(hosts),
            value=links["root_id"].nunique(),
            missing=" ".join(top_notes),
            breakdowns=(
                scope.per_cohort(
                    links.groupby("cohort_id")["root_id"].nunique(),
                    title=_("Structures de premier niveau par promotion"),
                    chart_id="chart-structures-top",
                ),
                top_breakdown,
            ),
        ),
        Indicator(
            key="host_structures_all",
            family="structures",
            title=_("Structures et services d'accueil"),
            definition=_(
                "Nombre de structures et services, à tout niveau de la hiérarchie, "
                "désignés comme administration d'accueil d'au moins un défi retenu."
            ),
            population_label=_("défis retenus"),
            n=len(selected),
            value=len(hosts),
            missing=" ".join(notes),
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
    data, fellowships = scope.data, scope.fellowships
    n = len(fellowships)
    no_data = _("Aucun parcours d'EIG n'est enregistré.") if not n else ""
    repeated = int((fellowships.groupby("person_id").size() > 1).sum())
    repeated_note = (
        ngettext(
            "%(n)d personne a suivi plusieurs promotions : elle compte une fois par promotion.",
            "%(n)d personnes ont suivi plusieurs promotions : elles comptent une fois par "
            "promotion.",
            repeated,
        )
        % {"n": repeated}
        if repeated
        else ""
    )
    per_profile = fellowships.groupby("profile").size()
    profile_labels = [(p.value, str(p.label)) for p in Profile if per_profile.get(p.value, 0)]
    other = int(per_profile.get(Profile.OTHER.value, 0))

    demographics = data.demographics
    if demographics is not None:
        demographics = demographics[demographics["fellowship_id"].isin(fellowships["id"])]
    not_recorded_gender = _(
        "Le genre des personnes n'est pas enregistré dans le système : "
        "l'indicateur ne peut pas être calculé."
    )
    not_recorded_age = _(
        "La date de naissance des personnes n'est pas enregistrée dans le "
        "système : l'indicateur ne peut pas être calculé."
    )
    women = age = None
    women_n = age_n = 0
    women_missing, age_missing = not_recorded_gender, not_recorded_age
    if demographics is not None:
        known_gender = demographics["is_woman"].dropna()
        known_age = demographics["age_at_start"].dropna()
        women_n, age_n = len(known_gender), len(known_age)
        women = _share(int(known_gender.sum()), women_n)
        age = round(float(known_age.mean()), 1) if age_n else None
        women_missing = (
            _("Genre non renseigné pour %(missing)d parcours sur %(n)d.")
            % {"missing": n - women_n, "n": n}
            if n - women_n
            else ""
        )
        age_missing = (
            _("Âge non renseigné pour %(missing)d parcours sur %(n)d.")
            % {"missing": n - age_n, "n": n}
            if n - age_n
            else ""
        )
    return [
        Indicator(
            key="fellows_per_cohort",
            family="fellows",
            title=_("EIG par promotion"),
            definition=_(
                "Nombre de parcours d'EIG : une personne compte une fois par "
                "promotion qu'elle a suivie."
            ),
            population_label=_("parcours d'EIG"),
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
        Indicator(
            key="fellows_per_profile",
            family="fellows",
            title=_("EIG par profil"),
            definition=_(
                "Répartition des parcours d'EIG par profil (développement, science "
                "des données, design…)."
            ),
            population_label=_("parcours d'EIG"),
            n=n,
            value=n,
            missing=no_data
            or (
                ngettext(
                    "%(n)d parcours a un profil « autre ».",
                    "%(n)d parcours ont un profil « autre ».",
                    other,
                )
                % {"n": other}
                if other
                else ""
            ),
            breakdowns=(
                Breakdown(
                    title=_("EIG par profil"),
                    labels=[label for _v, label in profile_labels],
                    values=[float(per_profile[v]) for v, _l in profile_labels],
                    chart_id="chart-fellows-profile",
                ),
            ),
        ),
        Indicator(
            key="fellows_women_share",
            family="fellows",
            title=_("Part des femmes"),
            definition=_("Part des femmes parmi les parcours d'EIG dont le genre est connu."),
            population_label=_("parcours d'EIG au genre connu"),
            n=women_n,
            value=women,
            unit="%",
            missing=women_missing,
        ),
        Indicator(
            key="fellows_average_age",
            family="fellows",
            title=_("Âge moyen"),
            definition=_(
                "Âge moyen des EIG au début de leur promotion, parmi ceux dont l'âge est connu."
            ),
            population_label=_("parcours d'EIG à l'âge connu"),
            n=age_n,
            value=age,
            unit=_("ans"),
            missing=age_missing,
        ),
    ]


def _application_indicators(scope: _Scope) -> list[Indicator]:
    selected = scope.selected
    posts = selected["posts"].dropna()
    posts_total = int(posts.sum())
    if selected.empty:
        posts_note = ""
    elif posts.empty:
        posts_note = _(
            "Le nombre de postes n'est renseigné pour aucun des %(n)d défis retenus."
        ) % {"n": len(selected)}
    else:
        posts_note = _(
            "Postes ouverts connus : %(posts)d (nombre de postes renseigné pour "
            "%(known)d défis retenus sur %(n)d)."
        ) % {"posts": posts_total, "known": len(posts), "n": len(selected)}
    applications = scope.data.applications
    if applications is None:
        return [
            Indicator(
                key="applications_per_post",
                family="applications",
                title=_("Candidatures par poste ouvert"),
                definition=_(
                    "Nombre de candidatures reçues à l'appel à candidatures, rapporté au "
                    "nombre de postes ouverts (somme des postes des défis retenus)."
                ),
                population_label=_("candidatures"),
                n=0,
                value=None,
                missing=_join(
                    _("Les candidatures ne sont pas encore enregistrées dans le système."),
                    posts_note,
                ),
            )
        ]
    applications = applications[applications["cohort_id"].isin(scope.cohorts["id"])]
    value = round(len(applications) / posts_total, 1) if posts_total else None
    return [
        Indicator(
            key="applications_per_post",
            family="applications",
            title=_("Candidatures par poste ouvert"),
            definition=_(
                "Nombre de candidatures reçues à l'appel à candidatures, rapporté au "
                "nombre de postes ouverts (somme des postes des défis retenus)."
            ),
            population_label=_("candidatures"),
            n=len(applications),
            value=value,
            missing=posts_note if len(posts) < len(selected) or not posts_total else "",
            breakdowns=(
                scope.per_cohort(
                    applications.groupby("cohort_id").size(),
                    title=_("Candidatures par promotion"),
                    chart_id="chart-applications",
                ),
            ),
        )
    ]


def _event_indicators(scope: _Scope) -> list[Indicator]:
    events, attendances = scope.data.events, scope.data.attendances
    definition_count = _(
        "Nombre d'événements du programme (bootcamp, séminaires, sessions "
        "d'accompagnement, demo day) organisés pour la promotion."
    )
    definition_rate = _(
        "Part des présences constatées parmi les personnes attendues aux événements du programme."
    )
    if events is None or attendances is None:
        missing = _(
            "Les événements du programme et les présences ne sont pas encore "
            "enregistrés dans le système."
        )
        return [
            Indicator(
                key="events_count",
                family="events",
                title=_("Événements organisés"),
                definition=definition_count,
                population_label=_("événements"),
                n=0,
                value=None,
                missing=missing,
            ),
            Indicator(
                key="events_attendance_rate",
                family="events",
                title=_("Taux de présence aux événements"),
                definition=definition_rate,
                population_label=_("invitations"),
                n=0,
                value=None,
                unit="%",
                missing=missing,
            ),
        ]
    events = events[events["cohort_id"].isin(scope.cohorts["id"])]
    expected = attendances[attendances["event_id"].isin(events["id"])]
    attended = int(expected["attended"].fillna(False).sum())
    return [
        Indicator(
            key="events_count",
            family="events",
            title=_("Événements organisés"),
            definition=definition_count,
            population_label=_("événements"),
            n=len(events),
            value=len(events),
            breakdowns=(
                scope.per_cohort(
                    events.groupby("cohort_id").size(),
                    title=_("Événements par promotion"),
                    chart_id="chart-events",
                ),
            ),
        ),
        Indicator(
            key="events_attendance_rate",
            family="events",
            title=_("Taux de présence aux événements"),
            definition=definition_rate,
            population_label=_("invitations"),
            n=len(expected),
            value=_share(attended, len(expected)),
            unit="%",
        ),
    ]


def _survey_indicators(scope: _Scope) -> list[Indicator]:
    invitations, scores = scope.data.survey_invitations, scope.data.survey_scores
    definition_rate = _(
        "Part des personnes invitées à une enquête de suivi (fin de programme, "
        "un an, deux ans) qui y ont répondu."
    )
    definition_score = _(
        "Note moyenne de satisfaction donnée dans les réponses aux enquêtes de suivi, sur 10."
    )
    if invitations is None or scores is None:
        missing = _(
            "Les enquêtes de suivi et leurs réponses ne sont pas encore enregistrées "
            "dans le système."
        )
        return [
            Indicator(
                key="surveys_response_rate",
                family="surveys",
                title=_("Taux de réponse aux enquêtes"),
                definition=definition_rate,
                population_label=_("invitations"),
                n=0,
                value=None,
                unit="%",
                missing=missing,
            ),
            Indicator(
                key="surveys_average_score",
                family="surveys",
                title=_("Note moyenne de satisfaction"),
                definition=definition_score,
                population_label=_("réponses notées"),
                n=0,
                value=None,
                unit="/10",
                missing=missing,
            ),
        ]
    invitations = invitations[invitations["cohort_id"].isin(scope.cohorts["id"])]
    responded = int(invitations["responded"].fillna(False).sum())
    scored = scores[scores["invitation_id"].isin(invitations["id"])]["score"].dropna()
    return [
        Indicator(
            key="surveys_response_rate",
            family="surveys",
            title=_("Taux de réponse aux enquêtes"),
            definition=definition_rate,
            population_label=_("invitations"),
            n=len(invitations),
            value=_share(responded, len(invitations)),
            unit="%",
        ),
        Indicator(
            key="surveys_average_score",
            family="surveys",
            title=_("Note moyenne de satisfaction"),
            definition=definition_score,
            population_label=_("réponses notées"),
            n=len(scored),
            value=round(float(scored.mean()), 1) if len(scored) else None,
            unit="/10",
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
    notes = []
    if frame.empty:
        notes.append(_("Aucun parcours d'EIG n'est enregistré."))
    not_yet = int((~frame["matured"]).sum())
    if not_yet:
        notes.append(
            ngettext(
                "%(n)d parcours n'a pas encore un an de recul.",
                "%(n)d parcours n'ont pas encore un an de recul.",
                not_yet,
            )
            % {"n": not_yet}
        )
    unknown = len(matured) - len(known)
    if unknown:
        notes.append(
            ngettext(
                "Aucun poste n'est enregistré un an après la promotion pour %(n)d parcours.",
                "Aucun poste n'est enregistré un an après la promotion pour %(n)d parcours.",
                unknown,
            )
            % {"n": unknown}
        )
    estimated = scope.cohort_names(frame.loc[frame["estimated"], "cohort_id"].unique())
    if estimated:
        notes.append(
            _(
                "Date de fin non renseignée pour %(cohorts)s : le 31 décembre de "
                "l'année de la promotion est retenu."
            )
            % {"cohorts": _names(estimated)}
        )
    per_cohort_known = known.groupby("cohort_id").size()
    per_cohort_public = public.groupby("cohort_id").size()
    shares = (
        100 * per_cohort_public.reindex(per_cohort_known.index, fill_value=0) / per_cohort_known
    ).round(1)
    sectors = known.groupby("sector").size()
    return [
        Indicator(
            key="alumni_public_sector_one_year",
            family="alumni",
            title=_("Alumni dans le secteur public un an après"),
            definition=_(
                "Part des EIG qui occupent un poste dans le secteur public un an après la "
                "fin de leur promotion, parmi ceux dont un poste est connu à cette date "
                "(postes en cours à la date de fin de promotion + 1 an)."
            ),
            population_label=_("parcours au poste connu à un an"),
            n=len(known),
            value=_share(len(public), len(known)),
            unit="%",
            missing=" ".join(notes),
            breakdowns=(
                scope.per_cohort(
                    shares,
                    title=_("Part dans le secteur public à un an, par promotion"),
                    unit="%",
                    chart_id="chart-alumni-cohort",
                    unknown_as_zero=False,
                ),
                Breakdown(
                    title=_("Secteur du poste occupé un an après la promotion"),
                    labels=[str(s.label) for s in Sector if sectors.get(s.value, 0)],
                    values=[float(sectors[s.value]) for s in Sector if sectors.get(s.value, 0)],
                    chart_id="chart-alumni-sector",
                ),
            ),
        )
    ]


def _outcome_indicators(scope: _Scope) -> list[Indicator]:
    finished = scope.challenges[scope.challenges["status"] == ChallengeStatus.COMPLETED.value]
    known = finished[finished["outcome"] != Outcome.UNKNOWN.value]
    continued = known[known["outcome"].isin(CONTINUED_OUTCOMES)]
    unknown = len(finished) - len(known)
    notes = []
    if finished.empty:
        notes.append(_("Aucun défi terminé n'est enregistré."))
    if unknown:
        notes.append(
            ngettext(
                "Devenir non renseigné pour %(n)d défi terminé sur %(total)d.",
                "Devenir non renseigné pour %(n)d défis terminés sur %(total)d.",
                unknown,
            )
            % {"n": unknown, "total": len(finished)}
        )
    outcomes = finished.groupby("outcome").size()
    return [
        Indicator(
            key="challenges_continued_share",
            family="outcomes",
            title=_("Défis poursuivis après le programme"),
            definition=_(
                "Part des défis terminés dont le produit a été poursuivi par "
                "l'administration, prolongé ou essaimé ailleurs, parmi les défis terminés "
                "dont le devenir est renseigné."
            ),
            population_label=_("défis terminés au devenir connu"),
            n=len(known),
            value=_share(len(continued), len(known)),
            unit="%",
            missing=" ".join(notes),
            breakdowns=(
                Breakdown(
                    title=_("Devenir des défis terminés"),
                    labels=[str(o.label) for o in Outcome if outcomes.get(o.value, 0)],
                    values=[float(outcomes[o.value]) for o in Outcome if outcomes.get(o.value, 0)],
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
    without = len(selected) - with_figures
    return [
        Indicator(
            key="key_figures_count",
            family="key_figures",
            title=_("Chiffres clés publiés"),
            definition=_(
                "Nombre de chiffres clés (une valeur et ce qu'elle compte) publiés "
                "par les défis retenus pour dire leurs résultats."
            ),
            population_label=_("défis retenus"),
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
        Indicator(
            key="challenges_with_key_figures_share",
            family="key_figures",
            title=_("Défis ayant publié des chiffres clés"),
            definition=_("Part des défis retenus qui ont publié au moins un chiffre clé."),
            population_label=_("défis retenus"),
            n=len(selected),
            value=_share(with_figures, len(selected)),
            unit="%",
            missing=no_data
            or (
                ngettext(
                    "%(n)d défi retenu n'a publié aucun chiffre clé.",
                    "%(n)d défis retenus n'ont publié aucun chiffre clé.",
                    without,
                )
                % {"n": without}
                if without
                else ""
            ),
        ),
    ]


def _comparison(data: IndicatorData, *, highlighted: str) -> Comparison:
    """Per cohort, over all cohorts: one groupby per column, whatever the number of cohorts."""
    everything = _Scope(data, None)
    ids = data.cohorts["id"].to_numpy()
    selected = everything.selected
    links = data.challenge_administrations
    links = links[links["challenge_id"].isin(selected["id"])].merge(
        selected[["id", "cohort_id"]], left_on="challenge_id", right_on="id"
    )
    roots = _administration_roots(data.administrations)
    links = links.assign(root_id=links["administration_id"].map(roots))
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
