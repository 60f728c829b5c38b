"""The review engine of the two calls (challenges, candidates): the rules of a jury, written once.

A call supplies only what differs, through a ``ReviewCall``: its review model and how scores
are stored on it, its criteria, whether a subject may be reviewed, who is eligible to review
it, and whether the round is open. The engine holds the rest:

- a reviewer reads and scores only once they stand without a conflict of interest: a declared
  conflict locks the scoring and drops the scores, an undeclared one (``None``) must be declared
  first (the call for challenges records "no conflict" by default, so its reviewers start
  there); a declared conflict is final for the reviewer, only staff lift it (recorded in the
  review's history);
- only the assigned reviewer scores, and only while the round is open;
- a score is an integer from 0 to the criterion's maximum, and every required criterion needs
  one;
- a review is complete when it stands without a conflict and every required criterion is scored;
- the ranking: per criterion the mean across reviewers, overall either the mean of every score
  (challenges) or the mean of the reviews' totals (candidates); conflicted and unscored
  reviews never count, unscored subjects come last.

This module imports no app: it works on plain values and on the call's ``ReviewCall``.
"""

import datetime
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SCORE_MAX = 5


@dataclass(frozen=True)
class Criterion:
    """What a reviewer scores: ``key`` is how the call finds the score (a criterion's id, a
    field's name)."""

    key: Hashable
    label: str
    description: str = ""
    maximum: int = SCORE_MAX
    required: bool = True


class ReviewRefused(ValueError):
    """A refused review action; ``code`` says which rule refused it, ``messages`` why, in
    French."""

    def __init__(self, message, *, code: str):
        super().__init__(str(message))
        self.code = code
        self.messages = [str(message)]


# Codes of the refusals, for a call that maps some of them to its own exceptions.
NOT_REVIEWER = "not_reviewer"
ROUND_CLOSED = "round_closed"
CONFLICT_UNDECLARED = "conflict_undeclared"
CONFLICT_DECLARED = "conflict_declared"
CONFLICT_FINAL = "conflict_final"
SCORE_MISSING = "score_missing"
SCORE_UNKNOWN = "score_unknown"
SCORE_INVALID = "score_invalid"
SUBJECT_NOT_REVIEWABLE = "subject_not_reviewable"
REVIEWER_INELIGIBLE = "reviewer_ineligible"
# The refusals that concern who scores and when, rather than what was typed.
ACCESS_CODES = frozenset({NOT_REVIEWER, ROUND_CLOSED, CONFLICT_UNDECLARED, CONFLICT_DECLARED})


# --- Conflicts and who scores -------------------------------------------------------------------


def review_may_read(*, conflict: bool | None) -> bool:
    """Whether the reviewer may read the subject: only once they stand without a conflict."""
    return conflict is False


def review_score_refusal(
    *, conflict: bool | None, is_reviewer: bool = True, is_open: bool = True
) -> ReviewRefused | None:
    """Why the reviewer may not score now, or None when they may."""
    if not is_reviewer:
        return ReviewRefused(_("Cette évaluation ne vous est pas assignée."), code=NOT_REVIEWER)
    if not is_open:
        return ReviewRefused(
            _("La session d'évaluation est close : les notes ne changent plus."),
            code=ROUND_CLOSED,
        )
    if conflict is None:
        return ReviewRefused(
            _("Déclarez d'abord l'absence de conflit d'intérêts avant d'évaluer."),
            code=CONFLICT_UNDECLARED,
        )
    if conflict:
        return ReviewRefused(
            _("Vous avez déclaré un conflit d'intérêts : vous ne pouvez pas évaluer."),
            code=CONFLICT_DECLARED,
        )
    return None


def review_may_score(
    *, conflict: bool | None, is_reviewer: bool = True, is_open: bool = True
) -> bool:
    return review_score_refusal(conflict=conflict, is_reviewer=is_reviewer, is_open=is_open) is None


# --- Scores -------------------------------------------------------------------------------------


