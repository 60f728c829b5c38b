"""The selection in the Wagtail admin: applications (rounds and decisions), reviewer
assignments and interviews, with the history of every change (cms.viewsets.ProgramViewSet).

The equality statistics have no viewset: only the aggregated statistics page reads them.
"""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cms.viewsets import ProgramViewSet
from selection import rules, services
from selection.models import Application, ApplicationStatus, InterviewSlot, Review


class NoCreatePermissionPolicy(ModelPermissionPolicy):
    """Applications are written by candidates only: staff never create one in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a != "add"])

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a != "add"])


class DecisionColumn(Column):
    cell_template_name = "selection/admin/_decision_cell.html"

    def get_value(self, instance):
        if instance.status != ApplicationStatus.SUBMITTED:
            return None
        return {
            "url": reverse("selection_admin:decision", args=[instance.pk]),
            "label": instance.get_decision_display(),
        }


def _read_only(*names):
    return [FieldPanel(name, read_only=True) for name in names]


class ApplicationViewSet(ProgramViewSet):
    model = Application
    icon = "form"
    menu_label = _("Candidatures")
    list_display = [
        "full_name",
        "cohort",
        "profile",
        "status",
        "stage",
        DecisionColumn("decision", label=_("Décision")),
        UpdatedAtColumn(),
    ]
    list_filter = ["cohort", "status", "stage", "decision", "profile"]
    search_fields = ["full_name"]
    list_select_related = ("cohort",)
    inspect_view_fields = [
        "candidate",
        "cohort",
        *services.APPLICATION_FIELDS,
        "status",
        "submitted_at",
        "withdrawn_at",
        "stage",
        "decision",
        "decision_reason",
        "decided_at",
        "selected_challenge",
    ]
    panels = [
        FieldPanel("stage", help_text=_("L'étape de la sélection où se trouve la candidature.")),
        MultiFieldPanel(
            _read_only(
                "candidate",
                "cohort",
                "full_name",
                "profile",
                "links",
                "motivation",
                "first_choice",
                "second_choice",
                "third_choice",
                "keep_for_future_calls",
                "status",
                "submitted_at",
            ),
            heading=_("Candidature (écrite par le candidat)"),
        ),
        MultiFieldPanel(
            _read_only("decision", "decision_reason", "decided_at", "selected_challenge"),
            heading=_("Décision (à prendre depuis la liste : colonne « Décision »)"),
        ),
    ]


class ReviewAssignForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        application, reviewer = cleaned.get("application"), cleaned.get("reviewer")
        if application and application.status != ApplicationStatus.SUBMITTED:
            raise ValidationError(_("Seule une candidature déposée peut être évaluée."))
        if (
            application
            and reviewer
            and not rules.reviewer_is_eligible(user=reviewer, application=application)
        ):
            self.add_error(
                "reviewer",
                _(
                    "Seuls l'équipe du programme et les mentors des défis choisis par le "
                    "candidat peuvent évaluer cette candidature."
                ),
            )
        return cleaned


class ReviewViewSet(ProgramViewSet):
    model = Review
    icon = "clipboard-list"
    menu_label = _("Évaluateurs et évaluations")
    list_display = [
        "application",
        "reviewer",
        "stage",
        "has_conflict",
        Column("total", label=_("Total sur 15")),
        UpdatedAtColumn(),
    ]
    list_filter = ["stage", "has_conflict", "application__cohort"]
    search_fields = ["application__full_name", "reviewer__email"]
    list_select_related = ("application", "application__cohort", "reviewer")
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("application"), FieldPanel("reviewer"), FieldPanel("stage")]),
            MultiFieldPanel(
                _read_only(
                    "has_conflict",
                    "conflict_note",
                    "score_skills",
                    "score_motivation",
                    "score_fit",
                    "comment",
                    "reviewed_at",
                ),
                heading=_("Déclaration et évaluation (remplies par l'évaluateur)"),
            ),
        ],
        base_form_class=ReviewAssignForm,
    )


class InterviewCreateView(snippet_views.CreateView):
    """Recording an interview moves its application to the interviews round."""

    def save_instance(self):
        slot = super().save_instance()
        services.application_enter_interviews(application=slot.application)
        return slot


class InterviewSlotViewSet(ProgramViewSet):
    model = InterviewSlot
    add_view_class = InterviewCreateView
    icon = "date"
    menu_label = _("Entretiens")
    list_display = ["application", "starts_at", "place", UpdatedAtColumn()]
    list_filter = ["application__cohort"]
    search_fields = ["application__full_name", "place"]
    list_select_related = ("application", "application__cohort")
    panels = [
        FieldPanel("application"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("duration_minutes")]),
        FieldPanel("place"),
        FieldPanel("interviewers"),
        FieldPanel("notes"),
    ]


class SelectionGroup(SnippetViewSetGroup):
    menu_label = _("Candidatures")
    menu_icon = "form"
    menu_order = 205
    items = (ApplicationViewSet, ReviewViewSet, InterviewSlotViewSet)
