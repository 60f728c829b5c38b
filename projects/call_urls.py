"""Staff pages of the call for challenges, mounted in the Wagtail admin by
projects.wagtail_hooks; every view requires program staff."""

from django.urls import path

from core.admin import staff_required
from projects import admin_views

app_name = "projects_call"

urlpatterns = [
    path(
        "sessions/<int:pk>/classement/",
        staff_required(admin_views.RankingView.as_view()),
        name="ranking",
    ),
    path(
        "sessions/<int:pk>/decision/<int:proposal_pk>/",
        staff_required(admin_views.decide),
        name="decide",
    ),
]