def _whole_number(value) -> int | None:
    """``value`` as an int when it is one (4, "4"), else None (True, 4.5, "4,5", "quatre")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip()
    return int(text) if text.isdigit() else None


def review_scores_clean(
    *, criteria: Sequence[Criterion], scores: Mapping[Hashable, Any]
) -> dict[Hashable, int]:
    """The scores as integers, keyed like ``criteria``; refused when one is missing, unknown,
    not a whole number or out of its criterion's range."""
    by_key = {criterion.key: criterion for criterion in criteria}
    unknown = [key for key in scores if key not in by_key]
    if unknown:
        raise ReviewRefused(
            _("Ce critère n'existe pas dans cette session : %(key)s.") % {"key": unknown[0]},
            code=SCORE_UNKNOWN,
        )
    cleaned = {}
    for criterion in criteria:
        value = scores.get(criterion.key)
        if value is None or value == "":
            if criterion.required:
                raise ReviewRefused(
                    _("Chaque critère demande une note : « %(label)s » n'en a pas.")
                    % {"label": criterion.label},
                    code=SCORE_MISSING,
                )
            continue
        number = _whole_number(value)
        if number is None or not 0 <= number <= criterion.maximum:
            raise ReviewRefused(
                _("Chaque note va de 0 à %(max)s.") % {"max": criterion.maximum},
                code=SCORE_INVALID,
            )
        cleaned[criterion.key] = number
    return cleaned


def review_is_complete(
    *, conflict: bool | None, criteria: Sequence[Criterion], scores: Mapping[Hashable, Any]
) -> bool:
    """Whether a review counts: no conflict, and every required criterion scored."""
    return conflict is False and all(scores.get(c.key) is not None for c in criteria if c.required)


def review_total(*, keys: Iterable[Hashable], scores: Mapping[Hashable, Any]) -> int | None:
    """The sum of the scores of every criterion in ``keys``, None while one is missing."""
    values = [scores.get(key) for key in keys]
    if any(value is None for value in values):
        return None
    return sum(values)


def score_choice_field(
    criterion: Criterion, *, initial: int | None = None, with_maximum: bool = True
) -> forms.TypedChoiceField:
    """The form field a reviewer scores ``criterion`` with: a list from 0 to its maximum."""
    choices = [("", _("Choisir une note"))] + [
        (str(value), f"{value} / {criterion.maximum}" if with_maximum else str(value))
        for value in range(criterion.maximum + 1)
    ]
    return forms.TypedChoiceField(
        label=criterion.label,
        help_text=criterion.description,
        choices=choices,
        coerce=int,
        initial=initial,
        required=criterion.required,
    )


# --- The call's part, and the writes the engine drives ------------------------------------------


class ReviewCall:
    """What a call supplies to the engine. A subclass reads and writes its own review model;
    every rule stays here."""

    subject_not_reviewable_message = _("Seul un dossier déposé peut être évalué.")
    reviewer_ineligible_message = _("Cette personne ne peut pas évaluer ce dossier.")

    # Reads ----------------------------------------------------------------------------------
    def criteria(self, review) -> list[Criterion]:
        raise NotImplementedError

    def conflict(self, review) -> bool | None:
        """True (declared), False (none) or None (not declared yet)."""
        raise NotImplementedError

    def reviewer_id(self, review) -> int:
        return review.reviewer_id

    def is_open(self, review) -> bool:
        return True

    def subject_is_reviewable(self, subject) -> bool:
        raise NotImplementedError

    def reviewer_is_eligible(self, reviewer, subject) -> bool:
        raise NotImplementedError

    # Writes ---------------------------------------------------------------------------------
    def conflict_store(self, review, *, has_conflict: bool, note: str) -> None:
        """Record the declaration; with a conflict, drop the scores and the scoring date."""
        raise NotImplementedError

    def conflict_lift(self, review, *, user, reason: str) -> None:
        """Staff lift a declared conflict: the reviewer stands where they started (the call's
        default declaration), and the review's history records who lifted it and why."""
        raise NotImplementedError

    def scores_store(
        self, review, *, scores: dict[Hashable, int], comment: str, now: datetime.datetime
    ) -> None:
        raise NotImplementedError


def review_assignment_refusals(*, call: ReviewCall, subject, reviewer) -> list[ReviewRefused]:
    """Why ``reviewer`` may not be assigned ``subject`` (nothing when they may): the subject
    must be submitted, and the reviewer eligible by the call's rule."""
    refusals = []
    if not call.subject_is_reviewable(subject):
        refusals.append(
            ReviewRefused(call.subject_not_reviewable_message, code=SUBJECT_NOT_REVIEWABLE)
        )
    if not call.reviewer_is_eligible(reviewer, subject):
        refusals.append(ReviewRefused(call.reviewer_ineligible_message, code=REVIEWER_INELIGIBLE))
    return refusals


def review_refusal_for(*, call: ReviewCall, review, user=None) -> ReviewRefused | None:
    """Why ``user`` (the review's reviewer when None) may not score ``review`` now."""
    return review_score_refusal(
        conflict=call.conflict(review),
        is_reviewer=user is None or call.reviewer_id(review) == user.pk,
        is_open=call.is_open(review),
    )


