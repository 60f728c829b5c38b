"""Writes of a challenge's objectives and of their values, for the team space and the admin
alike: numbers of at most 12 digits before the decimal point and 3 after (the fields' bounds),
a target other than the baseline, and a measure dated neither in the future nor before its
cohort's start, once per objective and date."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.records import record_values_save
from projects.models import ChallengeObjective, ObjectiveValue

OBJECTIVE_FIELDS = ("name", "unit", "baseline", "target", "source", "is_public", "order")
VALUE_FIELDS = ("measured_on", "value", "note")


def objective_save(
    *, instance: ChallengeObjective, values: dict[str, Any], user=None
) -> ChallengeObjective:
    """Create or change an objective of a challenge (``instance.challenge`` set, or
    ``values["challenge"]`` from the admin)."""
    return record_values_save(instance=instance, values=values)


def _value_check(value: ObjectiveValue) -> None:
    measured_on = value.measured_on
    if measured_on is None:
        return
    errors = []
    if measured_on > timezone.localdate():
        errors.append(_("La date de la mesure ne peut pas être dans le futur."))
    starts = value.objective.challenge.cohort.start_date if value.objective_id else None
    if starts is not None and measured_on < starts:
        errors.append(
            _("La date de la mesure ne peut pas précéder le début de la promotion (%(date)s).")
            % {"date": formats.date_format(starts, "j F Y")}
        )
    taken = ObjectiveValue.objects.filter(
        objective_id=value.objective_id, measured_on=measured_on
    ).exclude(pk=value.pk)
    if value.objective_id and taken.exists():
        errors.append(
            _("Une valeur est déjà enregistrée à cette date pour cet objectif : modifiez-la.")
        )
    if errors:
        raise ValidationError({"measured_on": errors})


def objective_value_save(
    *, instance: ObjectiveValue, values: dict[str, Any], user=None, recorded_by=None
) -> ObjectiveValue:
    """Record or change a value of an objective; ``recorded_by`` (the team member's person)
    is kept on a new value. ``ValidationError`` (in French, by field) refuses it."""
    if instance.pk is None and recorded_by is not None:
        instance.recorded_by = recorded_by
    if "objective" in values:
        instance.objective = values["objective"]
    if "measured_on" in values:
        instance.measured_on = values["measured_on"]
    _value_check(instance)
    return record_values_save(instance=instance, values=values)
