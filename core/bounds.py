"""The bounds every input is held to, wherever it enters: forms, filters, the API.

A value the database cannot hold must be refused before it reaches the database, with a
French error where a form is shown and a 400 elsewhere, never a server error:

- text: no NUL nor control character (tab, line feed and carriage return aside), which
  PostgreSQL's ``text`` and ``jsonb`` refuse; at most ``MAX_TEXT_LENGTH`` characters when the
  field gives no limit;
- integers: within the 64-bit signed range of the database (``INT64_MIN``…``INT64_MAX``), or
  the narrower range of the field's column (``SMALL_POSITIVE_MAX`` for a small positive one);
- identifiers given to a choice of records (``ModelChoiceField``, ``ModelMultipleChoiceField``):
  an integer out of range is an invalid choice, not a database overflow.

    bounded_form_fields(form)            # called by core.forms.DsfrFormMixin
    Int64 = Annotated[int, Field(ge=INT64_MIN, le=INT64_MAX)]   # ninja / pydantic
    "core.bounds.InputBoundsMiddleware"  # backstop: 400 on NUL in the path or query string
"""

import re
from typing import Annotated

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext_lazy as _
from pydantic import Field

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
POSITIVE_MAX = 2**31 - 1
SMALL_POSITIVE_MAX = 2**15 - 1
# A text field without a limit of its own (a motivation, a comment) holds at most this.
MAX_TEXT_LENGTH = 20_000
# A query string parameter holds at most this (a search, a filter).
MAX_QUERY_VALUE_LENGTH = 2_000

# Under these paths the answers are JSON, a refusal too: {"detail": "..."}.
JSON_PATH_PREFIXES = ("/api/",)

# An inline formset of the admin (a survey's questions, a checklist's items) holds at most this
# many rows: a form claiming more is refused before the rows are built.
MAX_INLINE_ROWS = 100

# Query parameters that hold free text (a search may be a long number).
FREE_TEXT_PARAMETERS = {"q"}

# Control characters: C0 and DEL, except tab, line feed and carriage return.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INTEGER = re.compile(r"^[+-]?\d+$")

Int64 = Annotated[int, Field(ge=INT64_MIN, le=INT64_MAX)]
PositiveInt64 = Annotated[int, Field(ge=1, le=INT64_MAX)]


def has_control_characters(text: str) -> bool:
    return CONTROL_CHARACTERS.search(text) is not None


def without_control_characters(text: str) -> str:
    """``text`` without NUL nor control characters (tab and line breaks kept)."""
    return CONTROL_CHARACTERS.sub("", text)


def reject_control_characters(value) -> None:
    """A validator: text with a NUL or control character is refused, in French."""
    if isinstance(value, str) and has_control_characters(value):
        raise ValidationError(
            _("Ce texte contient un caractère invisible non autorisé ; retirez-le."),
            code="control_characters",
        )


def integer_in_range(value, *, minimum: int = INT64_MIN, maximum: int = INT64_MAX) -> bool:
    """Whether ``value`` (an int or its text) is an integer the database can hold, within
    ``minimum``…``maximum``. Text that is not an integer is not out of range."""
    if isinstance(value, bool):
        return True
    if isinstance(value, str):
        value = value.strip()
        if not _INTEGER.match(value) or len(value) > 40:
            return not _INTEGER.match(value)
        value = int(value)
    if isinstance(value, int):
        return minimum <= value <= maximum
    return True


def _has_validator(field: forms.Field, kind: type) -> bool:
    return any(isinstance(validator, kind) for validator in field.validators)


def _record_key_is_malformed(field: forms.ModelChoiceField, item) -> bool:
    """Whether ``item`` cannot name a record of the field: a control character, a value its key
    column refuses (text for an integer key), or an integer beyond the database's range."""
    if item in field.empty_values or not isinstance(item, str | int):
        return False
    meta = field.queryset.model._meta
    key = meta.pk if not field.to_field_name else meta.get_field(field.to_field_name)
    return _key_is_malformed(key, item)


