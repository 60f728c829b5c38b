"""The cohorts in the Wagtail admin: promotions, people, fellowships (menu « Promotions »), and
the events of the ten months with their attendance (they join the menu « Vie du programme »,
assembled in projects/viewsets.py).

Every viewset keeps the history of its records (core.viewsets.ProgramViewSet).
"""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, StatusFlagColumn, UpdatedAtColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import DeleteView as SnippetDeleteView
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cohorts import checklists_services, events_services, services
from cohorts.events_selectors import event_expected_people
from cohorts.models import (
    Attendance,
    AttendanceStatus,
    ChecklistTemplate,
    Cohort,
    Event,
    Fellowship,
    Person,
    RsvpStatus,
)
from core.viewsets import EditView, ProgramViewSet, values_write

# --- Promotions, people, fellowships ------------------------------------------------------------


class PersonCohortsColumn(Column):
    """A person's cohorts, read from the prefetched fellowships."""

    cell_template_name = "wagtailadmin/tables/related_objects_cell.html"

    def get_value(self, instance):
        return [fellowship.cohort for fellowship in instance.fellowships.all()]


class PersonFilterSet(WagtailFilterSet):
    cohort = django_filters.ModelChoiceFilter(
        label=_("Promotion"),
        field_name="fellowships__cohort",
        queryset=Cohort.objects.all(),
        distinct=True,
    )

    class Meta:
        model = Person
        fields = ["public_consent"]


class CohortViewSet(ProgramViewSet):
    model = Cohort
    icon = "calendar"
    list_display = ["name", "track", "year", "start_date", "end_date", UpdatedAtColumn()]
    list_filter = ["track", "year"]
    search_fields = ["name", "slug"]
    create_service = edit_service = values_write(services, "cohort_save")
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("track"), FieldPanel("number"), FieldPanel("year")]),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Programme")),
        FieldRowPanel(
            [FieldPanel("challenges_call_opens"), FieldPanel("challenges_call_closes")],
            heading=_("Appel à défis"),
        ),
        FieldRowPanel(
            [FieldPanel("candidates_call_opens"), FieldPanel("candidates_call_closes")],
            heading=_("Appel à candidatures"),
        ),
    ]


class PersonEraseView(SnippetDeleteView):
    """Deleting a person erases them (cohorts.services.person_erase): their record with all
    that is attached to it, their account, and their name and address from every history."""

    success_message = _("La personne et toutes ses données ont été effacées.")

    @property
    def confirmation_message(self):
        return _(
            "Effacer définitivement cette personne, son compte s'il en a un, et toutes les "
            "données qui s'y rattachent ? Son nom et son adresse disparaissent aussi des "
            "historiques."
        )

    def get_success_message(self):
        return str(self.success_message)

    def delete_action(self):
        services.person_erase(person=self.object, user=self.request.user)


class PersonViewSet(ProgramViewSet):
    model = Person
    delete_view_class = PersonEraseView
    icon = "user"
    list_display = [
        "full_name",
        "email",
        PersonCohortsColumn("cohorts", label=_("Promotions")),
        StatusFlagColumn(
            "public_consent", label=_("Site public"), true_label=_("Consentement donné")
        ),
        UpdatedAtColumn(),
    ]
    filterset_class = PersonFilterSet
    search_fields = ["full_name", "email", "slug"]
    list_prefetch_related = (
        Prefetch("fellowships", queryset=Fellowship.objects.select_related("cohort")),
    )
    create_service = edit_service = values_write(services, "person_save")
    panels = [
        FieldPanel("full_name"),
        FieldPanel("slug"),
        FieldPanel("email"),
        FieldPanel("user"),
        FieldPanel("biography"),
        MultiFieldPanel(
            [
                FieldPanel("github"),
                FieldPanel("gitlab"),
                FieldPanel("twitter"),
                FieldPanel("linkedin"),
                FieldPanel("website"),
            ],
            heading=_("Liens"),
        ),
        MultiFieldPanel(
            [FieldPanel("public_consent"), FieldPanel("public_consent_at")],
            heading=_("Consentement"),
        ),
    ]


class FellowshipViewSet(ProgramViewSet):
    model = Fellowship
    icon = "tasks"
    list_display = ["__str__", "person", "cohort", "profile", UpdatedAtColumn()]
    list_filter = ["cohort", "profile"]
    search_fields = ["person__full_name", "cohort__name"]
    create_service = edit_service = values_write(services, "fellowship_save")
    list_select_related = ("person", "cohort")


