"""URLs of the selection's staff pages, mounted in the Wagtail admin by cohorts.wagtail_hooks;
every view requires a named permission of the staff's groups (docs/roles.md)."""

from django.urls import path

from core.admin import permission_required
from selection import admin_views

app_name = "selection_admin"

urlpatterns = [
    path(
        "statistiques/",
        permission_required("selection.view_equalitystatistics")(
            admin_views.ApplicationStatisticsView.as_view()
        ),
        name="statistics",
    ),
    path(
        "<int:pk>/decision/",
        permission_required("selection.view_application", "selection.decide_application")(
            admin_views.ApplicationDecisionView.as_view()
        ),
        name="decision",
    ),
    path(
        "evaluations/<int:pk>/lever-le-conflit/",
        permission_required("selection.view_review", "selection.lift_review_conflict")(
            admin_views.ReviewConflictLiftView.as_view()
        ),
        name="review-conflict-lift",
    ),
]
