"""URLs of the selection's staff pages, mounted in the Wagtail admin by cohorts.wagtail_hooks;
every view requires program staff."""

from django.urls import path

from core.admin import staff_required
from selection import admin_views

app_name = "selection_admin"

urlpatterns = [
    path(
        "statistiques/",
        staff_required(admin_views.ApplicationStatisticsView.as_view()),
        name="statistics",
    ),
    path(
        "<int:pk>/decision/",
        staff_required(admin_views.ApplicationDecisionView.as_view()),
        name="decision",
    ),
]
