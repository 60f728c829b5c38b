"""Writes on the cohorts' events: recording attendance, answering invitations."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.events import Attendance, AttendanceStatus, Event, Rsvp, RsvpStatus
from core.emails import send_templated_email
from core.records import record_values_save
from core.typography import french_date


@transaction.atomic
def event_attendance_record(*, event: Event, statuses: dict[int, str]) -> int:
    """Record the attendance at ``event`` of each person id of ``statuses`` (a status of
    ``AttendanceStatus``, or "" to remove the record); returns how many records changed. Only
    changed records are written, so the history shows real changes."""
    existing = {record.person_id: record for record in event.attendances.all()}
    changed = 0
    for person_id, status in statuses.items():
        record = existing.get(person_id)
        if not status:
            if record is not None:
                record.delete()
                changed += 1
            continue
        if status not in AttendanceStatus.values:
            raise ValueError(f"unknown attendance status {status!r}")
        if record is None:
            Attendance.objects.create(event=event, person_id=person_id, status=status)
            changed += 1
        elif record.status != status:
            record.status = status
            record.save(update_fields=["status"])
            changed += 1
    return changed


# What those who answered « je viens » are told about when staff change it.
NOTIFIED_FIELDS = ("starts_at", "ends_at", "place", "is_cancelled")


@transaction.atomic
def event_save(*, instance: Event, values: dict[str, Any], user) -> Event:
    """Staff create or change an event of a cohort (its end after its start). When the date,
    the place or the cancellation of an upcoming event changes, everyone holding a seat or on
    its waiting list is told by e-mail."""
    before = None
    if instance.pk is not None:
        before = Event.objects.values(*NOTIFIED_FIELDS).get(pk=instance.pk)
    event = record_values_save(instance=instance, values=values)
    if before is not None:
        changed = [name for name in NOTIFIED_FIELDS if getattr(event, name) != before[name]]
        if changed and max(event.starts_at, before["starts_at"]) > timezone.now():
            _tell_those_who_answered(event=event, changed=changed)
    return event


def _when(value) -> str:
    return french_date(timezone.localtime(value), "j F Y, H:i") if value else ""


def _tell_those_who_answered(*, event: Event, changed: list[str]) -> None:
    cancelled = "is_cancelled" in changed and event.is_cancelled
    rsvps = event.rsvps.filter(
        status__in=[RsvpStatus.ATTENDING, RsvpStatus.WAITLISTED]
    ).select_related("person__user")
    for rsvp in rsvps:
        if not rsvp.person.contact_email:
            continue
        send_templated_email(
            "cohorts/emails/event_cancelled" if cancelled else "cohorts/emails/event_changed",
            [rsvp.person.contact_email],
            {
                "full_name": rsvp.person.full_name,
                "title": event.title,
                "starts_at": _when(event.starts_at),
                "ends_at": _when(event.ends_at),
                "place": event.place,
                "restored": "is_cancelled" in changed and not event.is_cancelled,
            },
        )


def attendance_save(*, instance: Attendance, values: dict[str, Any], user) -> Attendance:
    """Staff record one person's attendance at an event: one record per person and event."""
    return record_values_save(instance=instance, values=values)


class RsvpRefused(ValidationError):
    """An answer that cannot be recorded (past or cancelled event); the message is French."""


@transaction.atomic
def event_rsvp(*, event: Event, person, attending: bool, now=None) -> Rsvp:
    """Record ``person``'s answer to ``event``: coming (a seat, or the waiting list when the
    event is full) or not coming. A person who gives up a seat frees it: the first on the
    waiting list gets it and is told by e-mail. Answering a past or cancelled event is refused
    (``RsvpRefused``). Answering the same way twice changes nothing."""
    now = now or timezone.now()
    # Lock the event so two answers cannot take the last seat together.
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        raise RsvpRefused(_("Cet événement est annulé : il n'est plus possible d'y répondre."))
    if event.starts_at <= now:
        raise RsvpRefused(_("Cet événement est passé : il n'est plus possible d'y répondre."))
    rsvp = Rsvp.objects.filter(event=event, person=person).first()
    previous = rsvp.status if rsvp else None
    if attending:
        if previous in (RsvpStatus.ATTENDING, RsvpStatus.WAITLISTED):
            return rsvp
        seats_taken = event.rsvps.filter(status=RsvpStatus.ATTENDING).count()
        full = event.capacity is not None and seats_taken >= event.capacity
        status = RsvpStatus.WAITLISTED if full else RsvpStatus.ATTENDING
    else:
        if previous == RsvpStatus.DECLINED:
            return rsvp
        status = RsvpStatus.DECLINED
    rsvp = record_values_save(
        instance=rsvp or Rsvp(event=event, person=person),
        values={"status": status, "answered_at": now},
    )
    if previous == RsvpStatus.ATTENDING:
        _promote_from_waiting_list(event=event)
    return rsvp


def _promote_from_waiting_list(*, event: Event) -> Rsvp | None:
    """Give the freed seats of ``event`` to the first on its waiting list, telling them."""
    seats_taken = event.rsvps.filter(status=RsvpStatus.ATTENDING).count()
    if event.capacity is not None and seats_taken >= event.capacity:
        return None
    first = (
        event.rsvps.filter(status=RsvpStatus.WAITLISTED)
        .select_related("person")
        .order_by("answered_at", "pk")
        .first()
    )
    if first is None:
        return None
    record_values_save(instance=first, values={"status": RsvpStatus.ATTENDING})
    send_templated_email(
        "cohorts/emails/rsvp_seat_freed",
        [first.person.contact_email],
        {
            "full_name": first.person.full_name,
            "title": event.title,
            "starts_at": french_date(timezone.localtime(event.starts_at), "j F Y, H:i"),
            "place": event.place,
        },
    )
    return first
