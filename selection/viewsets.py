"""The selection in the Wagtail admin: applications (rounds and decisions), reviewer
assignments and interviews, with the history of every change (core.viewsets.ProgramViewSet).

The equality statistics have no viewset: only the aggregated statistics page reads them.
"""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from core.viewsets import ProgramViewSet
from selection import services
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


def _refusal(error: services.ApplicationError) -> ValidationError:
    return ValidationError(error.messages)


def application_stage_write(*, form, user) -> Application:
    """The admin's move of an application to another round, through
    ``services.application_stage_move``."""
    try:
        return services.application_stage_move(
            application=form.instance, stage=form.cleaned_data["stage"]
        )
    except services.ApplicationError as error:
        raise _refusal(error) from error


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
    edit_service = application_stage_write
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


def review_assign_write(*, form, user) -> Review:
    """The admin's assignment of a reviewer, through ``services.review_assign``."""
    data = form.cleaned_data
    try:
        return services.review_assign(
            application=data["application"], reviewer=data["reviewer"], stage=data["stage"]
        )
    except services.ApplicationError as error:
        raise _refusal(error) from error


def review_reassign_write(*, form, user) -> Review:
    """The admin's correction of an assignment, through ``services.review_reassign``."""
    data = form.cleaned_data
    try:
        return services.review_reassign(
            review=form.instance,
            application=data["application"],
            reviewer=data["reviewer"],
            stage=data["stage"],
        )
    except services.ApplicationError as error:
        raise _refusal(error) from error


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
    create_service = review_assign_write
    edit_service = review_reassign_write
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
        ]
    )


def interview_record_write(*, form, user) -> InterviewSlot:
    """The admin's interview, through ``services.interview_record`` (its application moves to
    the interviews round), with the length the form gives."""
    data = form.cleaned_data
    slot = services.interview_record(
        application=data["application"],
        starts_at=data["starts_at"],
        place=data["place"],
        interviewers=list(data["interviewers"]),
        notes=data["notes"],
    )
    if slot.duration_minutes != data["duration_minutes"]:
        slot = interview_update_write(form=form, user=user, slot=slot)
    return slot


def interview_update_write(*, form, user, slot: InterviewSlot | None = None) -> InterviewSlot:
    """The admin's change of an interview, through ``services.interview_update``."""
    data = form.cleaned_data
    return services.interview_update(
        slot=slot or form.instance,
        starts_at=data["starts_at"],
        duration_minutes=data["duration_minutes"],
        place=data["place"],
        interviewers=list(data["interviewers"]),
        notes=data["notes"],
    )


class InterviewSlotViewSet(ProgramViewSet):
    model = InterviewSlot
    create_service = interview_record_write
    edit_service = interview_update_write
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
