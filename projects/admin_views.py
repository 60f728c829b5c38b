"""Staff pages of the projects in the Wagtail admin: a round's ranking of the call for
challenges, the decision on each proposal (selected proposals become the cohort's unpublished
challenges), and the teams that have gone quiet."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cohorts.models import ChecklistTemplate
from projects import selectors, services
from projects.checklists import late_groups
from projects.models import (
    Challenge,
    ChallengeProposal,
    ProgressReport,
    ProposalStatus,
    ReviewRound,
)
from projects.progress_selectors import QUIET_AFTER_DAYS, quiet_teams
from projects.progress_services import quiet_teams_remind


class RankingView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "projects/admin/ranking.html"
    page_title = gettext_lazy("Classement")
    header_icon = "list-ol"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Tableau de bord")},
            {"url": reverse("projects_reviewround:list"), "label": _("Sessions d'évaluation")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_page_subtitle(self):
        return str(self.review_round)

    def get(self, request, *args, **kwargs):
        self.review_round = get_object_or_404(
            ReviewRound.objects.select_related("cohort"), pk=kwargs["pk"]
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            review_round=self.review_round,
            criteria=list(self.review_round.criteria.all()),
            rows=selectors.review_round_ranking(review_round=self.review_round),
            **kwargs,
        )


@require_POST
def decide(request, pk: int, proposal_pk: int):
    review_round = get_object_or_404(ReviewRound, pk=pk)
    proposal = get_object_or_404(
        ChallengeProposal.objects.exclude(status=ProposalStatus.DRAFT),
        pk=proposal_pk,
        cohort_id=review_round.cohort_id,
    )
    selected = request.POST.get("decision") == "selected"
    try:
        services.proposal_decide(proposal=proposal, selected=selected)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("projects_call:ranking", pk=review_round.pk)
    if selected:
        messages.success(
            request,
            _(
                "« %(title)s » est retenue : le défi est créé, non publié. "
                "Publiez-le depuis la liste des défis quand il est prêt."
            )
            % {"title": proposal.title},
        )
    else:
        messages.success(request, _("« %(title)s » n'est pas retenue.") % {"title": proposal.title})
    return redirect("projects_call:ranking", pk=review_round.pk)


# --- Quiet teams ------------------------------------------------------------------------------


class QuietTeamsForm(forms.Form):
    days = forms.IntegerField(
        label=gettext_lazy("Sans point depuis (jours)"), min_value=1, max_value=365, required=False
    )


class QuietTeamsView(WagtailAdminTemplateMixin, TemplateView):
    """The teams of the running cohorts without a progress report for N days (or ever)."""

    template_name = "projects/admin/quiet_teams.html"
    page_title = gettext_lazy("Équipes silencieuses")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("projects.view_progressreport"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def post(self, request, *args, **kwargs):
        """Remind the quiet teams now (as the remind_progress_reports command does)."""
        if not request.user.has_perm("projects.add_progressreminder"):
            raise PermissionDenied
        days = self.days(request.POST)
        reminded = quiet_teams_remind(days=days)
        messages.success(
            request,
            _("%(count)s équipe(s) relancée(s) par e-mail.") % {"count": reminded},
        )
        return redirect(f"{reverse('equipes-silencieuses:index')}?days={days}")

    @staticmethod
    def days(data) -> int:
        form = QuietTeamsForm(data or None)
        if form.is_valid() and form.cleaned_data["days"]:
            return form.cleaned_data["days"]
        return QUIET_AFTER_DAYS

    def get_context_data(self, **kwargs):
        form = QuietTeamsForm(self.request.GET or None)
        days = self.days(self.request.GET)
        teams = list(quiet_teams(days=days))
        edit_url_name = Challenge.snippet_viewset.get_url_name("edit")
        reports_url = reverse(ProgressReport.snippet_viewset.get_url_name("list"))
        for challenge in teams:
            challenge.admin_url = reverse(edit_url_name, args=[challenge.pk])
            challenge.reports_url = f"{reports_url}?challenge={challenge.pk}"
        return super().get_context_data(form=form, days=days, teams=teams, **kwargs)


# --- Onboarding and offboarding checklists: who is behind ---------------------------------------


class ChecklistsOverdueView(WagtailAdminTemplateMixin, TemplateView):
    """Per current promotion and role, the people whose onboarding or offboarding tasks are
    overdue, with how many and since when (projects/checklists.py)."""

    template_name = "projects/admin/checklists_overdue.html"
    page_title = gettext_lazy("Qui est en retard")
    header_icon = "warning"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        groups = late_groups()
        return super().get_context_data(
            groups=groups,
            late_total=sum(len(group.late) for group in groups),
            templates_url=reverse(ChecklistTemplate.snippet_viewset.get_url_name("list")),
            **kwargs,
        )
