"""Forms of the alumni network's front office (DSFR markup), and the survey's answer form."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBoundField, DsfrDjangoTemplates
from dsfr.utils import dsfr_input_class_attr

from alumni.models import DirectoryProfile, Position, QuestionKind, SurveyQuestion
from core.bounds import bounded_form_fields, without_control_characters


class DsfrFormMixin:
    """DSFR rendering of a form's fields (labels, hints, errors beside the field)."""

    template_name = "dsfr/form_snippet.html"
    bound_field_class = DsfrBoundField
    default_renderer = DsfrDjangoTemplates

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bounded_form_fields(self)
        for visible in self.visible_fields():
            dsfr_input_class_attr(visible)

    def get_context(self):
        context = super().get_context()
        # Mark optional fields, as the DSFR now recommends.
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PositionForm(DsfrFormMixin, forms.ModelForm):
    class Meta:
        model = Position
        fields = ["title", "organisation", "sector", "start", "end"]
        widgets = {"start": DateInput(), "end": DateInput()}


def _url_field(model_field_name: str) -> forms.URLField:
    model_field = DirectoryProfile._meta.get_field(model_field_name)
    return forms.URLField(
        label=capfirst(model_field.verbose_name), required=False, assume_scheme="https"
    )


class DirectoryProfileForm(DsfrFormMixin, forms.ModelForm):
    linkedin = _url_field("linkedin")
    website = _url_field("website")

    class Meta:
        model = DirectoryProfile
        fields = [
            "headline",
            "presentation",
            "skills",
            "contact_email",
            "linkedin",
            "github",
            "website",
            "listed",
            "show_email",
            "show_positions",
            "show_links",
            "show_presentation",
        ]
        widgets = {
            "skills": forms.CheckboxSelectMultiple,
            "presentation": forms.Textarea(attrs={"rows": 5}),
        }


class DirectoryFilterForm(DsfrFormMixin, forms.Form):
    q = forms.CharField(label=_("Nom ou mots-clés"), required=False, max_length=100)
    cohort = forms.TypedChoiceField(label=_("Promotion"), required=False, coerce=int)
    profile = forms.ChoiceField(label=_("Profil"), required=False)
    sector = forms.ChoiceField(label=_("Secteur d'un poste"), required=False)
    skill = forms.TypedChoiceField(label=_("Compétence"), required=False, coerce=int)

    def __init__(self, *args, choices: dict[str, list[tuple[str, str]]], **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("Toutes"))]
        self.fields["cohort"].choices = every + choices["cohort"]
        self.fields["profile"].choices = [("", _("Tous"))] + choices["profile"]
        self.fields["sector"].choices = [("", _("Tous"))] + choices["sector"]
        self.fields["skill"].choices = every + choices["skill"]

    def filters(self):
        from alumni.selectors import DirectoryFilters

        if not self.is_bound or not self.is_valid():
            return DirectoryFilters()
        data = self.cleaned_data
        return DirectoryFilters(
            text=data["q"],
            cohort_id=data["cohort"] or None,
            profile=data["profile"],
            sector=data["sector"],
            skill_id=data["skill"] or None,
        )


SCALE_CHOICES = [(str(n), str(n)) for n in range(1, 6)]
RECOMMENDATION_CHOICES = [(str(n), str(n)) for n in range(0, 11)]


def question_field(question: SurveyQuestion) -> forms.Field:
    common = {
        "label": question.label,
        "help_text": question.help_text,
        "required": question.required,
    }
    match question.kind:
        case QuestionKind.SCALE:
            return forms.ChoiceField(choices=SCALE_CHOICES, widget=forms.RadioSelect, **common)
        case QuestionKind.RECOMMENDATION:
            return forms.ChoiceField(
                choices=RECOMMENDATION_CHOICES, widget=forms.RadioSelect, **common
            )
        case QuestionKind.SINGLE:
            return forms.ChoiceField(
                choices=[(c, c) for c in question.choice_list], widget=forms.RadioSelect, **common
            )
        case QuestionKind.MULTIPLE:
            return forms.MultipleChoiceField(
                choices=[(c, c) for c in question.choice_list],
                widget=forms.CheckboxSelectMultiple,
                **common,
            )
        case _:
            return forms.CharField(
                widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, **common
            )


class SurveyAnswerForm(DsfrFormMixin, forms.Form):
    """One field per question, named ``q<id>``."""

    def __init__(self, *args, questions: list[SurveyQuestion], **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[f"q{question.pk}"] = question_field(question)
        bounded_form_fields(self)
        for visible in self.visible_fields():
            dsfr_input_class_attr(visible)

    def draft(self) -> dict:
        """What was typed, as JSON, whether valid or not (to keep it); without the NUL and
        control characters the database cannot hold (the field's error names them)."""
        draft = {}
        for name, field in self.fields.items():
            if isinstance(field, forms.MultipleChoiceField):
                draft[name] = [without_control_characters(v) for v in self.data.getlist(name)]
            else:
                draft[name] = without_control_characters(self.data.get(name, ""))
        return draft

    def answers(self) -> dict:
        """The answers by question id, for the response."""
        return {name.removeprefix("q"): value for name, value in self.cleaned_data.items()}
