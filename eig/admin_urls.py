"""URLs of the staff pages, mounted in the Wagtail admin by eig.wagtail_hooks; every view
requires program staff."""

from django.urls import path

from eig import views

app_name = "eig_reports"

urlpatterns = [
    path("indicateurs/", views.staff_required(views.IndicatorsView.as_view()), name="indicators"),
    path(
        "indicateurs/export.<str:file_type>",
        views.staff_required(views.indicators_export),
        name="indicators-export",
    ),
    path("rapports/", views.staff_required(views.ReportsView.as_view()), name="reports"),
    path(
        "rapports/<int:report_id>/telecharger/",
        views.staff_required(views.report_download),
        name="report-download",
    ),
]
