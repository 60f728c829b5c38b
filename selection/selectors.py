"""Reads of the call for candidates: open calls, the challenges a candidate may choose, the
staff's statistics, and plain rows for the evaluation indicators."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from cohorts.models import Cohort, Fellowship, Profile
from cohorts.selectors import cohorts_open_for_candidates
from projects.selectors import ChallengeFilters, challenge_public_search
from selection.models import (
    Application,
    ApplicationStatus,
    Decision,
    EqualityStatistics,
    Gender,
    SelectionStage,
)

# --- The call for candidates ------------------------------------------------------------------


def cohort_open_for_candidates(*, slug: str, today: datetime.date) -> Cohort | None:
    return next((c for c in cohorts_open_for_candidates(today=today) if c.slug == slug), None)


def challenges_open_to_candidates(*, cohort: Cohort):
    """The challenges of ``cohort`` that a candidate may choose: its public challenges."""
    return challenge_public_search(filters=ChallengeFilters(cohort=cohort.slug)).order_by(
        "title", "pk"
    )


# --- The staff's statistics of a call for candidates ---------------------------------------


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int
    share: float | None = None  # percentage, when it makes sense


@dataclass(frozen=True)
class ApplicationStatistics:
    cohort: Cohort
    submitted: int
    posts: int
    applications_per_post: float | None
    by_profile: list[CountRow]
    by_challenge: list[CountRow]  # label: challenge title; count: applications choosing it
    by_gender: list[CountRow]
    gender_answers: int
    funnel: list[CountRow]


def application_statistics(*, cohort: Cohort) -> ApplicationStatistics:
    """The figures of ``cohort``'s call for candidates, on submitted applications: per open
    post, per profile, per challenge, gender share (from the optional equality statistics only,
    counted, never per person), and the funnel from applications to fellows."""
    submitted = Application.objects.filter(cohort=cohort, status=ApplicationStatus.SUBMITTED)
    total = submitted.count()
    challenges = list(challenges_open_to_candidates(cohort=cohort))
    posts = sum(challenge.posts or 0 for challenge in challenges)

    profile_counts = dict(
        submitted.order_by().values("profile").annotate(n=Count("pk")).values_list("profile", "n")
    )
    by_profile = [
        CountRow(str(label), profile_counts.get(value, 0))
        for value, label in Profile.choices
        if profile_counts.get(value)
    ]

    choice_counts: dict[int, int] = {}
    for ids in submitted.values_list("first_choice_id", "second_choice_id", "third_choice_id"):
        for pk in {pk for pk in ids if pk}:
            choice_counts[pk] = choice_counts.get(pk, 0) + 1
    by_challenge = [
        CountRow(challenge.title, choice_counts.get(challenge.pk, 0)) for challenge in challenges
    ]

    gender_counts = dict(
        EqualityStatistics.objects.filter(application__in=submitted)
        .exclude(gender="")
        .order_by()
        .values("gender")
        .annotate(n=Count("pk"))
        .values_list("gender", "n")
    )
    answers = sum(gender_counts.values())
    by_gender = [
        CountRow(
            str(label),
            gender_counts.get(value, 0),
            100 * gender_counts.get(value, 0) / answers if answers else None,
        )
        for value, label in Gender.choices
        if value
    ]

    past_eligibility = submitted.exclude(stage=SelectionStage.ELIGIBILITY).count()
    interviewed = submitted.filter(interviews__isnull=False).distinct().count()
    selected = submitted.filter(decision=Decision.SELECTED)
    fellows = Fellowship.objects.filter(
        cohort=cohort, person__user__in=selected.values("candidate")
    ).count()
    funnel = [
        CountRow(str(_("Candidatures déposées")), total),
        CountRow(str(_("Recevables (après la première étape)")), past_eligibility),
        CountRow(str(_("Reçues en entretien")), interviewed),
        CountRow(str(_("Retenues")), selected.count()),
        CountRow(str(_("Devenues EIG de la promotion")), fellows),
    ]
    return ApplicationStatistics(
        cohort=cohort,
        submitted=total,
        posts=posts,
        applications_per_post=total / posts if posts else None,
        by_profile=by_profile,
        by_challenge=by_challenge,
        by_gender=by_gender,
        gender_answers=answers,
        funnel=funnel,
    )


def cohorts_with_calls() -> list[Cohort]:
    """The cohorts that have had a call for candidates, newest first."""
    return list(Cohort.objects.filter(candidates_call_opens__isnull=False).order_by("-year", "-pk"))


# --- Plain rows for the evaluation indicators (one query each) --------------------------------


def application_rows_list() -> list[dict[str, Any]]:
    """Every submitted application as a plain row: its cohort and profile, nothing that names
    the candidate (drafts and withdrawn applications are left out)."""
    return list(
        Application.objects.filter(status=ApplicationStatus.SUBMITTED)
        .order_by("id")
        .values("id", "cohort_id", "profile")
    )


def equality_statistics_rows_list() -> list[dict[str, Any]]:
    """One row per submitted application: its cohort and the optional gender and age band its
    candidate gave ("" when not given or no statistics at all). No application id, so that the
    rows cannot be linked back to a candidate."""
    return list(
        Application.objects.filter(status=ApplicationStatus.SUBMITTED)
        .order_by("cohort_id", "equality_statistics__gender", "equality_statistics__age_band")
        .values(
            "cohort_id",
            gender=Coalesce(F("equality_statistics__gender"), Value("")),
            age_band=Coalesce(F("equality_statistics__age_band"), Value("")),
        )
    )


# --- The jury's ranking (core.reviews) ---------------------------------------------------------


def application_ranking(*, cohort: Cohort, stage: str | None = None) -> list:
    """The cohort's submitted applications, best mean total first (each complete review's
    total, 0 to 15, averaged across reviewers), for one stage or all; declared, undeclared
    conflicts and unscored reviews never count, unscored applications come last. Rows are
    ``core.reviews.Ranked``, the application as ``subject``. Two queries."""
    from core.reviews import ReviewLine, review_ranking
    from selection.models import Review
    from selection.reviews import SCORE_FIELDS, application_criteria

    applications = sorted(
        Application.objects.filter(cohort=cohort, status=ApplicationStatus.SUBMITTED),
        key=lambda application: (application.full_name, application.pk),
    )
    reviews = Review.objects.filter(
        application__cohort=cohort, application__status=ApplicationStatus.SUBMITTED
    )
    if stage is not None:
        reviews = reviews.filter(stage=stage)
    lines = [
        ReviewLine(
            subject_key=row["application_id"],
            conflict=row["has_conflict"],
            scores={name: row[name] for name in SCORE_FIELDS if row[name] is not None},
        )
        for row in reviews.values("application_id", "has_conflict", *SCORE_FIELDS)
    ]
    return review_ranking(
        subjects=applications, criteria=application_criteria(), reviews=lines, by="total"
    )


def gender_labels() -> dict[str, str]:
    """Each gender of the equality statistics, its label by value ("" for not said), in the
    choices' order: for the evaluation's breakdowns."""
    return {value: str(label) for value, label in Gender.choices}


def age_band_labels() -> dict[str, str]:
    """Each age band of the equality statistics, its label by value ("" for not said), in the
    choices' order: for the evaluation's breakdowns."""
    from selection.models import AgeBand

    return {value: str(label) for value, label in AgeBand.choices}
