"""The staff page « Qui est en retard » (onboarding and offboarding checklists), mounted in the
Wagtail admin by projects.wagtail_hooks; it requires the named permission
``cohorts.view_checklist_overdue`` (docs/roles.md)."""

from django.urls import path

from core.admin import permission_required
from projects import admin_views

app_name = "checklists_admin"

OVERDUE_PERMISSION = "cohorts.view_checklist_overdue"

urlpatterns = [
    path(
        "",
        permission_required(OVERDUE_PERMISSION)(admin_views.ChecklistsOverdueView.as_view()),
        name="overdue",
    ),
]
