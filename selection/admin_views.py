"""Staff pages of the selection in the Wagtail admin: the decision on an application and the
statistics of a call for candidates. Every view requires program staff."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.charts import bar_chart_svg
from selection import rules, selectors, services
from selection.models import Application, ApplicationStatus, Decision, Review


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Décision"),
        choices=[(value, label) for value, label in Decision.choices if value],
        widget=forms.RadioSelect,
    )
    challenge = forms.ModelChoiceField(
        label=gettext_lazy("Défi attribué (si retenue)"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("Premier choix du candidat"),
    )
    reason = forms.CharField(
        label=gettext_lazy("Motif (obligatoire en cas de refus, transmis au candidat)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        from projects.selectors import challenge_public_queryset

        self.fields["challenge"].queryset = challenge_public_queryset().filter(
            pk__in=application.choice_ids
        )


class ApplicationDecisionView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "selection/admin/decision.html"
    page_title = gettext_lazy("Décision sur la candidature")
    header_icon = "tick"

    def dispatch(self, request, *args, **kwargs):
        self.application = get_object_or_404(
            rules.applications_readable_by(user=request.user).filter(
                status=ApplicationStatus.SUBMITTED
            ),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.application)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", DecisionForm(application=self.application))
        reviews = list(self.application.reviews.select_related("reviewer"))
        return super().get_context_data(
            application=self.application,
            reviews=reviews,
            may_lift_conflicts=self.request.user.has_perm("selection.lift_review_conflict"),
            interviews=list(self.application.interviews.all()),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = DecisionForm(request.POST, application=self.application)
        if form.is_valid():
            try:
                services.application_decide(
                    application=self.application,
                    decision=form.cleaned_data["decision"],
                    reason=form.cleaned_data["reason"],
                    challenge=form.cleaned_data["challenge"],
                )
            except services.ApplicationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _("Décision enregistrée ; le candidat en est informé par courriel."),
                )
                return redirect("selection_admin:decision", pk=self.application.pk)
        return self.render_to_response(self.get_context_data(form=form))


class ConflictLiftForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Motif (conservé dans l'historique de l'évaluation)"),
        # The history's reason column holds no more.
        max_length=Review.history.model._meta.get_field("history_change_reason").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReviewConflictLiftView(WagtailAdminTemplateMixin, TemplateView):
    """Staff lift the conflict of interest a reviewer declared, with a reason: the reviewer
    declares again, and the review's history keeps who lifted it and why."""

    template_name = "selection/admin/review_conflict_lift.html"
    page_title = gettext_lazy("Lever un conflit d'intérêts")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        self.review = get_object_or_404(
            Review.objects.select_related("application__cohort", "reviewer"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.review)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ConflictLiftForm())
        return super().get_context_data(review=self.review, **kwargs)

    def post(self, request, *args, **kwargs):
        form = ConflictLiftForm(request.POST)
        if form.is_valid():
            try:
                services.review_conflict_lift(
                    review=self.review, user=request.user, reason=form.cleaned_data["reason"]
                )
            except services.ApplicationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _("Conflit d'intérêts levé : l'évaluateur doit se déclarer à nouveau."),
                )
                return redirect("selection_admin:review-conflict-lift", pk=self.review.pk)
        return self.render_to_response(self.get_context_data(form=form))


class CohortChoiceForm(forms.Form):
    cohort = forms.ModelChoiceField(
        label=gettext_lazy("Promotion"), queryset=None, required=False, empty_label=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from cohorts.models import Cohort

        self.fields["cohort"].queryset = Cohort.objects.filter(
            candidates_call_opens__isnull=False
        ).order_by("-year", "-pk")


class ApplicationStatisticsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "selection/admin/statistics.html"
    page_title = gettext_lazy("Statistiques des candidatures")
    header_icon = "table"
    breadcrumbs_items = []

    def get_context_data(self, **kwargs):
        form = CohortChoiceForm(self.request.GET or None)
        cohort = form.cleaned_data["cohort"] if form.is_valid() else None
        if cohort is None:
            cohort = next(iter(selectors.cohorts_with_calls()), None)
            form = CohortChoiceForm(initial={"cohort": cohort})
        statistics = selectors.application_statistics(cohort=cohort) if cohort else None
        charts = []
        if statistics:
            for title, rows in (
                (_("Candidatures par profil"), statistics.by_profile),
                (_("Candidatures par défi (tous choix confondus)"), statistics.by_challenge),
                (_("Genre déclaré (réponses facultatives)"), statistics.by_gender),
                (_("Des candidatures aux EIG"), statistics.funnel),
            ):
                charts.append(
                    bar_chart_svg(
                        title=str(title),
                        labels=[row.label for row in rows],
                        values=[row.count for row in rows],
                    )
                )
        return super().get_context_data(form=form, statistics=statistics, charts=charts, **kwargs)
