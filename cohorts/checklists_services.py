"""Writes on the checklists: staff define the templates and their items, a person ticks or
unticks their own items, and the reminders sent are recorded.

Whether an item is a person's own (their role in the promotion) is decided by the caller
(projects/checklists.py); these functions write what they are given."""

import datetime

from django.db import transaction
from django.utils import timezone

from cohorts.checklists import ChecklistItem, ChecklistReminder, ChecklistTemplate, ChecklistTick
from cohorts.models import Cohort


def checklist_template_save(*, form, user) -> ChecklistTemplate:
    """Staff create or change a checklist with its items, as the admin's form sends them."""
    template = form.instance
    template.full_clean(
        exclude=[
            field.name
            for field in ChecklistTemplate._meta.fields
            if field.name not in form.cleaned_data
        ]
    )
    with transaction.atomic():
        return form.save()


def checklist_item_tick(
    *,
    item: ChecklistItem,
    cohort: Cohort,
    user,
    done: bool,
    now: datetime.datetime | None = None,
) -> bool:
    """Mark ``item`` done (or not done) by ``user`` for ``cohort``; returns whether anything
    changed. Ticking twice keeps the first date."""
    if done:
        _tick, created = ChecklistTick.objects.get_or_create(
            item=item, cohort=cohort, user=user, defaults={"ticked_at": now or timezone.now()}
        )
        return created
    deleted, _rows = ChecklistTick.objects.filter(item=item, cohort=cohort, user=user).delete()
    return bool(deleted)


def checklist_reminders_record(
    *, user_id: int, entries: list[tuple[int, int]], now: datetime.datetime
) -> None:
    """Record that ``user_id`` was reminded of each ``(item_id, cohort_id)`` at ``now``."""
    ChecklistReminder.objects.bulk_create(
        ChecklistReminder(item_id=item_id, cohort_id=cohort_id, user_id=user_id, sent_at=now)
        for item_id, cohort_id in entries
    )
