"""URLs of the staff pages, mounted in the Wagtail admin by evaluation.wagtail_hooks; every view
requires program staff."""

from django.urls import path

from core.admin import staff_required
from evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("indicateurs/", staff_required(views.IndicatorsView.as_view()), name="indicators"),
    path(
        "indicateurs/export.<str:file_type>",
        staff_required(views.indicators_export),
        name="indicators-export",
    ),
    path("rapports/", staff_required(views.ReportsView.as_view()), name="reports"),
    path(
        "rapports/<int:report_id>/telecharger/",
        staff_required(views.report_download),
        name="report-download",
    ),
]
