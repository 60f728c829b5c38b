"""The generic machinery of the program's data in the Wagtail admin, shared by every app's
viewsets: the snippet viewset of a program record, the "Modifications" view read from
django-simple-history (who changed which field from what to what), the writes made through the
owning app's service, the choosers of a program record (open to those who may list the
records, showing the listing's rows), and the registry of the program's admin menus.

Each app defines its viewsets in ``<app>/viewsets.py`` and registers them in its own
``wagtail_hooks.py``; this module imports no app of the project.
"""

import datetime
import decimal
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.contrib.admin.utils import quote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_m2m_reverse_field_name
from wagtail import hooks
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column, UserColumn
from wagtail.admin.views.generic.base import BaseListingView, BaseObjectMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.log_actions import log
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser as chooser_views
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from core.bounds import bounded_admin_form

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
    cell_template_name = "core/admin/_field_changes_cell.html"


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


class ChangesMenuMixin(ChangesLinkMixin):
    """The "Modifications" entry in the header's "more" menu (edit and inspect views)."""

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if button := self.changes_button():
            buttons.append(button)
        return buttons


# --- Writes through the owning app's service -----------------------------------------------

# A service write: given the admin's valid form and the staff member, the owning app's service
# saves and returns the object, or raises ``ValidationError`` (in French) to refuse the write.
ServiceWrite = Callable[..., object]


