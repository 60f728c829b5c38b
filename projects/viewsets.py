"""The projects in the Wagtail admin: administrations, challenges and their teams, key figures,
links, objectives and their values (menu « Défis »), the call for challenges (proposals, review
rounds, criteria, assignments, agents: menu « Appel à défis »), and program life (menu « Vie du
programme »: the cohorts' events and attendance with the progress reports).

Every viewset keeps the history of its records (core.viewsets.ProgramViewSet).
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, RelatedObjectsColumn, StatusFlagColumn, UpdatedAtColumn
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cohorts.models import Cohort
from cohorts.viewsets import AttendanceViewSet, ChecklistTemplateViewSet, EventViewSet
from core.viewsets import ProgramViewSet, values_write
from projects import progress_services, services
from projects.admin_views import QuietTeamsView
from projects.models import (
    Administration,
    AdministrationMembership,
    Challenge,
    ChallengeLink,
    ChallengeObjective,
    ChallengeProposal,
    KeyFigure,
    ObjectiveValue,
    ProgressReport,
    ReviewAssignment,
    ReviewCriterion,
    ReviewRound,
    Skill,
    TeamMembership,
    Theme,
)
from projects.models.jury import REVIEWER_IS_AGENT_MESSAGE

# --- Administrations, challenges, teams ---------------------------------------------------------


class ChallengeFilterSet(WagtailFilterSet):
    administration = django_filters.ModelChoiceFilter(
        label=_("Administration d'accueil"),
        field_name="administrations",
        queryset=Administration.objects.filter(challenges__isnull=False).distinct(),
        distinct=True,
    )

    class Meta:
        model = Challenge
        fields = ["cohort", "status", "is_published"]


class AdministrationFilterSet(WagtailFilterSet):
    parent = django_filters.ModelChoiceFilter(
        label=_("Administration de rattachement"),
        field_name="parent",
        queryset=Administration.objects.filter(children__isnull=False).distinct(),
    )

    class Meta:
        model = Administration
        fields = ["kind"]


class AdministrationViewSet(ProgramViewSet):
    model = Administration
    icon = "site"
    list_display = ["__str__", "kind", "parent", UpdatedAtColumn()]
    filterset_class = AdministrationFilterSet
    search_fields = ["name", "acronym"]
    list_select_related = ("parent",)
    create_service = edit_service = values_write(services, "administration_save")
    panels = [
        FieldPanel("name"),
        FieldPanel("acronym"),
        FieldPanel("kind"),
        FieldPanel("parent"),
        FieldPanel("website"),
    ]


class ChallengeViewSet(ProgramViewSet):
    model = Challenge
    icon = "pick"
    list_display = [
        "title",
        "cohort",
        RelatedObjectsColumn("administrations", label=_("Administrations d'accueil")),
        "status",
        StatusFlagColumn("is_published", label=_("Site public"), true_label=_("Publié")),
        UpdatedAtColumn(),
    ]
    filterset_class = ChallengeFilterSet
    search_fields = ["title", "slug", "summary", "town"]
    list_select_related = ("cohort",)
    list_prefetch_related = ("administrations",)
    create_service = edit_service = values_write(services, "challenge_save")
    panels = [
        FieldPanel("cohort"),
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("administrations"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("skills", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("posts"), FieldPanel("duration_months"), FieldPanel("town")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("is_published")]),
        MultiFieldPanel(
            [FieldPanel("outcome"), FieldPanel("outcome_note")], heading=_("Après le programme")
        ),
    ]


class TeamMembershipViewSet(ProgramViewSet):
    model = TeamMembership
    icon = "group"
    list_display = ["person", "role", "challenge", UpdatedAtColumn()]
    list_filter = ["role"]
    search_fields = ["person__full_name", "challenge__title"]
    create_service = edit_service = values_write(services, "team_membership_save")
    list_select_related = ("person", "challenge")


class KeyFigureViewSet(ProgramViewSet):
    model = KeyFigure
    icon = "decimal"
    list_display = ["__str__", "challenge", "position", UpdatedAtColumn()]
    search_fields = ["description", "challenge__title"]
    create_service = edit_service = values_write(services, "key_figure_save")
    list_select_related = ("challenge",)


class ChallengeLinkViewSet(ProgramViewSet):
    model = ChallengeLink
    icon = "link"
    list_display = ["__str__", "kind", "challenge", UpdatedAtColumn()]
    list_filter = ["kind"]
    search_fields = ["title", "url", "challenge__title"]
    create_service = edit_service = values_write(services, "challenge_link_save")
    list_select_related = ("challenge",)


class ChallengeObjectiveViewSet(ProgramViewSet):
    model = ChallengeObjective
    icon = "order"
    list_display = ["name", "challenge", "baseline", "target", "is_public", UpdatedAtColumn()]
    list_filter = ["is_public"]
    search_fields = ["name", "source", "challenge__title"]
    create_service = edit_service = values_write(services, "objective_save")
    list_select_related = ("challenge",)


class ObjectiveValueViewSet(ProgramViewSet):
    model = ObjectiveValue
    icon = "date"
    list_display = ["objective", "measured_on", "value", "recorded_by", UpdatedAtColumn()]
    search_fields = ["objective__name", "objective__challenge__title"]
    create_service = edit_service = values_write(services, "objective_value_save")
    list_select_related = ("objective__challenge", "recorded_by")


class ThemeViewSet(ProgramViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug", UpdatedAtColumn()]
    create_service = edit_service = values_write(services, "theme_save")
    search_fields = ["name", "slug"]


class SkillViewSet(ProgramViewSet):
    model = Skill
    icon = "cogs"
    list_display = ["name", "code", UpdatedAtColumn()]
    create_service = edit_service = values_write(services, "skill_save")
    search_fields = ["name", "code"]


class ChallengesGroup(SnippetViewSetGroup):
    menu_label = _("Défis")
    menu_icon = "pick"
    menu_order = 210
    items = (
        AdministrationViewSet,
        ChallengeViewSet,
        TeamMembershipViewSet,
        KeyFigureViewSet,
        ChallengeLinkViewSet,
        ChallengeObjectiveViewSet,
        ObjectiveValueViewSet,
        ThemeViewSet,
        SkillViewSet,
    )


# --- The call for challenges ------------------------------------------------------------------


class RankingLinkColumn(Column):
    cell_template_name = "projects/admin/_ranking_link_cell.html"


def membership_add_write(*, form, user) -> AdministrationMembership:
    """The admin's new agent of an administration, through ``services.membership_add``."""
    return services.membership_add(
        user=form.cleaned_data["user"], administration=form.cleaned_data["administration"]
    )


