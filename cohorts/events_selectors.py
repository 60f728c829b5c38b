"""Reads on the cohorts' events, for the team space."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils import timezone

from cohorts.events import Attendance, Event
from cohorts.models import Person
from cohorts.rules_events import TEAM_ROLES, own_attendances, visible_events


@dataclass(frozen=True)
class EventWithAttendance:
    event: Event
    attendance: Attendance | None


def team_events(
    *, user, upcoming: bool = True, now: datetime.datetime | None = None, limit: int = 20
) -> list[EventWithAttendance]:
    """The events of ``user``'s cohorts, upcoming (soonest first) or past (latest first), each
    with ``user``'s own attendance if recorded. Two queries, whatever their number."""
    now = now or timezone.now()
    events = visible_events(user).select_related("cohort")
    if upcoming:
        events = events.filter(starts_at__gte=now).order_by("starts_at", "pk")
    else:
        events = events.filter(starts_at__lt=now).order_by("-starts_at", "-pk")
    events = events.prefetch_related(
        Prefetch("attendances", queryset=own_attendances(user), to_attr="own_attendances")
    )[:limit]
    return [
        EventWithAttendance(event=event, attendance=next(iter(event.own_attendances), None))
        for event in events
    ]


def event_expected_people(*, event: Event) -> list[Person]:
    """Who is expected at ``event``: the fellows of its cohort, the fellows and mentors of its
    cohort's challenges, and anyone whose attendance is already recorded; by name, each with
    ``attendance`` (their record for this event, or None) and ``rsvp_status`` (their answer,
    or None), to pre-fill the sheet. Three queries."""
    people = list(
        Person.objects.filter(
            Q(fellowships__cohort=event.cohort_id)
            | Q(
                memberships__challenge__cohort=event.cohort_id,
                memberships__role__in=TEAM_ROLES,
            )
            | Q(attendances__event=event)
            | Q(rsvps__event=event)
        )
        .distinct()
        .order_by("full_name", "pk")
    )
    records = {record.person_id: record for record in event.attendances.all()}
    answers = dict(event.rsvps.values_list("person_id", "status"))
    for person in people:
        person.attendance = records.get(person.pk)
        person.rsvp_status = answers.get(person.pk)
    return people
