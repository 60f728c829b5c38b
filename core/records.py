"""Generic helpers of the services that write records: upsert outcomes, field-by-field saves and
unique slugs.

Each ``*_upsert`` of an app finds a record by its natural key, creates it when missing, and saves
only the fields whose value changed: an unchanged record is never written, so its history gets no
empty entry.
"""

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from django.db import models


class Outcome(StrEnum):
    """What an upsert did to a record."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def given(values: dict[str, Any]) -> dict[str, Any]:
    """The values that were given: ``None`` means "leave this field as it is"."""
    return {name: value for name, value in values.items() if value is not None}


def record_changes_save(*, instance: models.Model, values: dict[str, Any]) -> Outcome:
    """Set ``values`` on ``instance`` and save only the fields that changed; a ``None`` value
    leaves its field alone.

    Returns UPDATED when something was saved, UNCHANGED when nothing differed.
    """
    values = given(values)
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if not changed:
        return Outcome.UNCHANGED
    for name in changed:
        setattr(instance, name, values[name])
    instance.save(update_fields=changed)
    return Outcome.UPDATED


def unique_slug(*, base: str, taken: Callable[[str], bool]) -> str:
    """``base``, or the first of ``base-2``, ``base-3``… that ``taken`` does not refuse.

    ``base`` is already a slug (``slugify`` it first, and give a fallback for a text that has
    none); ``taken`` says whether a slug is used, by a query or by a set of slugs planned:

        unique_slug(base=slugify(title) or "defi", taken=lambda slug: Challenge.objects.filter(
            cohort=cohort, slug=slug).exists())
    """
    slug, number = base, 2
    while taken(slug):
        slug, number = f"{base}-{number}", number + 1
    return slug


def record_values_save(*, instance: models.Model, values: dict[str, Any]) -> models.Model:
    """Set ``values`` (a form's cleaned data, keyed by field name) on ``instance`` the way
    Django's model forms do (each field's ``save_form_data``), validate it (``full_clean()``,
    leaving aside the fields not given) and save it, then set its many-to-many fields.

    ``ValidationError`` (in French) refuses the write before anything is saved.
    """
    opts = instance._meta
    for field in opts.concrete_fields:
        if field.name in values and field.editable and not field.primary_key:
            field.save_form_data(instance, values[field.name])
    instance.full_clean(exclude=[field.name for field in opts.fields if field.name not in values])
    instance.save()
    for field in opts.many_to_many:
        if field.name in values:
            field.save_form_data(instance, values[field.name])
    return instance
