"""Program life in the Wagtail admin: the cohorts' events and attendance, the progress reports,
and the view of the teams that have gone quiet.

The viewsets join ``cms.viewsets.MENU_GROUPS`` (menu « Vie du programme »); the quiet teams view
is registered below with its own menu item.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cms.viewsets import EditView, ProgramViewSet
from cohorts.events_selectors import event_expected_people
from cohorts.events_services import event_attendance_record
from cohorts.models import Attendance, AttendanceStatus, Cohort, Event
from projects.models import Challenge, ProgressReport
from projects.progress_selectors import QUIET_AFTER_DAYS, quiet_teams
from projects.progress_services import quiet_teams_remind


class AttendanceFilterSet(WagtailFilterSet):
    cohort = django_filters.ModelChoiceFilter(
        label=_("Promotion"), field_name="event__cohort", queryset=Cohort.objects.all()
    )
    event = django_filters.ModelChoiceFilter(
        label=_("Événement"),
        field_name="event",
        queryset=Event.objects.select_related("cohort").order_by("-starts_at"),
    )

    class Meta:
        model = Attendance
        fields = ["event", "status"]


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


# --- Attendance sheet of an event ---------------------------------------------------------------


class AttendanceSheetForm(forms.Form):
    """One choice per expected person: present, absent, excused, or not recorded."""

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Non renseignée")), *AttendanceStatus.choices]
        for person in people:
            self.fields[f"person_{person.pk}"] = forms.ChoiceField(
                label=person.full_name,
                choices=choices,
                required=False,
                initial=person.attendance.status if person.attendance else "",
            )

    def statuses(self) -> dict[int, str]:
        return {
            int(name.removeprefix("person_")): value for name, value in self.cleaned_data.items()
        }


class AttendanceSheetView(WagtailAdminTemplateMixin, TemplateView):
    """Record the attendance of everyone expected at an event, on one page."""

    template_name = "cms/admin/attendance_sheet.html"
    page_title = _("Feuille de présence")
    header_icon = "tick"
    index_url_name = None
    edit_url_name = None
    attendance_url_name = None
    permissions = (
        "cohorts.add_attendance",
        "cohorts.change_attendance",
        "cohorts.delete_attendance",
    )

    def dispatch(self, request, *args, pk, **kwargs):
        if not request.user.has_perms(self.permissions):
            raise PermissionDenied
        self.event = get_object_or_404(Event.objects.select_related("cohort"), pk=pk)
        self.people = event_expected_people(event=self.event)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.event)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": Event._meta.verbose_name_plural.capitalize(),
            },
            {
                "url": reverse(self.edit_url_name, args=[quote(self.event.pk)]),
                "label": str(self.event),
            },
            {"url": "", "label": self.page_title},
        ]

    def get(self, request, *args, **kwargs):
        return self.render_to_response(
            self.get_context_data(form=AttendanceSheetForm(people=self.people))
        )

    def post(self, request, *args, **kwargs):
        form = AttendanceSheetForm(request.POST, people=self.people)
        if form.is_valid():
            changed = event_attendance_record(event=self.event, statuses=form.statuses())
            messages.success(
                request,
                _("Feuille de présence enregistrée (%(count)s modification(s)).")
                % {"count": changed},
            )
            return redirect(reverse(self.attendance_url_name, args=[quote(self.event.pk)]))
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=self.event, **kwargs)


class AttendanceSheetColumn(Column):
    """A link to the event's attendance sheet."""

    cell_template_name = "cms/admin/_link_cell.html"

    def get_value(self, instance):
        return {
            "url": reverse(
                Event.snippet_viewset.get_url_name("attendance"), args=[quote(instance.pk)]
            ),
            "label": _("Feuille de présence"),
        }


class EventEditView(EditView):
    attendance_url_name = None

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("Feuille de présence"),
                url=reverse(self.attendance_url_name, args=[quote(self.object.pk)]),
                icon_name="tick",
                priority=30,
            )
        )
        return buttons


class EventViewSet(ProgramViewSet):
    model = Event
    icon = "date"
    edit_view_class = EventEditView
    list_display = [
        "title",
        "kind",
        "cohort",
        "starts_at",
        "place",
        AttendanceSheetColumn("attendance_sheet", label=_("Présences")),
        UpdatedAtColumn(),
    ]
    list_filter = ["cohort", "kind"]
    search_fields = ["title", "place", "description"]
    list_select_related = ("cohort",)

    def get_common_view_kwargs(self, **kwargs):
        kwargs.setdefault("attendance_url_name", self.get_url_name("attendance"))
        return super().get_common_view_kwargs(**kwargs)

    @property
    def attendance_view(self):
        return self.construct_view(
            AttendanceSheetView,
            index_url_name=self.get_url_name("list"),
            edit_url_name=self.get_url_name("edit"),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                f"presences/<{self.pk_path_converter}:pk>/",
                self.attendance_view,
                name="attendance",
            ),
        ]

    panels = [
        FieldPanel("cohort"),
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("Dates")),
        FieldPanel("place"),
        FieldPanel("description"),
    ]


class AttendanceViewSet(ProgramViewSet):
    model = Attendance
    icon = "tick"
    list_display = ["person", "event", "status", UpdatedAtColumn()]
    filterset_class = AttendanceFilterSet
    search_fields = ["person__full_name", "event__title"]
    list_select_related = ("person", "event", "event__cohort")
    panels = [FieldPanel("event"), FieldPanel("person"), FieldPanel("status")]


class ProgressReportViewSet(ProgramViewSet):
    model = ProgressReport
    icon = "doc-full"
    list_display = ["challenge", "reported_on", "author", "mood", UpdatedAtColumn()]
    filterset_class = ProgressReportFilterSet
    search_fields = ["challenge__title", "progress", "blockers", "help_needed"]
    list_select_related = ("challenge", "author")
    panels = [
        FieldPanel("challenge"),
        FieldRowPanel([FieldPanel("reported_on"), FieldPanel("author")]),
        FieldPanel("progress"),
        FieldPanel("blockers"),
        FieldPanel("help_needed"),
        FieldPanel("mood", widget=forms.RadioSelect),
    ]


class ProgramLifeGroup(SnippetViewSetGroup):
    menu_label = _("Vie du programme")
    menu_icon = "date"
    menu_order = 215
    items = (EventViewSet, AttendanceViewSet, ProgressReportViewSet)


# --- Quiet teams ------------------------------------------------------------------------------


class QuietTeamsForm(forms.Form):
    days = forms.IntegerField(
        label=_("Sans point depuis (jours)"), min_value=1, max_value=365, required=False
    )


class QuietTeamsView(WagtailAdminTemplateMixin, TemplateView):
    """The teams of the running cohorts without a progress report for N days (or ever)."""

    template_name = "cms/admin/quiet_teams.html"
    page_title = _("Équipes silencieuses")
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


class QuietTeamsViewSet(ViewSet):
    name = "equipes-silencieuses"
    icon = "warning"
    menu_label = _("Équipes silencieuses")
    menu_order = 216
    add_to_admin_menu = True

    def get_urlpatterns(self):
        return [path("", QuietTeamsView.as_view(), name="index")]


@hooks.register("register_admin_viewset")
def register_quiet_teams_viewset():
    return QuietTeamsViewSet()
