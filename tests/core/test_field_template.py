"""The one DSFR form-field partial (templates/eig/_field.html), for every kind of widget: after
an error, the message sits next to the field with the id the forms put in aria-describedby, what
was typed stays, required fields carry their asterisk, and radios are side by side only when
asked."""

import re

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string

from core.forms import DsfrFormMixin

CHOICES = [("dev", "Développement"), ("data", "Données"), ("design", "Design")]


class EveryWidgetForm(DsfrFormMixin, forms.Form):
    """One field per widget kind; each refuses a value it would otherwise accept, so a bound form
    has an error on every field while keeping what was typed."""

    full_name = forms.CharField(label="Nom complet", help_text="Prénom et nom.")
    motivation = forms.CharField(label="Motivation", widget=forms.Textarea, required=False)
    consent = forms.BooleanField(label="J'accepte d'être contacté", required=False)
    profile = forms.ChoiceField(label="Profil", choices=[("", "Choisir un profil"), *CHOICES])
    profiles = forms.MultipleChoiceField(
        label="Profils recherchés", choices=CHOICES, widget=forms.CheckboxSelectMultiple
    )
    mood = forms.ChoiceField(
        label="Moral de l'équipe",
        choices=[(str(n), str(n)) for n in range(1, 6)],
        widget=forms.RadioSelect,
        help_text="De 1 à 5.",
    )
    cv = forms.FileField(label="CV au format PDF", required=False)
    attachment = forms.FileField(label="Pièce jointe", widget=forms.ClearableFileInput)

    def clean(self):
        for name in self.fields:
            self.add_error(name, ValidationError(f"Erreur sur {name}."))
        return self.cleaned_data


DATA = {
    "full_name": "Inès <Candidate>",
    "motivation": "Ouvrir les données.",
    "consent": "on",
    "profile": "data",
    "profiles": ["dev", "design"],
    "mood": "4",
}
FILES = {
    "cv": SimpleUploadedFile("cv.pdf", b"%PDF-1.4", content_type="application/pdf"),
    "attachment": SimpleUploadedFile("note.pdf", b"%PDF-1.4", content_type="application/pdf"),
}


@pytest.fixture
def form():
    bound = EveryWidgetForm(DATA, FILES)
    assert not bound.is_valid()
    return bound


def render(field, **options) -> str:
    return render_to_string("eig/_field.html", {"field": field, **options})


# What shows that the value was kept, for each field (a file input never shows its file).
KEPT = {
    "full_name": 'value="Inès &lt;Candidate&gt;"',
    "motivation": ">\nOuvrir les données.</textarea>",
    "consent": r'<input type="checkbox" name="consent"[^>]* checked',
    "profile": r'<option value="data" selected>',
    "profiles": None,
    "mood": r'<input type="radio" name="mood" value="4"[^>]* checked',
    "cv": None,
    "attachment": None,
}
GROUP = {
    "full_name": "fr-input-group fr-input-group--error",
    "motivation": "fr-input-group fr-input-group--error",
    "consent": "fr-checkbox-group fr-checkbox-group--error",
    "profile": "fr-select-group fr-select-group--error",
    "profiles": "fr-fieldset fr-fieldset--error",
    "mood": "fr-fieldset fr-fieldset--error",
    "cv": "fr-upload-group fr-upload-group--error",
    "attachment": "fr-upload-group fr-upload-group--error",
}


@pytest.mark.parametrize("name", list(KEPT))
def test_the_error_is_next_to_the_field_with_the_id_the_widget_refers_to(form, name):
    html = render(form[name])

    assert f'class="{GROUP[name]}"' in html
    error = re.search(rf'id="id_{name}-desc-error"[^>]*>(.*?)</(p|div)>', html, re.S)
    assert error and f"Erreur sur {name}." in error.group(1)
    # A fieldset of options is named by its legend and its error; any other widget points at it.
    if name in ("profiles", "mood"):
        assert f'aria-labelledby="id_{name}-legend id_{name}-desc-error"' in html
    else:
        assert f'aria-describedby="id_{name}-desc-error"' in html
    assert html.count(f'id="id_{name}-desc-error"') == 1


@pytest.mark.parametrize("name", [name for name, kept in KEPT.items() if kept])
def test_what_was_typed_stays_after_an_error(form, name):
    assert re.search(KEPT[name], render(form[name]))


def test_every_ticked_box_of_a_list_stays_ticked(form):
    html = render(form["profiles"])

    ticked = re.findall(r'<input type="checkbox" name="profiles" value="(\w+)"[^>]* checked', html)
    assert ticked == ["dev", "design"]


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("full_name", "Nom complet"),
        ("profile", "Profil"),
        ("profiles", "Profils recherchés"),
        ("mood", "Moral de l&#x27;équipe"),
        ("attachment", "Pièce jointe"),
    ],
)
def test_a_required_field_is_marked_with_an_asterisk(form, name, label):
    assert f"{label} *" in render(form[name])


@pytest.mark.parametrize("name", ["motivation", "consent", "cv"])
def test_an_optional_field_has_no_asterisk(form, name):
    assert " *" not in render(form[name])


def test_the_hint_sits_in_the_label_or_the_legend(form):
    assert re.search(
        r'<label [^>]*>Nom complet \* <span class="fr-hint-text"[^>]*>Prénom et nom\.',
        render(form["full_name"]),
    )
    assert re.search(
        r'<legend [^>]*>Moral de l&#x27;équipe \* <span class="fr-hint-text"[^>]*>De 1 à 5\.',
        render(form["mood"]),
    )


@pytest.mark.parametrize("name", ["profiles", "mood"])
def test_a_fieldset_in_error_is_labelled_by_its_legend_and_its_error(form, name):
    html = render(form[name])

    assert f'aria-labelledby="id_{name}-legend id_{name}-desc-error"' in html
    assert (
        f'<legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="id_{name}-legend">'
        in html
    )


def test_radios_are_side_by_side_only_when_asked(form):
    inline = render(form["mood"], inline=True)
    stacked = render(form["mood"])

    assert inline.count("fr-fieldset__element fr-fieldset__element--inline") == 5
    assert "fr-fieldset__element--inline" not in stacked
    assert stacked.count('class="fr-fieldset__element"') == 5


def test_a_small_checkbox_only_when_asked(form):
    assert "fr-checkbox-group--sm" in render(form["consent"], small=True)
    assert "fr-checkbox-group--sm" not in render(form["consent"])


def test_an_unbound_field_shows_no_error():
    html = render(EveryWidgetForm()["full_name"])

    assert "desc-error" not in html
    assert "--error" not in html