def _key_is_malformed(key, item) -> bool:
    """Whether ``item`` is refused by the key column ``key``, or beyond the database's range."""
    if isinstance(item, str) and has_control_characters(item):
        return True
    try:
        value = key.to_python(item)
    except ValidationError:
        return True
    return isinstance(value, int) and not integer_in_range(value)


def _guard_choice_of_records(field: forms.ModelChoiceField) -> None:
    """The field refuses an out-of-range identifier as an invalid choice, before querying, and
    a page shown again with the error does not look the malformed identifier up (a chooser
    widget would, and fail): it shows the field as it was."""
    if getattr(field, "_bounded", False):
        return
    original_clean = field.clean
    original_bound_data = field.bound_data

    def clean(value):
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if isinstance(item, str) and has_control_characters(item):
                raise ValidationError(
                    field.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": without_control_characters(item)},
                )
            if not integer_in_range(item):
                key = "invalid_pk_value" if "invalid_pk_value" in field.error_messages else None
                raise ValidationError(
                    field.error_messages[key or "invalid_choice"],
                    code=key or "invalid_choice",
                    params={"pk": item, "value": item},
                )
        return original_clean(value)

    def bound_data(data, initial):
        if isinstance(data, list | tuple):
            data = [item for item in data if not _record_key_is_malformed(field, item)]
        elif _record_key_is_malformed(field, data):
            return initial
        return original_bound_data(data, initial)

    field.clean = clean
    field.bound_data = bound_data
    field._bounded = True


def bound_field(field: forms.Field) -> None:
    """Adds to ``field`` the bounds of the database, unless it has tighter ones."""
    if isinstance(field, forms.ModelChoiceField):
        _guard_choice_of_records(field)
        return
    if isinstance(field, forms.IntegerField) and not isinstance(field, forms.DecimalField):
        if field.max_value is None and not _has_validator(field, MaxValueValidator):
            field.validators.append(MaxValueValidator(INT64_MAX))
        if field.min_value is None and not _has_validator(field, MinValueValidator):
            field.validators.append(MinValueValidator(INT64_MIN))
        return
    if isinstance(field, forms.CharField):
        if reject_control_characters not in field.validators:
            field.validators.append(reject_control_characters)
        if field.max_length is None and not _has_validator(field, MaxLengthValidator):
            field.validators.append(MaxLengthValidator(MAX_TEXT_LENGTH))
    if isinstance(field, forms.MultipleChoiceField | forms.ChoiceField):
        if reject_control_characters not in field.validators:
            field.validators.append(_reject_control_in_choices)


def _reject_control_in_choices(value) -> None:
    for item in value if isinstance(value, list | tuple) else [value]:
        reject_control_characters(item)


def bounded_form_fields(form: forms.BaseForm) -> None:
    """Every field of ``form`` held to the database's bounds (see ``bound_field``)."""
    for field in form.fields.values():
        bound_field(field)


