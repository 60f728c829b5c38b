"""Wagtail admin of the call for challenges: agents, proposals, review rounds, their criteria
and assignments (each with history), and the ranking with the decisions.

Invitations are sent by agents from their space (they carry a signed link by e-mail); staff make
the first agent of an administration here, in "Agents des administrations"."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cms.viewsets import ProgramViewSet
from projects import call_urls
from projects.models import (
    AdministrationMembership,
    ChallengeProposal,
    ReviewAssignment,
    ReviewCriterion,
    ReviewRound,
)


class RankingLinkColumn(Column):
    cell_template_name = "projects/admin/_ranking_link_cell.html"


class MembershipViewSet(ProgramViewSet):
    model = AdministrationMembership
    base_url_path = "appel-a-defis/agents"
    admin_url_namespace = "projects_membership"
    icon = "user"
    list_display = ["user", "administration", "invited_by", "created_at"]
    list_filter = ["administration"]
    search_fields = ["user__email", "administration__name"]
    list_select_related = ("user", "administration", "invited_by")
    panels = [FieldPanel("user"), FieldPanel("administration")]


class ProposalViewSet(ProgramViewSet):
    model = ChallengeProposal
    base_url_path = "appel-a-defis/propositions"
    admin_url_namespace = "projects_proposal"
    icon = "doc-full"
    list_display = ["title", "administration", "cohort", "status", UpdatedAtColumn()]
    list_filter = ["cohort", "status", "administration"]
    search_fields = ["title", "administration__name", "problem"]
    list_select_related = ("administration", "cohort")
    panels = [
        FieldRowPanel([FieldPanel("cohort"), FieldPanel("administration")]),
        FieldPanel("title"),
        FieldPanel("problem"),
        FieldPanel("goal"),
        FieldPanel("data_available"),
        FieldRowPanel([FieldPanel("posts"), FieldPanel("town")]),
        FieldPanel("sponsor"),
        FieldPanel("mentors"),
        FieldPanel("cofunding"),
        FieldRowPanel(
            [FieldPanel("administration_funding_amount"), FieldPanel("program_funding_amount")]
        ),
        MultiFieldPanel(
            [
                FieldPanel("status", read_only=True),
                FieldPanel("submitted_at", read_only=True),
                FieldPanel("decided_at", read_only=True),
                FieldPanel("challenge", read_only=True),
            ],
            heading=_("Suivi (la décision se prend depuis le classement d'une session)"),
        ),
    ]


class ReviewRoundViewSet(ProgramViewSet):
    model = ReviewRound
    base_url_path = "appel-a-defis/sessions"
    admin_url_namespace = "projects_reviewround"
    icon = "list-ol"
    list_display = [
        "name",
        "cohort",
        "is_open",
        RankingLinkColumn("ranking", label=_("Classement")),
        "created_at",
    ]
    list_filter = ["cohort", "is_open"]
    search_fields = ["name"]
    list_select_related = ("cohort",)
    panels = [
        FieldPanel("cohort"),
        FieldPanel("name"),
        FieldPanel("instructions"),
        FieldPanel("is_open"),
    ]


class ReviewCriterionViewSet(ProgramViewSet):
    model = ReviewCriterion
    base_url_path = "appel-a-defis/criteres"
    admin_url_namespace = "projects_reviewcriterion"
    icon = "tasks"
    list_display = ["label", "round", "position"]
    list_filter = ["round"]
    search_fields = ["label"]
    list_select_related = ("round__cohort",)
    panels = [
        FieldPanel("round"),
        FieldPanel("label"),
        FieldPanel("description"),
        FieldPanel("position"),
    ]


class ReviewAssignmentViewSet(ProgramViewSet):
    model = ReviewAssignment
    base_url_path = "appel-a-defis/evaluations"
    admin_url_namespace = "projects_reviewassignment"
    icon = "user"
    list_display = ["proposal", "reviewer", "round", "conflict_of_interest", "scored_at"]
    list_filter = ["round", "conflict_of_interest"]
    search_fields = ["proposal__title", "reviewer__email"]
    list_select_related = ("proposal", "reviewer", "round__cohort")
    panels = [
        FieldPanel("round"),
        FieldPanel("proposal"),
        FieldPanel("reviewer"),
        MultiFieldPanel(
            [
                FieldPanel("conflict_of_interest", read_only=True),
                FieldPanel("conflict_note", read_only=True),
                FieldPanel("comment", read_only=True),
                FieldPanel("scored_at", read_only=True),
            ],
            heading=_("Réponse du membre du jury"),
        ),
    ]


class CallForChallengesGroup(SnippetViewSetGroup):
    menu_label = _("Appel à défis")
    menu_icon = "doc-full"
    menu_order = 215
    items = (
        ProposalViewSet,
        ReviewRoundViewSet,
        ReviewCriterionViewSet,
        ReviewAssignmentViewSet,
        MembershipViewSet,
    )


CALL_VIEWSETS = CallForChallengesGroup.items

register_snippet(CallForChallengesGroup)


@hooks.register("register_admin_urls")
def register_call_urls():
    return [path("appel-a-defis/", include(call_urls, namespace="projects_call"))]
