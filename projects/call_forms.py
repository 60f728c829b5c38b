"""Forms of the administrations' space and of the jury's space (DSFR markup in the templates).

Choice lists come from projects.rules: an agent is only ever offered their own administrations.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from cohorts.models import Profile
from core.forms import DsfrFormMixin
from core.reviews import score_choice_field
from projects import rules
from projects.models import ChallengeProposal, ReviewAssignment
from projects.reviews import round_criteria
from projects.services import PROPOSAL_FIELDS
from projects.uploads import ACCEPTED_LABEL, MAX_ATTACHMENT_SIZE, check_attachment

FUNDING_FIELDS = ("administration_funding_amount", "program_funding_amount")


class ProposalForm(DsfrFormMixin, forms.ModelForm):
    """The proposal's content. Only the title is required to save a draft; the submission asks
    for the rest (projects.services.REQUIRED_FOR_SUBMISSION)."""

    profiles = forms.MultipleChoiceField(
        label=_("Profils recherchés"),
        choices=Profile.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = ChallengeProposal
        fields = list(PROPOSAL_FIELDS)
        labels = {
            "title": _("Titre du défi"),
            "problem": _("Problème à résoudre"),
            "goal": _("Objectif"),
            "data_available": _("Données disponibles"),
            "posts": _("Nombre de postes"),
            "sponsor": _("Porteur ou porteuse du défi"),
            "mentors": _("Mentors"),
            "cofunding": _("Cofinancement"),
            "administration_funding_amount": _("Montant financé par l'administration (en euros)"),
            "program_funding_amount": _("Montant demandé au programme (en euros)"),
            "town": _("Lieu"),
        }
        help_texts = {
            "problem": _("Le problème rencontré par l'administration ou les usagers."),
            "goal": _("Ce que le défi doit permettre d'obtenir en dix mois."),
            "data_available": _("Les données que l'équipe pourra utiliser, et leur accès."),
            "posts": _("Entre 1 et 4 postes."),
            "sponsor": _("Nom et fonction de la personne qui porte le défi."),
            "mentors": _("Nom et fonction, un mentor par ligne."),
            "cofunding": _(
                "Origine et conditions de la part financée par l'administration (les montants "
                "se saisissent ci-dessous)."
            ),
            "administration_funding_amount": _(
                "Sur toute la durée du défi, sans espace ni symbole. Exemple : 50000"
            ),
            "program_funding_amount": _(
                "Sur toute la durée du défi, sans espace ni symbole. Exemple : 120000"
            ),
            "town": _("Ville où l'équipe travaillera."),
        }
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 5}),
            "goal": forms.Textarea(attrs={"rows": 4}),
            "data_available": forms.Textarea(attrs={"rows": 4}),
            "mentors": forms.Textarea(attrs={"rows": 3}),
            "cofunding": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["posts"].validators += [MinValueValidator(1), MaxValueValidator(4)]
        self.fields["posts"].widget.attrs.update({"min": 1, "max": 4})
        for name in FUNDING_FIELDS:
            self.fields[name].widget.attrs.update(
                {"min": 0, "step": "0.01", "inputmode": "decimal"}
            )
        self.dsfr_widgets()

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class NewProposalForm(ProposalForm):
    """A new proposal: which of the agent's administrations proposes, to which open call."""

    administration = forms.ModelChoiceField(
        label=_("Administration qui propose"), queryset=None, empty_label=None
    )
    cohort = forms.ModelChoiceField(label=_("Promotion"), queryset=None, empty_label=None)

    field_order = ["administration", "cohort"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["administration"].queryset = rules.administrations_of(user)
        self.fields["cohort"].queryset = rules.cohorts_with_open_call()
        self.order_fields(self.field_order)
        self.dsfr_widgets()


class AttachmentForm(DsfrFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Ajouter une pièce jointe"),
        help_text=_("Types acceptés : %(types)s. Taille maximale : %(size)s Mo.")
        % {"types": ACCEPTED_LABEL, "size": MAX_ATTACHMENT_SIZE // (1024 * 1024)},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.dsfr_widgets()

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        check_attachment(uploaded)
        return uploaded


class InvitationForm(DsfrFormMixin, forms.Form):
    administration = forms.ModelChoiceField(
        label=_("Administration"), queryset=None, empty_label=None
    )
    email = forms.EmailField(
        label=_("Adresse e-mail de votre collègue"),
        help_text=_("Format attendu : prenom.nom@administration.gouv.fr"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["administration"].queryset = rules.administrations_of(user)
        self.dsfr_widgets()


class ConflictForm(DsfrFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Nature du conflit d'intérêts"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Par exemple : ancien poste dans cette administration."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.dsfr_widgets()


class ReviewForm(DsfrFormMixin, forms.Form):
    """One score field per criterion of the round (core.reviews), and a comment."""

    comment = forms.CharField(
        label=_("Commentaire"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )

    def __init__(self, *args, assignment: ReviewAssignment, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = round_criteria(assignment.round)
        existing = {score.criterion_id: score.score for score in assignment.scores.all()}
        fields = {
            self.field_name(criterion.key): score_choice_field(
                criterion, initial=existing.get(criterion.key)
            )
            for criterion in self.criteria
        }
        self.fields = fields | dict(self.fields)
        self.fields["comment"].initial = assignment.comment
        self.dsfr_widgets()

    @staticmethod
    def field_name(criterion_id: int) -> str:
        return f"critere_{criterion_id}"

    def scores(self) -> dict[int, int]:
        return {c.key: self.cleaned_data[self.field_name(c.key)] for c in self.criteria}

    def criterion_fields(self):
        return [self[self.field_name(c.key)] for c in self.criteria]

    def clean(self):
        data = super().clean()
        if not self.criteria:
            raise ValidationError(_("Cette session n'a pas encore de critères publiés."))
        return data
