"""Forms of the candidate's and the reviewer's spaces."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from core.forms import DsfrFormMixin
from core.reviews import score_choice_field
from selection.models import AgeBand, Application, Gender, Review
from selection.reviews import SCORE_FIELDS, application_criteria
from selection.services import APPLICATION_FIELDS, cv_problem


class ApplicationForm(DsfrFormMixin, forms.ModelForm):
    """The application, with the optional equality statistics (stored apart)."""

    cv_upload = forms.FileField(
        label=_("CV au format PDF"),
        required=False,
        help_text=_("Fichier PDF de 5 Mo au plus."),
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    gender = forms.ChoiceField(
        label=_("Genre (facultatif)"), choices=Gender.choices, required=False
    )
    age_band = forms.ChoiceField(
        label=_("Tranche d'âge (facultatif)"), choices=AgeBand.choices, required=False
    )

    class Meta:
        model = Application
        fields = list(APPLICATION_FIELDS)
        widgets = {
            "links": forms.Textarea(attrs={"rows": 3}),
            "motivation": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, challenges, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].choices = [("", _("Choisir un profil"))] + [
            choice for choice in self.fields["profile"].choices if choice[0]
        ]
        for name in ("first_choice", "second_choice", "third_choice"):
            field = self.fields[name]
            field.queryset = challenges
            field.empty_label = _("Aucun")
        for field in self.fields.values():
            css = {
                forms.Select: "fr-select",
                forms.CheckboxInput: "",
                forms.FileInput: "fr-upload",
            }.get(type(field.widget), "fr-input")
            if css:
                field.widget.attrs["class"] = css

    def clean_cv_upload(self):
        upload = self.cleaned_data.get("cv_upload")
        if upload:
            problem = cv_problem(upload=upload)
            if problem:
                raise ValidationError(problem)
        return upload

    def clean_links(self):
        links = self.cleaned_data.get("links", "")
        validate = URLValidator(schemes=["http", "https"])
        lines = [line.strip() for line in links.splitlines() if line.strip()]
        for line in lines:
            try:
                validate(line)
            except ValidationError as error:
                raise ValidationError(
                    _("« %(link)s » n'est pas une adresse web (https://…).") % {"link": line}
                ) from error
        return "\n".join(lines)

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get(n) for n in ("first_choice", "second_choice", "third_choice")]
        given = [c for c in chosen if c]
        if len({c.pk for c in given}) != len(given):
            self.add_error("second_choice", _("Choisissez des défis différents."))
        if chosen[1] and not chosen[0] or chosen[2] and not chosen[1]:
            self.add_error("first_choice", _("Classez vos choix dans l'ordre, sans en sauter."))
        return cleaned


class ConflictForm(DsfrFormMixin, forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Avez-vous un conflit d'intérêts avec cette personne ?"),
        choices=[("no", _("Non, aucun conflit")), ("yes", _("Oui, j'ai un conflit d'intérêts"))],
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
    )
    conflict_note = forms.CharField(
        label=_("Précisions (facultatif)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "fr-input"}),
    )


class ScoreForm(DsfrFormMixin, forms.ModelForm):
    """The three scores of the call's criteria (core.reviews), and a comment."""

    class Meta:
        model = Review
        fields = [*SCORE_FIELDS, "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 4, "class": "fr-input"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in application_criteria():
            field = score_choice_field(criterion, with_maximum=False)
            field.widget.attrs["class"] = "fr-select"
            self.fields[criterion.key] = field
