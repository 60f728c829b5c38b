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


def _guard_choice_of_records(field: forms.ModelChoiceField) -> None:
    """The field refuses an out-of-range identifier as an invalid choice, before querying."""
    if getattr(field, "_bounded", False):
        return
    original_clean = field.clean

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

    field.clean = clean
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
