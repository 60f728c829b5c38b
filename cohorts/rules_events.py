"""Who sees which events of the program, and their own attendance.

A fellow or mentor sees the events of the cohorts of their own challenges (and of the cohorts
where they are a fellow), and only their own attendance. Staff manage events in the admin.
"""

from django.db.models import Q, QuerySet

from cohorts.events import Attendance, Event
from cohorts.models import Cohort

# Team roles that follow a cohort's events (projects.TeamRole values; cohorts does not import
# projects, which depends on it).
TEAM_ROLES = ("fellow", "mentor")


def team_cohorts(user) -> QuerySet[Cohort]:
    """The cohorts ``user`` takes part in, as a fellow or as a fellow/mentor of a challenge."""
    if user is None or not user.is_authenticated:
        return Cohort.objects.none()
    return Cohort.objects.filter(
        Q(fellowships__person__user=user)
        | Q(
            challenges__memberships__person__user=user,
            challenges__memberships__role__in=TEAM_ROLES,
        )
    ).distinct()


def visible_events(user) -> QuerySet[Event]:
    """The events of ``user``'s cohorts."""
    return Event.objects.filter(cohort__in=team_cohorts(user))


def own_attendances(user) -> QuerySet[Attendance]:
    """``user``'s own attendance records (never anyone else's)."""
    if user is None or not user.is_authenticated:
        return Attendance.objects.none()
    return Attendance.objects.filter(person__user=user)


def answerable_event_or_404(user, *, pk: int) -> Event:
    """An event of ``user``'s cohorts that ``user`` (who has a person record) may answer; 404
    otherwise, so that other cohorts' events stay unknown."""
    from django.shortcuts import get_object_or_404

    if getattr(user, "person", None) is None:
        from django.http import Http404

        raise Http404
    return get_object_or_404(visible_events(user).select_related("cohort"), pk=pk)