class CohortsGroup(SnippetViewSetGroup):
    menu_label = _("Promotions")
    menu_icon = "group"
    menu_order = 200
    items = (CohortViewSet, PersonViewSet, FellowshipViewSet)


# --- Events and their attendance ---------------------------------------------------------------


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


def _initial_status(person) -> str:
    """The recorded attendance, or else the one the person's answer suggests: « je viens » is
    pre-filled as present, « je ne viens pas » as excused."""
    if person.attendance:
        return person.attendance.status
    return {
        RsvpStatus.ATTENDING: AttendanceStatus.PRESENT,
        RsvpStatus.DECLINED: AttendanceStatus.EXCUSED,
    }.get(getattr(person, "rsvp_status", None), "")


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
                initial=_initial_status(person),
            )

    def statuses(self) -> dict[int, str]:
        return {
            int(name.removeprefix("person_")): value for name, value in self.cleaned_data.items()
        }


class AttendanceSheetView(WagtailAdminTemplateMixin, TemplateView):
    """Record the attendance of everyone expected at an event, on one page."""

    template_name = "cohorts/admin/attendance_sheet.html"
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
            changed = events_services.event_attendance_record(
                event=self.event, statuses=form.statuses()
            )
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

    cell_template_name = "core/admin/_link_cell.html"

    def get_value(self, instance):
        return {
            "url": reverse(
                Event.snippet_viewset.get_url_name("attendance"), args=[quote(instance.pk)]
            ),
            "label": _("Feuille de présence"),
        }


class HeadcountColumn(Column):
    """Who answered « je viens »: seats taken (out of the capacity) and the waiting list."""

    def get_value(self, instance):
        text = str(instance.attending_count)
        if instance.capacity is not None:
            text += f" / {instance.capacity}"
        if instance.waitlisted_count:
            text += " " + _("(%(count)s en attente)") % {"count": instance.waitlisted_count}
        if instance.is_cancelled:
            text += " — " + _("annulé")
        return text


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
        HeadcountColumn("headcount", label=_("Inscrits")),
        AttendanceSheetColumn("attendance_sheet", label=_("Présences")),
        UpdatedAtColumn(),
    ]
    list_filter = ["cohort", "kind"]
    search_fields = ["title", "place", "description"]
    create_service = edit_service = values_write(events_services, "event_save")
    list_select_related = ("cohort",)

    def get_queryset(self, request):
        return Event.objects.select_related("cohort").annotate(
            attending_count=Count("rsvps", filter=Q(rsvps__status=RsvpStatus.ATTENDING)),
            waitlisted_count=Count("rsvps", filter=Q(rsvps__status=RsvpStatus.WAITLISTED)),
        )

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
        FieldRowPanel(
            [FieldPanel("capacity"), FieldPanel("is_cancelled"), FieldPanel("is_public")]
        ),
    ]


class AttendanceViewSet(ProgramViewSet):
    model = Attendance
    icon = "tick"
    list_display = ["person", "event", "status", UpdatedAtColumn()]
    filterset_class = AttendanceFilterSet
    search_fields = ["person__full_name", "event__title"]
    list_select_related = ("person", "event", "event__cohort")
    create_service = edit_service = values_write(events_services, "attendance_save")
    panels = [FieldPanel("event"), FieldPanel("person"), FieldPanel("status")]


# --- Onboarding and offboarding checklists ------------------------------------------------------


def checklist_template_write(*, form, user):
    return checklists_services.checklist_template_save(form=form, user=user)


class ChecklistItemsColumn(Column):
    """How many items the checklist has (counted with the rows)."""

    def get_value(self, instance):
        return instance.item_count


class ChecklistTemplateViewSet(ProgramViewSet):
    model = ChecklistTemplate
    icon = "list-ul"
    list_display = [
        "title",
        "role",
        "phase",
        Column("cohort", label=_("Promotion"), accessor=lambda t: t.cohort or _("Toutes")),
        ChecklistItemsColumn("item_count", label=_("Tâches")),
        UpdatedAtColumn(),
    ]
    list_filter = ["role", "phase", "cohort"]
    search_fields = ["title"]
    create_service = edit_service = checklist_template_write
    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("phase"), FieldPanel("cohort")]),
        InlinePanel("items", heading=_("Tâches"), label=_("Tâche")),
    ]

    def get_queryset(self, request):
        return ChecklistTemplate.objects.select_related("cohort").annotate(
            item_count=Count("items")
        )
