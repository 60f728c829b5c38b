"""Who may see and do what with applications: the object-level rules of the call for
candidates, used by the views, the querysets and the exports alike.

- a candidate sees and edits only their own applications (edits only while the call is open);
- a reviewer sees only the submitted applications assigned to them, never the equality
  statistics;
- staff see everything, through the Wagtail admin.

Anyone else gets a 404 on the object (``get_object_or_404`` on these querysets).
"""

import datetime

from django.db.models import QuerySet

from cohorts.models import Cohort
from selection.models import Application, ApplicationStatus, Review


def call_is_open(*, cohort: Cohort, today: datetime.date) -> bool:
    """Whether the cohort's call for candidates is open on ``today`` (both dates included)."""
    opens, closes = cohort.candidates_call_opens, cohort.candidates_call_closes
    return opens is not None and opens <= today and (closes is None or today <= closes)


def applications_of_candidate(*, user) -> QuerySet[Application]:
    """The applications ``user`` wrote (nothing for an anonymous visitor)."""
    if not user.is_authenticated:
        return Application.objects.none()
    return Application.objects.filter(candidate=user)


def reviews_of_reviewer(*, user) -> QuerySet[Review]:
    """The reviews assigned to ``user``, on submitted applications only."""
    if not user.is_authenticated:
        return Review.objects.none()
    return Review.objects.filter(reviewer=user, application__status=ApplicationStatus.SUBMITTED)


def applications_readable_by(*, user) -> QuerySet[Application]:
    """The applications ``user`` may read: staff all, a candidate theirs, a reviewer the
    submitted ones assigned to them once they declared no conflict of interest (core.reviews:
    an undeclared or a conflicted reviewer never reads the CV, the identity nor the answers)."""
    if not user.is_authenticated:
        return Application.objects.none()
    if user.is_staff and user.has_perm("selection.view_application"):
        return Application.objects.all()
    assigned = reviews_of_reviewer(user=user).filter(has_conflict=False).values("application_id")
    return Application.objects.filter(candidate=user) | Application.objects.filter(pk__in=assigned)


def application_is_editable(*, application: Application, today: datetime.date) -> bool:
    """A draft or a submitted application can be changed by its candidate until the deadline;
    a withdrawn or decided one never."""
    return (
        application.status != ApplicationStatus.WITHDRAWN
        and not application.decision
        and call_is_open(cohort=application.cohort, today=today)
    )


def reviewer_is_eligible(*, user, application: Application) -> bool:
    """Staff, or a mentor of one of the challenges the application chose."""
    from projects.selectors import challenge_mentor_user_ids

    if not user.is_active:
        return False
    if user.is_staff and user.has_perm("selection.view_application"):
        return True
    mentors = challenge_mentor_user_ids(challenge_ids=application.choice_ids)
    return any(user.pk in users for users in mentors.values())


def is_reviewer(user) -> bool:
    return user.is_authenticated and reviews_of_reviewer(user=user).exists()


def may_apply(user) -> bool:
    """Whether the candidate's space shows in the header: an account that applied, or any
    account while a call for candidates is open."""
    from django.utils import timezone

    from cohorts.selectors import cohorts_open_for_candidates

    if not user.is_authenticated:
        return False
    if applications_of_candidate(user=user).exists():
        return True
    return bool(cohorts_open_for_candidates(today=timezone.localdate()))
