"""Forms of the team space: a progress report, a challenge's objectives and their values, and
a challenge's results after the program."""

from decimal import Decimal

from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.forms import DsfrFormMixin
from projects.models import (
    Challenge,
    ChallengeLink,
    ChallengeObjective,
    KeyFigure,
    Mood,
    ObjectiveValue,
    Outcome,
    OutcomeAnswer,
    ProgressReport,
)


class ProgressReportForm(DsfrFormMixin, forms.ModelForm):
    class Meta:
        model = ProgressReport
        fields = ["reported_on", "progress", "blockers", "help_needed", "mood", "staff_only"]
        widgets = {
            "reported_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "progress": forms.Textarea(attrs={"rows": 5}),
            "blockers": forms.Textarea(attrs={"rows": 3}),
            "help_needed": forms.Textarea(attrs={"rows": 3}),
            "mood": forms.RadioSelect,
        }
        help_texts = {
            "progress": _("Ce qui a avancé depuis le dernier point."),
            "blockers": _("Ce qui freine l'équipe, s'il y a lieu."),
            "help_needed": _("Ce que l'équipe du programme pourrait faire pour vous."),
            "mood": _("De 1 (très difficile) à 5 (très bien)."),
        }
        error_messages = {
            "progress": {"required": _("Décrivez l'avancement du défi.")},
            "mood": {"required": _("Choisissez le moral de l'équipe.")},
            "reported_on": {
                "required": _("Indiquez la date du point."),
                "invalid": _("Saisissez une date valide."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mood"].choices = Mood.choices  # no empty choice among the radios

    def clean_reported_on(self):
        reported_on = self.cleaned_data["reported_on"]
        if reported_on > timezone.localdate():
            raise forms.ValidationError(_("La date du point ne peut pas être dans le futur."))
        return reported_on


class ChallengeOutcomeForm(DsfrFormMixin, forms.ModelForm):
    class Meta:
        model = Challenge
        fields = ["outcome", "outcome_note"]
        widgets = {"outcome_note": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "outcome_note": _(
                "Par exemple : l'équipe qui reprend le service, "
                "les administrations qui l'ont adopté."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = Outcome.choices


class KeyFigureForm(DsfrFormMixin, forms.ModelForm):
    class Meta:
        model = KeyFigure
        fields = ["prefix", "amount", "suffix", "description", "position"]


class ChallengeLinkForm(DsfrFormMixin, forms.ModelForm):
    url = forms.URLField(label=_("Adresse"), max_length=500, assume_scheme="https")

    class Meta:
        model = ChallengeLink
        fields = ["kind", "url", "title", "position"]


KeyFigureFormSet = inlineformset_factory(
    Challenge,
    KeyFigure,
    form=KeyFigureForm,
    fields=["prefix", "amount", "suffix", "description", "position"],
    extra=1,
    can_delete=True,
)

ChallengeLinkFormSet = inlineformset_factory(
    Challenge,
    ChallengeLink,
    form=ChallengeLinkForm,
    fields=["kind", "url", "title", "position"],
    extra=1,
    can_delete=True,
)


def _url_field(model_field) -> forms.URLField:
    return forms.URLField(
        label=capfirst(model_field.verbose_name),
        max_length=model_field.max_length,
        required=False,
        assume_scheme="https",
    )


class OutcomeAnswerForm(DsfrFormMixin, forms.ModelForm):
    service_url = _url_field(OutcomeAnswer._meta.get_field("service_url"))
    code_url = _url_field(OutcomeAnswer._meta.get_field("code_url"))
    dataset_url = _url_field(OutcomeAnswer._meta.get_field("dataset_url"))

    class Meta:
        model = OutcomeAnswer
        fields = [
            "milestone",
            "answered_on",
            "status",
            "service_url",
            "code_url",
            "dataset_url",
            "comment",
        ]
        widgets = {
            "answered_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "comment": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "milestone": _("L'échéance à laquelle vous répondez, si c'est une réponse demandée."),
            "comment": _("Par exemple : qui a repris le service, ce qui a freiné ou aidé."),
        }
        error_messages = {
            "status": {"required": _("Choisissez ce qu'est devenu le défi.")},
            "answered_on": {
                "required": _("Indiquez la date de la réponse."),
                "invalid": _("Saisissez une date valide."),
            },
        }

    def clean_answered_on(self):
        answered_on = self.cleaned_data["answered_on"]
        if answered_on > timezone.localdate():
            raise forms.ValidationError(_("La date ne peut pas être dans le futur."))
        return answered_on


NUMBER_ERRORS = {
    "required": _("Saisissez un nombre."),
    "invalid": _("Saisissez un nombre, par exemple « 12,5 »."),
    "max_digits": _("Saisissez un nombre d'au plus 12 chiffres avant la virgule et 3 après."),
    "max_whole_digits": _("Saisissez un nombre d'au plus 12 chiffres avant la virgule."),
    "max_decimal_places": _("Saisissez un nombre d'au plus 3 chiffres après la virgule."),
    "max_value": _("Saisissez un nombre d'au plus 12 chiffres avant la virgule."),
    "min_value": _("Saisissez un nombre d'au plus 12 chiffres avant la virgule."),
}


class NumberField(forms.DecimalField):
    """A number typed the French way (« 12,5 », « 1 250 ») or with a dot, in a text input
    that keeps what was typed; every refusal in French, at the field."""

    def __init__(self, **kwargs):
        kwargs["localize"] = True
        super().__init__(**kwargs)
        self.error_messages = {**self.error_messages, **NUMBER_ERRORS}
        self.widget.attrs["inputmode"] = "decimal"

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split())  # spaces and no-break spaces between thousands
        return super().to_python(value)


def plain_number(value):
    """``value`` without its trailing zeros (« 12,500 » shows as « 12,5 », « 100,000 » as
    « 100 »)."""
    if value is None:
        return value
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()


class NumbersShownPlainMixin:
    number_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.number_fields:
            if isinstance(self.initial.get(name), Decimal):
                self.initial[name] = plain_number(self.initial[name])


class ObjectiveForm(NumbersShownPlainMixin, DsfrFormMixin, forms.ModelForm):
    number_fields = ("baseline", "target")

    class Meta:
        model = ChallengeObjective
        fields = ["name", "unit", "baseline", "target", "source", "is_public", "order"]
        field_classes = {"baseline": NumberField, "target": NumberField}
        error_messages = {"name": {"required": _("Nommez l'indicateur.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].help_text = _(
            "Les objectifs sont montrés du plus petit au plus grand."
        )


class ObjectiveValueForm(NumbersShownPlainMixin, DsfrFormMixin, forms.ModelForm):
    number_fields = ("value",)

    class Meta:
        model = ObjectiveValue
        fields = ["measured_on", "value", "note"]
        field_classes = {"value": NumberField}
        widgets = {
            "measured_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "note": _(
                "Par exemple : ce qui explique la valeur. Ce commentaire reste dans "
                "l'espace équipe."
            ),
        }
        error_messages = {
            "measured_on": {
                "required": _("Indiquez la date de la mesure."),
                "invalid": _("Saisissez une date valide."),
            },
        }