def review_assign_write(*, form, user) -> ReviewAssignment:
    """The admin's assignment of a jury member, through ``services.review_assign``: never an
    agent of the proposing administration."""
    data = form.cleaned_data
    try:
        return services.review_assign(
            review_round=data["round"], proposal=data["proposal"], reviewer=data["reviewer"]
        )
    except services.ReviewerConflictError as error:
        raise ValidationError({"reviewer": REVIEWER_IS_AGENT_MESSAGE}) from error


class MembershipViewSet(ProgramViewSet):
    model = AdministrationMembership
    base_url_path = "appel-a-defis/agents"
    admin_url_namespace = "projects_membership"
    icon = "user"
    list_display = ["user", "administration", "invited_by", "created_at"]
    list_filter = ["administration"]
    search_fields = ["user__email", "administration__name"]
    list_select_related = ("user", "administration", "invited_by")
    create_service = membership_add_write
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
    create_service = edit_service = values_write(services, "proposal_admin_save")
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


def review_round_open_write(*, form, user) -> ReviewRound:
    """The admin's new review round, through ``services.review_round_open`` (its criteria are
    added next, in « Critères »)."""
    data = form.cleaned_data
    review_round = services.review_round_open(
        cohort=data["cohort"], name=data["name"], criteria=(), instructions=data["instructions"]
    )
    if review_round.is_open != data["is_open"]:
        review_round = services.review_round_change(review_round=review_round, **data)
    return review_round


def review_round_change_write(*, form, user) -> ReviewRound:
    """The admin's change of a review round, through ``services.review_round_change``."""
    return services.review_round_change(review_round=form.instance, **form.cleaned_data)


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
    create_service = review_round_open_write
    edit_service = review_round_change_write
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
    create_service = edit_service = values_write(services, "review_criterion_save")
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
    create_service = review_assign_write
    edit_service = values_write(services, "review_assignment_change")
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


# --- Program life ------------------------------------------------------------------------------


class ProgressReportFilterSet(WagtailFilterSet):
    cohort = django_filters.ModelChoiceFilter(
        label=_("Promotion"), field_name="challenge__cohort", queryset=Cohort.objects.all()
    )
    challenge = django_filters.ModelChoiceFilter(
        label=_("Défi"),
        field_name="challenge",
        queryset=Challenge.objects.filter(progress_reports__isnull=False).distinct(),
    )

    class Meta:
        model = ProgressReport
        fields = ["mood"]


def progress_report_write(*, form, user) -> ProgressReport:
    """The admin's progress report (new or corrected), through
    ``progress_services.progress_report_record``."""
    data = form.cleaned_data
    return progress_services.progress_report_record(
        report=form.instance if form.instance.pk else None,
        challenge=data["challenge"],
        author=data["author"],
        data=data,
    )


class ProgressReportViewSet(ProgramViewSet):
    model = ProgressReport
    icon = "doc-full"
    list_display = ["challenge", "reported_on", "author", "mood", UpdatedAtColumn()]
    filterset_class = ProgressReportFilterSet
    search_fields = ["challenge__title", "progress", "blockers", "help_needed"]
    list_select_related = ("challenge", "author")
    create_service = progress_report_write
    edit_service = progress_report_write
    panels = [
        FieldPanel("challenge"),
        FieldRowPanel([FieldPanel("reported_on"), FieldPanel("author")]),
        FieldPanel("progress"),
        FieldPanel("blockers"),
        FieldPanel("help_needed"),
        FieldPanel("mood", widget=forms.RadioSelect),
        FieldPanel("staff_only"),
    ]


class ProgramLifeGroup(SnippetViewSetGroup):
    menu_label = _("Vie du programme")
    menu_icon = "date"
    menu_order = 215
    items = (EventViewSet, AttendanceViewSet, ProgressReportViewSet, ChecklistTemplateViewSet)


class QuietTeamsViewSet(ViewSet):
    name = "equipes-silencieuses"
    icon = "warning"
    menu_label = _("Équipes silencieuses")
    menu_order = 216
    add_to_admin_menu = True

    def get_urlpatterns(self):
        return [path("", QuietTeamsView.as_view(), name="index")]
