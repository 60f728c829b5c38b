"""The alumni in the Wagtail admin: the positions after the program (menu « Alumni ») and the
feedback surveys (menu « Enquêtes »: define them, follow the response rate, send invitations and
reminders, export the answers), each with its history (core.viewsets.ProgramViewSet)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn, UpdatedAtColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from alumni import selectors, services, tasks
from alumni.exports import survey_answers_csv
from alumni.models import Position, Survey
from core.viewsets import ProgramViewSet


def position_create_write(*, form, user) -> Position:
    """The admin's new position of a person, through ``services.position_create``."""
    values = dict(form.cleaned_data)
    return services.position_create(person=values.pop("person"), values=values)


def position_update_write(*, form, user) -> Position:
    """The admin's correction of a position, through ``services.position_update``."""
    return services.position_update(position=form.instance, values=dict(form.cleaned_data))


def survey_write(*, form, user) -> Survey:
    """The admin's survey with its questions (new or changed), through ``services.survey_save``."""
    return services.survey_save(form=form, user=user)


class PositionViewSet(ProgramViewSet):
    model = Position
    icon = "clipboard-list"
    list_display = ["title", "organisation", "person", "sector", "start", "end", UpdatedAtColumn()]
    list_filter = ["sector"]
    search_fields = ["title", "organisation", "person__full_name"]
    list_select_related = ("person",)
    create_service = position_create_write
    edit_service = position_update_write


class AlumniGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Alumni")
    menu_icon = "user"
    menu_order = 220
    items = (PositionViewSet,)


def _rate_text(survey) -> str:
    rate = selectors.ResponseRate(invited=survey.invited_count, answered=survey.answered_count)
    return f"{rate.answered} / {rate.invited} ({rate.percent} %)"


def _can_send(request) -> bool:
    user = request.user
    return user.is_active and user.is_staff and user.has_perm("alumni.send_survey")


def _can_read_answers(request) -> bool:
    user = request.user
    return user.is_active and user.is_staff and user.has_perm("alumni.view_survey_answers")


class SurveyFollowUpView(WagtailAdminTemplateMixin, TemplateView):
    """The response rate as it is now, and the sending of invitations and reminders."""

    template_name = "alumni/admin/survey_follow_up.html"
    header_icon = "mail"
    index_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not _can_send(request):
            raise PermissionDenied
        self.survey = get_object_or_404(Survey.objects.select_related("cohort"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Suivi des réponses")

    def get_page_subtitle(self):
        return str(self.survey)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse(self.index_url_name), "label": _("Enquêtes")},
            {"url": "", "label": _("Suivi des réponses"), "sublabel": str(self.survey)},
        ]

    def get_context_data(self, **kwargs):
        rate = selectors.survey_response_rate(survey=self.survey)
        return super().get_context_data(
            survey=self.survey,
            rate=rate,
            not_answered=rate.invited - rate.answered,
            audience=len(services.survey_audience(survey=self.survey)),
            export_url=reverse(
                Survey.snippet_viewset.get_url_name("export"), args=[self.survey.pk]
            ),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "invite":
            outcome = tasks.survey_invite(survey=self.survey)
            messages.success(
                request,
                _("%(sent)d invitation(s) envoyée(s).") % {"sent": outcome.sent},
            )
            if outcome.skipped_without_email:
                messages.warning(
                    request,
                    _("%(count)d personne(s) sans adresse e-mail n'ont pas été invitées.")
                    % {"count": outcome.skipped_without_email},
                )
        elif action == "remind":
            outcome = tasks.survey_remind(survey=self.survey)
            messages.success(request, _("%(sent)d relance(s) envoyée(s).") % {"sent": outcome.sent})
        return redirect(Survey.snippet_viewset.get_url_name("follow-up"), pk=self.survey.pk)


def survey_export(request, pk: int):
    if not _can_read_answers(request):
        raise PermissionDenied
    survey = get_object_or_404(Survey, pk=pk)
    response = HttpResponse(
        survey_answers_csv(survey=survey), content_type="text/csv; charset=utf-8"
    )
    name = slugify(f"reponses-{survey.title}-{timezone.localdate()}")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


class SurveyViewSet(ProgramViewSet):
    model = Survey
    icon = "form"
    menu_label = gettext_lazy("Enquêtes")
    menu_order = 230
    add_to_admin_menu = True
    list_filter = ["wave", "audience", "anonymous"]
    search_fields = ["title"]
    create_service = survey_write
    edit_service = survey_write

    @property
    def list_display(self):
        return [
            "title",
            "cohort",
            "wave",
            "audience",
            Column("rate", label=gettext_lazy("Réponses"), accessor=_rate_text),
            TitleColumn(
                "follow_up",
                label=gettext_lazy("Suivi"),
                accessor=lambda survey: _("Suivi et envois"),
                get_url=lambda survey: reverse(self.get_url_name("follow-up"), args=[survey.pk]),
            ),
            UpdatedAtColumn(),
        ]

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("cohort"), FieldPanel("wave"), FieldPanel("audience")]),
        MultiFieldPanel(
            [FieldPanel("anonymous"), FieldPanel("validity_days"), FieldPanel("introduction")],
            heading=gettext_lazy("Réponses"),
        ),
        InlinePanel("questions", heading=gettext_lazy("Questions"), label=gettext_lazy("Question")),
    ]

    def get_queryset(self, request):
        return selectors.survey_with_rates()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "suivi/<int:pk>/",
                SurveyFollowUpView.as_view(index_url_name=self.get_url_name("list")),
                name="follow-up",
            ),
            path("export/<int:pk>/", survey_export, name="export"),
        ]
