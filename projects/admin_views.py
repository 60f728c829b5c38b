"""Staff pages of the call for challenges in the Wagtail admin: a round's ranking, and the
decision on each proposal (selected proposals become the cohort's unpublished challenges)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from projects import selectors, services
from projects.models import ChallengeProposal, ProposalStatus, ReviewRound


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
