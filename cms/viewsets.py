"""The program's data in the Wagtail admin: one snippet viewset per model, grouped in menus.

Every viewset lists (with search and filters), creates, edits, inspects and deletes, and offers
two histories of each record: Wagtail's history (which action, by whom, when) and the
"Modifications" view, which reads django-simple-history to show who changed which field from
what to what.
"""

import datetime
import decimal
from dataclasses import dataclass

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_m2m_reverse_field_name
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import (
    Column,
    RelatedObjectsColumn,
    StatusFlagColumn,
    UpdatedAtColumn,
    UserColumn,
)
from wagtail.admin.views.generic.base import BaseListingView, BaseObjectMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from alumni.models import Position
from cohorts.models import Cohort, Fellowship, Person
from projects.models import (
    Administration,
    Challenge,
    ChallengeLink,
    KeyFigure,
    Skill,
    TeamMembership,
    Theme,
)

# --- Field-by-field changes, read from django-simple-history ---------------------------------

EMPTY_VALUE = _("(vide)")
HISTORY_TYPES = {
    "+": _("Création"),
    "~": _("Modification"),
    "-": _("Suppression"),
}


def tracks_field_history(model) -> bool:
    """Whether django-simple-history records this model's field values."""
    return hasattr(model._meta, "simple_history_manager_attribute")


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str | None  # None when the record created the object
    new: str


def _display_value(field, value) -> str:
    """The value of ``field`` as staff read it: labels of choices, names of related objects."""
    if value is None or value == "" or value == []:
        return str(EMPTY_VALUE)
    if field.many_to_many:
        # Rows of the through table, as returned by diff_against(foreign_keys_are_objs=True).
        target = get_m2m_reverse_field_name(field)
        return ", ".join(str(row[target]) for row in value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("oui") if value else _("non"))
    if isinstance(value, datetime.datetime):
        return formats.localize(timezone.localtime(value))
    if isinstance(value, datetime.date | decimal.Decimal | float | int):
        return formats.localize(value)
    return Truncator(str(value)).chars(300)


def _field_label(field) -> str:
    return str(capfirst(field.verbose_name))


def _initial_values(record) -> list[FieldChange]:
    """What a creation record set: every tracked field that was given a value."""
    model = record.instance_type
    changes = []
    for tracked in record.tracked_fields:
        if not tracked.editable or tracked.primary_key:
            continue
        field = model._meta.get_field(tracked.name)
        if field.is_relation and (field.many_to_one or field.one_to_one):
            try:
                value = getattr(record, field.name)
            except ObjectDoesNotExist:
                value = None
        else:
            value = getattr(record, field.attname)
        if value is None or value == "":
            continue
        changes.append(FieldChange(_field_label(field), None, _display_value(field, value)))
    for field in record._history_m2m_fields:  # the fields given to HistoricalRecords(m2m_fields)
        target = get_m2m_reverse_field_name(field)
        rows = [{target: getattr(row, target)} for row in getattr(record, field.name).all()]
        if rows:
            changes.append(FieldChange(_field_label(field), None, _display_value(field, rows)))
    return changes


def record_field_changes(record, previous) -> list[FieldChange]:
    """The fields ``record`` changed compared with ``previous`` (the record before it)."""
    if previous is None:
        return _initial_values(record) if record.history_type == "+" else []
    model = record.instance_type
    delta = record.diff_against(previous, foreign_keys_are_objs=True)
    changes = []
    for change in delta.changes:
        field = model._meta.get_field(change.field)
        changes.append(
            FieldChange(
                _field_label(field),
                _display_value(field, change.old),
                _display_value(field, change.new),
            )
        )
    return changes


class FieldChangesColumn(Column):
    cell_template_name = "cms/admin/_field_changes_cell.html"


class ChangesPaginator(WagtailPaginator):
    verbose_name = _("modification")
    verbose_name_plural = _("modifications")


def _record_date(record) -> str:
    return formats.date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")


