"""Reads of the project-wide features: evaluation reports."""

from django.db.models import QuerySet

from evaluation.models import Report

REPORTS_LISTED = 50


def report_list(*, limit: int = REPORTS_LISTED) -> QuerySet[Report]:
    """The latest reports first, with what their listing shows (two joins, one query)."""
    return Report.objects.select_related("cohort", "requested_by").order_by("-created_at", "-id")[
        :limit
    ]


def report_get(*, report_id: int) -> Report:
    """One report; raises ``Report.DoesNotExist`` when there is none."""
    return Report.objects.select_related("cohort", "requested_by").get(pk=report_id)
