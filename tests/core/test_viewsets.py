"""The shared admin machinery: the program's menus registered by each app, and a service's
refusal placed on the admin's form."""

from django import forms
from django.core.exceptions import ValidationError

from core.viewsets import MENU_GROUPS, form_refusal_add


class ReviewerForm(forms.Form):
    reviewer = forms.CharField()


def test_program_menus_are_registered_by_their_own_apps():
    groups = list(MENU_GROUPS)

    assert [str(group.menu_label) for group in groups] == [
        "Promotions",
        "Défis",
        "Vie du programme",
        "Alumni",
    ]
    assert [group.__module__ for group in groups] == [
        "cohorts.viewsets",
        "projects.viewsets",
        "projects.viewsets",
        "alumni.viewsets",
    ]


def test_a_refusal_shows_next_to_its_field_or_at_the_top_of_the_form():
    form = ReviewerForm({"reviewer": "alice"})
    assert form.is_valid()

    form_refusal_add(
        form,
        ValidationError(
            {"reviewer": "Cette personne ne peut pas évaluer.", "round": "Session close."}
        ),
    )
    form_refusal_add(form, ValidationError("Refusé."))

    assert form.errors["reviewer"] == ["Cette personne ne peut pas évaluer."]
    assert form.non_field_errors() == ["Session close.", "Refusé."]