class ChangesView(PermissionCheckedMixin, BaseObjectMixin, BaseListingView):
    """Each simple-history record of one object: when, who, and which fields changed how."""

    any_permission_required = ["add", "change", "delete"]
    page_title = _("Modifications")
    header_icon = "history"
    paginate_by = 20
    paginator_class = ChangesPaginator
    index_url_name = None
    edit_url_name = None
    history_url_name = None
    changes_url_name = None

    @cached_property
    def columns(self):
        return [
            Column("history_date", label=_("Date"), accessor=_record_date, width="15%"),
            UserColumn(
                "history_user",
                label=_("Par"),
                width="20%",
                blank_display_name=_("Import ou traitement automatique"),
            ),
            Column(
                "history_type_label",
                label=_("Action"),
                width="12%",
                accessor=lambda record: HISTORY_TYPES.get(record.history_type, ""),
            ),
            FieldChangesColumn("field_changes", label=_("Champs modifiés")),
        ]

    def get_page_subtitle(self):
        return str(self.object)

    def get_base_queryset(self):
        return self.object.history.select_related(
            "history_user", "history_user__wagtail_userprofile"
        ).order_by("-history_date", "-history_id")

    def paginate_queryset(self, queryset, page_size):
        paginator, page, records, is_paginated = super().paginate_queryset(queryset, page_size)
        records = list(records)
        for index, record in enumerate(records):
            previous = records[index + 1] if index + 1 < len(records) else record.prev_record
            record.field_changes = record_field_changes(record, previous)
        return paginator, page, records, is_paginated

    def get_index_url(self):  # used by the pagination links
        return reverse(self.changes_url_name, args=(quote(self.object.pk),))

    def get_edit_url(self):
        if self.edit_url_name and self.user_has_permission("change"):
            return reverse(self.edit_url_name, args=(quote(self.object.pk),))

    def get_history_url(self):
        if self.history_url_name:
            return reverse(self.history_url_name, args=(quote(self.object.pk),))

    def get_breadcrumbs_items(self):
        items = []
        if self.index_url_name:
            items.append(
                {
                    "url": reverse(self.index_url_name),
                    "label": capfirst(self.model._meta.verbose_name_plural),
                }
            )
        if edit_url := self.get_edit_url():
            items.append({"url": edit_url, "label": self.get_page_subtitle()})
        items.append(
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()}
        )
        return self.breadcrumbs_items + items

    @cached_property
    def header_buttons(self):
        buttons = []
        if edit_url := self.get_edit_url():
            buttons.append(HeaderButton(_("Modifier"), url=edit_url, icon_name="edit"))
        if history_url := self.get_history_url():
            buttons.append(HeaderButton(_("Historique"), url=history_url, icon_name="history"))
        return buttons


class ChangesLinkMixin:
    """Adds a "Modifications" entry to a view's header menu when the model is tracked."""

    changes_url_name = None

    def get_changes_url(self):
        if self.changes_url_name:
            return reverse(self.changes_url_name, args=(quote(self.object.pk),))

    def changes_button(self):
        if changes_url := self.get_changes_url():
            return Button(_("Modifications"), url=changes_url, icon_name="history", priority=40)