def form_refusal_add(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: next to its field when the form has that field,
    at the top of the form otherwise."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for message in ValidationError(errors).messages:
                form.add_error(target, message)
        return
    for message in error.messages:
        form.add_error(None, message)


def values_write(module, name: str) -> ServiceWrite:
    """The write of a form whose fields are the model's own: ``module.name`` (looked up at each
    write) gets the form's instance, its cleaned values and the staff member, as
    ``service(instance=..., values=..., user=...)``."""

    def write(*, form, user):
        service = getattr(module, name)
        return service(instance=form.instance, values=dict(form.cleaned_data), user=user)

    write.__name__ = write.__qualname__ = f"{name}_write"
    return write


class ServiceWriteMixin:
    """A create or edit view whose write is made by the owning app's service, exactly like
    the front office. ``service_write(form=..., user=...)`` saves and returns the object; when
    it refuses (``ValidationError``), the refusal shows on the form and nothing is saved. Without
    a ``service_write``, the view saves the form as Wagtail does."""

    service_write: ServiceWrite | None = None
    service_log_action = "wagtail.edit"

    def save_instance(self):
        if self.service_write is None:
            return super().save_instance()
        instance = self.service_write(form=self.form, user=self.request.user)
        log(instance=instance, action=self.service_log_action, user=self.request.user)
        return instance

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:  # raised inside the view's transaction: rolled back
            form_refusal_add(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class CreateView(ServiceWriteMixin, snippet_views.CreateView):
    service_log_action = "wagtail.create"


class EditView(ServiceWriteMixin, ChangesMenuMixin, snippet_views.EditView):
    pass


class InspectView(ChangesMenuMixin, snippet_views.InspectView):
    pass


class HistoryView(ChangesLinkMixin, snippet_views.HistoryView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if changes_url := self.get_changes_url():
            buttons.append(
                HeaderButton(_("Modifications des champs"), url=changes_url, icon_name="history")
            )
        return buttons


# --- Choosers ---------------------------------------------------------------------------------

# The permissions of Wagtail's listing of a model (any one of them opens it): a chooser lists the
# same rows, so it asks for the same.
LISTING_PERMISSIONS = ("add", "change", "delete", "view")


class ProgramChooserMixin:
    """A view of a program record's chooser (the modal that picks a record for a form field).

    Wagtail's snippet choosers check no model permission: any staff member who enters the admin
    could list every record (every applicant's name) through them. Here a chooser asks for the
    permissions of the model's listing, read from the model's permission policy (the viewset's),
    and shows only the listing's rows (the viewset's ``get_queryset``): a record that the listing
    does not show cannot be chosen either. Records are created from their viewset's add view,
    through the owning app's service, never from a chooser."""

    def dispatch(self, request, *args, **kwargs):
        policy = policy_registry.get_by_type(self.model_class)
        if not policy.user_has_any_permission(request.user, LISTING_PERMISSIONS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def listing_queryset(self):
        queryset = self.model_class.snippet_viewset.get_queryset(self.request)
        return self.model_class._default_manager.all() if queryset is None else queryset

    def get_object_list(self):
        return self.listing_queryset()

    def get_object(self, pk):
        return self.listing_queryset().get(pk=pk)

    def get_objects(self, pks):
        return self.listing_queryset().filter(pk__in=pks)

    def can_create(self):
        return False


class ChooseView(ProgramChooserMixin, chooser_views.ChooseView):
    pass


class ChooseResultsView(ProgramChooserMixin, chooser_views.ChooseResultsView):
    pass


class ChosenView(ProgramChooserMixin, chooser_views.SnippetChosenView):
    pass


class ChosenMultipleView(ProgramChooserMixin, chooser_views.SnippetChosenMultipleView):
    pass


class ChooserCreateView(ProgramChooserMixin, chooser_views.SnippetCreateView):
    pass


class ProgramChooserViewSet(chooser_views.SnippetChooserViewSet):
    """The chooser of a program record, whose views check the listing's permissions."""

    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
    create_view_class = ChooserCreateView


# --- Viewsets ---------------------------------------------------------------------------------


class ProgramViewSet(SnippetViewSet):
    """Common settings of the program's data in the admin."""

    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    add_view_class = CreateView
    edit_view_class = EditView
    inspect_view_class = InspectView
    history_view_class = HistoryView
    changes_view_class = ChangesView
    chooser_viewset_class = ProgramChooserViewSet
    # Relations to fetch with the rows, so that a list's query count does not grow with them.
    list_select_related: tuple[str, ...] = ()
    list_prefetch_related: tuple = ()
    # The owning app's services that write what the create and edit forms send (see
    # ServiceWriteMixin); None where the model has no rule beyond its fields.
    create_service: ServiceWrite | None = None
    edit_service: ServiceWrite | None = None

    def get_queryset(self, request):
        queryset = self.model._default_manager.all()
        if self.list_select_related:
            queryset = queryset.select_related(*self.list_select_related)
        if self.list_prefetch_related:
            queryset = queryset.prefetch_related(*self.list_prefetch_related)
        return queryset

    def get_form_class(self, for_update=False):
        return bounded_admin_form(super().get_form_class(for_update))

    @cached_property
    def changes_enabled(self) -> bool:
        return tracks_field_history(self.model)

    def get_common_view_kwargs(self, **kwargs):
        if self.changes_enabled:
            kwargs.setdefault("changes_url_name", self.get_url_name("changes"))
        return super().get_common_view_kwargs(**kwargs)

    def get_add_view_kwargs(self, **kwargs):
        kwargs = super().get_add_view_kwargs(**kwargs)
        if self.create_service is not None:
            kwargs["service_write"] = type(self).create_service
        return kwargs

    def get_edit_view_kwargs(self, **kwargs):
        kwargs = super().get_edit_view_kwargs(**kwargs)
        if self.edit_service is not None:
            kwargs["service_write"] = type(self).edit_service
        return kwargs

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


# --- Menus ------------------------------------------------------------------------------------


class MenuGroups(Sequence):
    """The admin menus of the program's data (promotions, challenges, program life, alumni),
    each registered by its app's ``wagtail_hooks.py``. Reading it loads the admin hooks first,
    so that every app's menu is there."""

    def __init__(self):
        self._groups: list = []

    def register(self, group):
        """Register ``group`` (a ``SnippetViewSetGroup``) in the admin and in this list."""
        register_snippet(group)
        self._groups.append(group)
        return group

    def _registered(self) -> tuple:
        hooks.search_for_hooks()
        return tuple(self._groups)

    def __getitem__(self, index):
        return self._registered()[index]

    def __len__(self) -> int:
        return len(self._registered())


MENU_GROUPS = MenuGroups()