class BoundedFormMixin:
    """For a form that is not a ``DsfrFormMixin`` one (a filter's form): the same bounds."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bounded_form_fields(self)


def _tampered_rows_blanked(form: forms.BaseForm) -> bool:
    """At most ``MAX_INLINE_ROWS`` rows in each of ``form``'s inline formsets (a survey's
    questions, a checklist's items); the rows whose identifier was removed or altered in the
    sent data get a blank one, so that building the formset does not fail. Whether there was
    any such row."""
    tampered = False
    for formset in getattr(form, "formsets", {}).values():
        formset.max_num = min(formset.max_num, MAX_INLINE_ROWS)
        formset.absolute_max = min(formset.absolute_max, MAX_INLINE_ROWS)
        if not formset.is_bound:
            continue
        key_name = formset.model._meta.pk.name
        key_field = formset.model._meta.pk
        for index in range(min(formset.initial_form_count(), formset.total_form_count())):
            key = f"{formset.add_prefix(index)}-{key_name}"
            value = formset.data.get(key)
            if value == "" or (value is not None and not _key_is_malformed(key_field, value)):
                continue
            if not getattr(formset.data, "_mutable", True):
                formset.data = formset.data.copy()
            formset.data[key] = ""
            tampered = True
    return tampered


def _order_ignored_when_deleted(formset, row: forms.BaseForm) -> None:
    """A row sent for deletion with a malformed position is deleted: its position is not read
    (Wagtail's inline panel sorts the rows by it, and would fail on the missing value)."""
    order = row.fields.get(forms.formsets.ORDERING_FIELD_NAME)
    if order is None or not formset.can_delete:
        return
    original_clean = order.clean

    def clean(value):
        try:
            return original_clean(value)
        except ValidationError:
            if row[forms.formsets.DELETION_FIELD_NAME].data:
                return None
            raise

    order.clean = clean


UNREADABLE_VALUE = _(
    "Le contenu envoyé est illisible (la page a pu être modifiée en cours d'édition) : "
    "rechargez-la, puis enregistrez de nouveau."
)


def _default_of(field: forms.Field):
    block = getattr(field, "block", None)  # a page's blocks (a StreamField)
    return block.get_default() if block is not None else None


def _readable_values(form: forms.BaseForm) -> None:
    """A value sent malformed, or missing, where the field's widget reads a structure (a page's
    blocks, a rich text's JSON) is a form error on the field, and the page is shown again with
    the field as it was, instead of failing while the widget reads it."""
    form._unreadable = set()
    for name, field in form.fields.items():
        widget = field.widget
        # Wagtail's widgets (blocks, rich text) are those that read a structure.
        if getattr(widget, "_bounded", False) or not type(widget).__module__.startswith("wagtail."):
            continue
        original = widget.value_from_datadict

        def value_from_datadict(data, files, prefix, name=name, field=field, original=original):
            try:
                return original(data, files, prefix)
            except (KeyError, ValueError, TypeError, AttributeError):
                form._unreadable.add(name)
                return form.initial.get(name, _default_of(field))

        widget.value_from_datadict = value_from_datadict
        widget._bounded = True


def _bound_with_rows(form: forms.BaseForm) -> bool:
    tampered = _tampered_rows_blanked(form)
    bounded_form_fields(form)
    _readable_values(form)
    for formset in getattr(form, "formsets", {}).values():
        for row in formset.forms:
            _order_ignored_when_deleted(formset, row)
            tampered = _bound_with_rows(row) or tampered
    return tampered


class BoundedAdminFormMixin:
    """An admin form (Wagtail's, with its inline formsets) held to the same bounds: its fields
    and those of every inline row; its blocks, when malformed, are a form error. A row whose
    identifier was altered is refused with the form, in French, instead of failing while the
    formset is built."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._rows_tampered = _bound_with_rows(self)

    def clean(self):
        cleaned_data = super().clean()
        for name in self._unreadable:
            self.add_error(name, ValidationError(UNREADABLE_VALUE, code="unreadable"))
        if self._rows_tampered:
            raise ValidationError(
                _(
                    "Le formulaire envoyé ne correspond plus à la page : rechargez-la, "
                    "puis enregistrez de nouveau."
                ),
                code="tampered_rows",
            )
        return cleaned_data


def bounded_admin_form(form_class: type) -> type:
    """``form_class`` (an admin model form) with ``BoundedAdminFormMixin``."""
    if issubclass(form_class, BoundedAdminFormMixin):
        return form_class
    return type(f"Bounded{form_class.__name__}", (BoundedAdminFormMixin, form_class), {})


def _query_string_refused(request: HttpRequest) -> bool:
    if has_control_characters(request.path):
        return True
    for key, values in request.GET.lists():
        if has_control_characters(key):
            return True
        for value in values:
            if has_control_characters(value) or len(value) > MAX_QUERY_VALUE_LENGTH:
                return True
            if key not in FREE_TEXT_PARAMETERS and not integer_in_range(value):
                return True
    return False


class InputBoundsMiddleware:
    """A backstop: a request whose path or query string holds a NUL or control character, an
    over-long value or an integer beyond 64 bits is answered 400 before any view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _query_string_refused(request):
            message = _(
                "Adresse non valide : un paramètre contient un caractère ou un nombre refusé."
            )
            if request.path.startswith(JSON_PATH_PREFIXES):
                response = JsonResponse({"detail": str(message)}, status=400)
                if request.method in ("GET", "HEAD"):
                    response["Access-Control-Allow-Origin"] = "*"
                return response
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
