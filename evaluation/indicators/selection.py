"""The call for candidates: applications per open post, per cohort and profile, and the
equality statistics."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from cohorts import selectors as cohort_selectors
from evaluation.indicators.results import Breakdown, Indicator
from evaluation.indicators.scope import _choice_breakdown, _join, _names, _Scope, _share
from evaluation.indicators.specs import NOT_RECORDED, SPECS
from selection import selectors as selection_selectors
from selection.models import AgeBand, Gender

if TYPE_CHECKING:
    import pandas as pd


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
                    cohort_selectors.profile_labels(),
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

    def distribution(
        counts: pd.Series, labels: dict[str, str], *, title: str, chart_id: str
    ) -> Breakdown:
        present = [value for value in labels if value and counts.get(value, 0)]
        whole = int(counts.sum())
        return Breakdown(
            title=title,
            labels=[labels[value] for value in present],
            values=[round(100 * int(counts[value]) / whole, 1) for value in present],
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
                    selection_selectors.gender_labels(),
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
                    selection_selectors.age_band_labels(),
                    title=_("Répartition par tranche d'âge"),
                    chart_id="chart-applicants-age-bands",
                ),
            ),
        ),
    ]
