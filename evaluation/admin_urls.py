"""URLs of the staff pages, mounted in the Wagtail admin by evaluation.wagtail_hooks; every view
requires a named permission of the staff's groups (docs/roles.md)."""

from django.urls import path

from core.admin import permission_required
from evaluation import views

app_name = "evaluation"

INDICATORS = "evaluation.view_indicators"
REPORTS = "evaluation.view_report"

urlpatterns = [
    path(
        "indicateurs/",
        permission_required(INDICATORS)(views.IndicatorsView.as_view()),
        name="indicators",
    ),
    path(
        "indicateurs/export.<str:file_type>",
        permission_required(INDICATORS)(views.indicators_export),
        name="indicators-export",
    ),
    path("rapports/", permission_required(REPORTS)(views.ReportsView.as_view()), name="reports"),
    path(
        "rapports/<int:report_id>/relancer/",
        permission_required(REPORTS)(views.report_restart_view),
        name="report-restart",
    ),
    path(
        "rapports/<int:report_id>/telecharger/",
        permission_required(REPORTS)(views.report_download),
        name="report-download",
    ),
]