def review_conflict_declare(
    *, call: ReviewCall, review, has_conflict: bool, note: str = "", user=None
):
    """The reviewer says whether they have a conflict of interest; with one, their scores are
    dropped and they score no more. A declared conflict is final for the reviewer: only staff
    lift it (``review_conflict_lift``)."""
    if user is not None and call.reviewer_id(review) != user.pk:
        raise ReviewRefused(_("Cette évaluation ne vous est pas assignée."), code=NOT_REVIEWER)
    if call.conflict(review) and not has_conflict:
        raise ReviewRefused(
            _(
                "Vous avez déclaré un conflit d'intérêts : cette déclaration est définitive. "
                "Seule l'équipe du programme peut la lever."
            ),
            code=CONFLICT_FINAL,
        )
    call.conflict_store(review, has_conflict=has_conflict, note=note)
    return review


def review_conflict_lift(*, call: ReviewCall, review, user, reason: str):
    """Staff lift the reviewer's declared conflict, with a reason the history keeps."""
    if not call.conflict(review):
        raise ReviewRefused(
            _("Aucun conflit d'intérêts n'est déclaré sur cette évaluation."),
            code=CONFLICT_UNDECLARED,
        )
    if not reason.strip():
        raise ReviewRefused(
            _("Indiquez pourquoi le conflit d'intérêts est levé."), code=CONFLICT_FINAL
        )
    call.conflict_lift(review, user=user, reason=reason.strip())
    return review


def review_scores_record(
    *,
    call: ReviewCall,
    review,
    scores: Mapping[Hashable, Any],
    comment: str = "",
    user=None,
    now: datetime.datetime | None = None,
):
    """Record the reviewer's scores and comment, once the rules allow it."""
    refusal = review_refusal_for(call=call, review=review, user=user)
    if refusal is not None:
        raise refusal
    cleaned = review_scores_clean(criteria=call.criteria(review), scores=scores)
    call.scores_store(review, scores=cleaned, comment=comment, now=now or timezone.now())
    return review


# --- Ranking ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewLine:
    """One review as the ranking reads it: its subject, its conflict and its scores."""

    subject_key: Hashable
    conflict: bool | None
    scores: Mapping[Hashable, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Ranked:
    subject: Any
    averages: list[float | None]  # one per criterion, in the criteria's order
    average: float | None  # mean of every score of every counted review
    total: float | None  # mean of the counted reviews' totals (complete reviews only)
    reviewers: int  # reviews assigned
    scored: int  # reviews that count: no conflict, at least one score
    conflicts: int


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def review_ranking(
    *,
    subjects: Iterable[Any],
    criteria: Sequence[Criterion],
    reviews: Iterable[ReviewLine],
    key=lambda subject: subject.pk,
    by: Literal["average", "total"] = "average",
) -> list[Ranked]:
    """Rank ``subjects`` (given in the order that breaks ties) by their reviews, best first;
    a subject without a counted review comes last. Conflicted and unscored reviews count
    only in ``reviewers`` and ``conflicts``."""
    assigned: dict[Hashable, int] = defaultdict(int)
    conflicts: dict[Hashable, int] = defaultdict(int)
    counted: dict[Hashable, list[Mapping[Hashable, int]]] = defaultdict(list)
    for line in reviews:
        assigned[line.subject_key] += 1
        if line.conflict:
            conflicts[line.subject_key] += 1
        elif line.conflict is False and line.scores:
            counted[line.subject_key].append(line.scores)
    rows = []
    for subject in subjects:
        reviews_of = counted.get(key(subject), [])
        keys = [criterion.key for criterion in criteria]
        totals = [
            total
            for scores in reviews_of
            if (total := review_total(keys=keys, scores=scores)) is not None
        ]
        rows.append(
            Ranked(
                subject=subject,
                averages=[
                    _mean([s[c.key] for s in reviews_of if s.get(c.key) is not None])
                    for c in criteria
                ],
                average=_mean([value for scores in reviews_of for value in scores.values()]),
                total=_mean(totals),
                reviewers=assigned.get(key(subject), 0),
                scored=len(reviews_of),
                conflicts=conflicts.get(key(subject), 0),
            )
        )
    value = (lambda row: row.average) if by == "average" else (lambda row: row.total)
    return sorted(rows, key=lambda row: (value(row) is None, -(value(row) or 0)))
