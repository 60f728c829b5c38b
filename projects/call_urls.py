"""Staff pages of the call for challenges, mounted in the Wagtail admin by
projects.wagtail_hooks; every view requires a named permission of the staff's groups
(docs/roles.md)."""

from django.urls import path

from core.admin import permission_required
from projects import admin_views

app_name = "projects_call"

urlpatterns = [
    path(
        "sessions/<int:pk>/classement/",
        permission_required("projects.view_challengeproposal")(admin_views.RankingView.as_view()),
        name="ranking",
    ),
    path(
        "sessions/<int:pk>/decision/<int:proposal_pk>/",
        permission_required("projects.decide_challengeproposal")(admin_views.decide),
        name="decide",
    ),
]
