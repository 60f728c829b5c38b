"""What every front-office form shares, for its fields rendered by ``templates/eig/_field.html``."""

from django import forms

from core.bounds import bounded_form_fields

# Widgets rendered as a fieldset of options: the fieldset, not each option, names the error.
OPTION_GROUPS = forms.CheckboxSelectMultiple | forms.RadioSelect


class DsfrFormMixin:
    """Gives each widget its DSFR class (``fr-input``, ``fr-select``, ``fr-upload``) unless the
    form gave one, and ties each field in error to its message (``<auto_id>-desc-error``) for
    screen readers (RGAA 11.10), including errors added after validation.

    A form that adds or replaces fields after ``__init__`` calls ``dsfr_widgets()`` again.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.dsfr_widgets()

    def dsfr_widgets(self) -> None:
        # Every field held to the database's bounds: no NUL, no integer beyond 64 bits.
        bounded_form_fields(self)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, OPTION_GROUPS | forms.CheckboxInput):
                continue
            if isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "fr-select")
            elif isinstance(widget, forms.FileInput):
                widget.attrs.setdefault("class", "fr-upload")
            else:
                widget.attrs.setdefault("class", "fr-input")

    def _describe_errors(self) -> None:
        for name in self._errors or {}:
            field = self.fields.get(name)
            if field is None or isinstance(field.widget, OPTION_GROUPS):
                continue
            field.widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}-desc-error"}
            )

    def full_clean(self):
        super().full_clean()
        self._describe_errors()

    def add_error(self, field, error):
        super().add_error(field, error)
        self._describe_errors()
