"""Feedback surveys: response rate and scores."""

from __future__ import annotations

from django.utils.translation import gettext as _

from evaluation.indicators.results import Breakdown, Indicator
from evaluation.indicators.scope import _family_not_recorded, _mean, _Scope, _share
from evaluation.indicators.specs import SPECS


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
