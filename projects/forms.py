"""Forms of the public challenge pages."""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.forms import DsfrFormMixin
from projects.selectors import ChallengeFilterChoices, ChallengeFilters, Choice


class PlainChoices(BaseChoiceIterator):
    """Choices of plain strings, used as they are: Django would otherwise normalize the
    hundreds of administrations offered on every request. Their ``<option>`` tags are written
    once, the first time they are shown, and reused by every form given the same choices."""

    def __init__(self, choices: list[tuple[str, str]]) -> None:
        self.choices = choices
        self._options: list[tuple[str, str, str]] | None = None

    def __iter__(self):
        return iter(self.choices)

    def options_html(self, selected: set[str]) -> str:
        """The ``<option>`` tags, with ``selected`` on the values in ``selected``; every value
        and label escaped."""
        if self._options is None:
            self._options = [
                (
                    str(value),
                    f'<option value="{escape(str(value))}"',
                    f">{escape(str(label))}</option>",
                )
                for value, label in self.choices
            ]
        return "".join(
            f"{start}{' selected' if value in selected else ''}{end}"
            for value, start, end in self._options
        )


def _choices(choices: list[Choice], *, empty: str) -> PlainChoices:
    return PlainChoices([("", empty), *((choice.value, choice.label) for choice in choices)])


class PlainSelect(forms.Select):
    """A select whose options are written in Python (see ``PlainChoices``). Django renders each
    option through a template, which costs tens of milliseconds for the hundreds of
    administrations offered."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {
            str(v) for v in (value if isinstance(value, list | tuple) else [value]) if v is not None
        }
        choices = self.choices
        if not isinstance(choices, PlainChoices):
            choices = PlainChoices(list(choices))
        attributes = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        # PlainChoices escapes every value and label.
        return format_html(
            "<select{}>{}</select>",
            flatatt(attributes),
            mark_safe(choices.options_html(selected)),  # noqa: S308
        )


class ChallengeFilterForm(DsfrFormMixin, forms.Form):
    """The challenge list's search and filters, sent by GET. A value that is not offered is
    reported on its field and ignored, the other filters still apply."""

    q = forms.CharField(
        label=_("Rechercher"),
        required=False,
        max_length=200,
        help_text=_("Titre, présentation ou administration d'accueil"),
    )
    promotion = forms.ChoiceField(widget=PlainSelect, label=_("Promotion"), required=False)
    annee = forms.ChoiceField(widget=PlainSelect, label=_("Année"), required=False)
    administration = forms.ChoiceField(
        widget=PlainSelect, label=_("Administration d'accueil"), required=False
    )
    thematique = forms.ChoiceField(widget=PlainSelect, label=_("Thématique"), required=False)
    competence = forms.ChoiceField(widget=PlainSelect, label=_("Compétence"), required=False)
    etat = forms.ChoiceField(widget=PlainSelect, label=_("État"), required=False)

    @staticmethod
    def options(choices: ChallengeFilterChoices) -> dict[str, PlainChoices]:
        """Each select's choices, ready for the form; the same object may serve many forms
        (the view keeps it per site version), its ``<option>`` tags written once."""
        return {
            "promotion": _choices(choices.cohorts, empty=_("Toutes les promotions")),
            "annee": _choices(choices.years, empty=_("Toutes les années")),
            "administration": _choices(
                choices.administrations, empty=_("Toutes les administrations")
            ),
            "thematique": _choices(choices.themes, empty=_("Toutes les thématiques")),
            "competence": _choices(choices.skills, empty=_("Toutes les compétences")),
            "etat": _choices(choices.statuses, empty=_("Tous les états")),
        }

    def __init__(self, *args, options: dict[str, PlainChoices], **kwargs):
        super().__init__(*args, **kwargs)
        for name, choices in options.items():
            self.fields[name].choices = choices
        self.fields["q"].widget.attrs["type"] = "search"
        self.dsfr_widgets()

    def filters(self) -> ChallengeFilters:
        """The filters to apply: the valid values only."""
        if not self.is_bound:
            return ChallengeFilters()
        self.is_valid()  # DsfrFormMixin ties each field in error to its message
        data = self.cleaned_data
        return ChallengeFilters(
            cohort=data.get("promotion") or "",
            year=int(data["annee"]) if data.get("annee") else None,
            administration=int(data["administration"]) if data.get("administration") else None,
            theme=data.get("thematique") or "",
            skill=data.get("competence") or "",
            status=data.get("etat") or "",
            q=(data.get("q") or "").strip(),
        )

    @property
    def is_filtering(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)
