"""What the call for candidates supplies to the review engine (core.reviews): its review
(``Review``, one per reviewer and stage, with three fixed scores), who may review an application
(staff, or a mentor of a chosen challenge), and its criteria."""

import datetime
from collections.abc import Hashable

from django.utils.translation import gettext_lazy as _

from core.reviews import Criterion, ReviewCall
from selection import rules
from selection.models import REVIEW_SCORE_FIELDS as SCORE_FIELDS
from selection.models import Application, ApplicationStatus, Review


def application_criteria() -> list[Criterion]:
    """The three criteria every application is scored on, 0 to 5 each (the database checks
    the maximum too)."""
    return [
        Criterion(key=name, label=Review._meta.get_field(name).verbose_name, maximum=5)
        for name in SCORE_FIELDS
    ]


def review_scores(review: Review) -> dict[str, int]:
    """The scores given so far, by field name."""
    return {
        name: getattr(review, name) for name in SCORE_FIELDS if getattr(review, name) is not None
    }


class ApplicationReviews(ReviewCall):
    subject_not_reviewable_message = _("Seule une candidature déposée peut être évaluée.")
    reviewer_ineligible_message = _(
        "Seuls l'équipe du programme et les mentors des défis choisis peuvent évaluer."
    )

    def criteria(self, review: Review) -> list[Criterion]:
        return application_criteria()

    def conflict(self, review: Review) -> bool | None:
        # Undeclared (None) until the reviewer answers: they must answer before scoring.
        return review.has_conflict

    def subject_is_reviewable(self, subject: Application) -> bool:
        return subject.status == ApplicationStatus.SUBMITTED

    def reviewer_is_eligible(self, reviewer, subject: Application) -> bool:
        return rules.reviewer_is_eligible(user=reviewer, application=subject)

    def conflict_store(self, review: Review, *, has_conflict: bool, note: str) -> None:
        review.has_conflict = has_conflict
        review.conflict_note = note
        fields = ["has_conflict", "conflict_note"]
        if has_conflict:
            for name in SCORE_FIELDS:
                setattr(review, name, None)
            review.reviewed_at = None
            fields += [*SCORE_FIELDS, "reviewed_at"]
        review.save(update_fields=fields)

    def conflict_lift(self, review: Review, *, user, reason: str) -> None:
        # Back to undeclared: the reviewer declares again before reading the application.
        review.has_conflict = None
        review._change_reason = reason
        review._history_user = user
        review.save(update_fields=["has_conflict"])

    def scores_store(
        self, review: Review, *, scores: dict[Hashable, int], comment: str, now: datetime.datetime
    ) -> None:
        for name, value in scores.items():
            setattr(review, name, value)
        review.comment = comment
        review.reviewed_at = now
        review.save()


APPLICATION_REVIEWS = ApplicationReviews()
