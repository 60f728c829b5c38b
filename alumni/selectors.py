"""Reads on alumni positions, for the other apps."""

from typing import Any

from alumni.models import Position

# --- Plain rows for the evaluation indicators (one query, whatever the number of cohorts) ------

POSITION_ROW_FIELDS = ("id", "person_id", "sector", "start", "end")


def position_rows_list() -> list[dict[str, Any]]:
    """Every position held by a person who was a fellow of a cohort."""
    return list(
        Position.objects.filter(person__fellowships__isnull=False)
        .distinct()
        .order_by("person_id", "start", "id")
        .values(*POSITION_ROW_FIELDS)
    )