class EditView(ChangesLinkMixin, snippet_views.EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if button := self.changes_button():
            buttons.append(button)
        return buttons


class InspectView(ChangesLinkMixin, snippet_views.InspectView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if button := self.changes_button():
            buttons.append(button)
        return buttons


class HistoryView(ChangesLinkMixin, snippet_views.HistoryView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if changes_url := self.get_changes_url():
            buttons.append(
                HeaderButton(_("Modifications des champs"), url=changes_url, icon_name="history")
            )
        return buttons


# --- Viewsets ---------------------------------------------------------------------------------


class ProgramViewSet(SnippetViewSet):
    """Common settings of the program's data in the admin."""

    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    edit_view_class = EditView
    inspect_view_class = InspectView
    history_view_class = HistoryView
    changes_view_class = ChangesView
    # Relations to fetch with the rows, so that a list's query count does not grow with them.
    list_select_related: tuple[str, ...] = ()
    list_prefetch_related: tuple = ()

    def get_queryset(self, request):
        queryset = self.model._default_manager.all()
        if self.list_select_related:
            queryset = queryset.select_related(*self.list_select_related)
        if self.list_prefetch_related:
            queryset = queryset.prefetch_related(*self.list_prefetch_related)
        return queryset

    @cached_property
    def changes_enabled(self) -> bool:
        return tracks_field_history(self.model)

    def get_common_view_kwargs(self, **kwargs):
        if self.changes_enabled:
            kwargs.setdefault("changes_url_name", self.get_url_name("changes"))
        return super().get_common_view_kwargs(**kwargs)

    @property
    def changes_view(self):
        return self.construct_view(self.changes_view_class)

    def get_urlpatterns(self):
        urlpatterns = super().get_urlpatterns()
        if self.changes_enabled:
            urlpatterns.append(
                path(f"changes/<{self.pk_path_converter}:pk>/", self.changes_view, name="changes")
            )
        return urlpatterns


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


class CohortViewSet(ProgramViewSet):
    model = Cohort
    icon = "calendar"
    list_display = ["name", "track", "year", "start_date", "end_date", UpdatedAtColumn()]
    list_filter = ["track", "year"]
    search_fields = ["name", "slug"]
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


class PersonViewSet(ProgramViewSet):
    model = Person
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
    list_select_related = ("person", "cohort")


class AdministrationViewSet(ProgramViewSet):
    model = Administration
    icon = "site"
    list_display = ["__str__", "kind", "parent", UpdatedAtColumn()]
    filterset_class = AdministrationFilterSet
    search_fields = ["name", "acronym"]
    list_select_related = ("parent",)
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
    list_select_related = ("person", "challenge")


class KeyFigureViewSet(ProgramViewSet):
    model = KeyFigure
    icon = "decimal"
    list_display = ["__str__", "challenge", "position", UpdatedAtColumn()]
    search_fields = ["description", "challenge__title"]
    list_select_related = ("challenge",)


class ChallengeLinkViewSet(ProgramViewSet):
    model = ChallengeLink
    icon = "link"
    list_display = ["__str__", "kind", "challenge", UpdatedAtColumn()]
    list_filter = ["kind"]
    search_fields = ["title", "url", "challenge__title"]
    list_select_related = ("challenge",)


class ThemeViewSet(ProgramViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug", UpdatedAtColumn()]
    search_fields = ["name", "slug"]


class SkillViewSet(ProgramViewSet):
    model = Skill
    icon = "cogs"
    list_display = ["name", "code", UpdatedAtColumn()]
    search_fields = ["name", "code"]


class PositionViewSet(ProgramViewSet):
    model = Position
    icon = "clipboard-list"
    list_display = ["title", "organisation", "person", "sector", "start", "end", UpdatedAtColumn()]
    list_filter = ["sector"]
    search_fields = ["title", "organisation", "person__full_name"]
    list_select_related = ("person",)


# --- Menus ------------------------------------------------------------------------------------


class CohortsGroup(SnippetViewSetGroup):
    menu_label = _("Promotions")
    menu_icon = "group"
    menu_order = 200
    items = (CohortViewSet, PersonViewSet, FellowshipViewSet)


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
        ThemeViewSet,
        SkillViewSet,
    )


class AlumniGroup(SnippetViewSetGroup):
    menu_label = _("Alumni")
    menu_icon = "user"
    menu_order = 220
    items = (PositionViewSet,)


# Program life (events, attendance, progress reports; the quiet teams view): its own module.
from cms.program_life_admin import ProgramLifeGroup  # noqa: E402

MENU_GROUPS = (CohortsGroup, ChallengesGroup, AlumniGroup, ProgramLifeGroup)
