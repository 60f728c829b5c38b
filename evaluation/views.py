"""Staff pages of the Wagtail admin: evaluation indicators, their exports, and the reports.

Wagtail's admin lets in only users with admin access; these pages further require program staff.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cohorts.selectors import cohort_list
from evaluation.exports import indicators_csv_build, indicators_xlsx_build
from evaluation.indicators import indicator_data_load, indicators_compute
from evaluation.models import Report, ReportStatus
from evaluation.selectors import report_get, report_list
from evaluation.services import report_stalled_fail
from evaluation.tasks import report_request, report_restart


class CohortScopeForm(forms.Form):
    cohort = forms.ModelChoiceField(
        label=gettext_lazy("Périmètre"),
        queryset=cohort_list(),
        required=False,
        empty_label=gettext_lazy("Ensemble du programme"),
    )


class ReportRequestForm(CohortScopeForm):
    challenge_pages = forms.BooleanField(
        label=gettext_lazy("Inclure une page par défi (équipe et chiffres clés)"),
        required=False,
        initial=True,
    )


def _scope_from(request) -> tuple[CohortScopeForm, int | None]:
    form = CohortScopeForm(request.GET or None)
    cohort = form.cleaned_data["cohort"] if form.is_valid() else None
    return form, cohort.pk if cohort else None


class IndicatorsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "evaluation/indicators/index.html"
    page_title = gettext_lazy("Indicateurs")
    header_icon = "table"
    breadcrumbs_items = []

    def get_context_data(self, **kwargs):
        form, cohort_id = _scope_from(self.request)
        results = indicators_compute(data=indicator_data_load(), cohort_id=cohort_id)
        query = f"?cohort={cohort_id}" if cohort_id else ""
        return super().get_context_data(
            form=form,
            results=results,
            data_credit=settings.EIG_DATA_CREDIT,
            data_licence_url=settings.EIG_DATA_LICENCE_URL,
            csv_url=reverse("evaluation:indicators-export", args=["csv"]) + query,
            xlsx_url=reverse("evaluation:indicators-export", args=["xlsx"]) + query,
            **kwargs,
        )


EXPORT_TYPES = {
    "csv": ("text/csv; charset=utf-8", indicators_csv_build),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        indicators_xlsx_build,
    ),
}


def indicators_export(request, file_type: str):
    if file_type not in EXPORT_TYPES:
        raise Http404
    _form, cohort_id = _scope_from(request)
    results = indicators_compute(data=indicator_data_load(), cohort_id=cohort_id)
    content_type, build = EXPORT_TYPES[file_type]
    name = slugify(f"indicateurs-eig-{results.scope_label}-{timezone.localdate()}")
    response = HttpResponse(build(results=results), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_type}"'
    return response


class ReportsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "evaluation/reports/index.html"
    page_title = gettext_lazy("Rapports d'évaluation")
    header_icon = "doc-full"
    breadcrumbs_items = []
    success_url = reverse_lazy("evaluation:reports")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ReportRequestForm())
        # A report whose worker stopped mid-render is shown failed, ready to be restarted.
        report_stalled_fail(now=timezone.now())
        reports = list(report_list())
        return super().get_context_data(
            reports=reports, in_progress=any(not report.is_finished for report in reports), **kwargs
        )

    def post(self, request, *args, **kwargs):
        form = ReportRequestForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        report = report_request(
            requested_by=request.user,
            cohort=form.cleaned_data["cohort"],
            challenge_pages=form.cleaned_data["challenge_pages"],
        )
        messages.success(request, _("Rapport demandé : %(scope)s.") % {"scope": report.scope_label})
        return redirect(self.success_url)


@require_POST
def report_restart_view(request, report_id: int):
    try:
        report = report_get(report_id=report_id)
    except Report.DoesNotExist:
        raise Http404 from None
    if report_restart(report_id=report.pk):
        messages.success(request, _("Rapport relancé : %(scope)s.") % {"scope": report.scope_label})
    else:
        messages.error(request, _("Seul un rapport en échec peut être relancé."))
    return redirect("evaluation:reports")


def report_download(request, report_id: int):
    try:
        report = report_get(report_id=report_id)
    except Report.DoesNotExist:
        raise Http404 from None
    if report.status != ReportStatus.DONE or not report.file:
        raise Http404
    finished = timezone.localtime(report.finished_at).strftime("%Y-%m-%d-%H%M")
    name = slugify(f"rapport-evaluation-eig-{report.scope_label}-{finished}")
    return FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=f"{name}.pdf",
        content_type="application/pdf",
    )
