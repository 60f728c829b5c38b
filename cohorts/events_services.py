"""Writes on the cohorts' events: recording attendance."""

from typing import Any

from django.db import transaction

from cohorts.events import Attendance, AttendanceStatus, Event
from core.records import record_values_save


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


def event_save(*, instance: Event, values: dict[str, Any], user) -> Event:
    """Staff create or change an event of a cohort (its end after its start)."""
    return record_values_save(instance=instance, values=values)


def attendance_save(*, instance: Attendance, values: dict[str, Any], user) -> Attendance:
    """Staff record one person's attendance at an event: one record per person and event."""
    return record_values_save(instance=instance, values=values)
