"""The call for challenges: administrations' agents, their invitations, challenge proposals and
their attachments."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cohorts.models import Cohort, Profile

# The attachments' storage; both names stay importable here for the migrations and for
# projects.models.
from core.storage import PrivateStorage, private_storage  # noqa: F401
from projects.models.challenges import Administration, Challenge


class AdministrationMembership(models.Model):
    """A user acting as an agent of an administration (who may propose its challenges)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.CASCADE,
        related_name="administration_memberships",
    )
    administration = models.ForeignKey(
        Administration,
        verbose_name=_("administration"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invité par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("date d'ajout"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agent d'une administration")
        verbose_name_plural = _("agents des administrations")
        ordering = ["administration__name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "administration"], name="administration_membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user.email or self.user.get_username()} — {self.administration}"


def is_administration_agent(user, administration_id: int) -> bool:
    """Whether ``user`` is an agent of the administration (projects.rules builds on it)."""
    return (
        user.is_authenticated
        and AdministrationMembership.objects.filter(
            user_id=user.pk, administration_id=administration_id
        ).exists()
    )


class AdministrationInvitation(models.Model):
    """An invitation sent by an agent to a colleague's e-mail address; the signed link in the
    message makes the colleague an agent of the same administration once accepted."""

    administration = models.ForeignKey(
        Administration,
        verbose_name=_("administration"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("adresse e-mail invitée"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invité par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("date d'envoi"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("date d'acceptation"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acceptée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invitation d'un agent")
        verbose_name_plural = _("invitations des agents")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.administration}"


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Déposée")
    SELECTED = "selected", _("Retenue")
    REJECTED = "rejected", _("Non retenue")


class ChallengeProposal(models.Model):
    """A challenge proposed by an administration to a cohort's call for challenges."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("promotion"), on_delete=models.PROTECT, related_name="proposals"
    )
    administration = models.ForeignKey(
        Administration,
        verbose_name=_("administration qui propose"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    title = models.CharField(_("titre du défi"), max_length=200)
    problem = models.TextField(_("problème à résoudre"), blank=True)
    goal = models.TextField(_("objectif"), blank=True)
    data_available = models.TextField(_("données disponibles"), blank=True)
    # Codes of cohorts.models.Profile.
    profiles = models.JSONField(_("profils recherchés"), default=list, blank=True)
    posts = models.PositiveSmallIntegerField(_("nombre de postes"), null=True, blank=True)
    sponsor = models.CharField(
        _("porteur ou porteuse"),
        max_length=300,
        blank=True,
        help_text=_("Nom et fonction de la personne qui porte le défi."),
    )
    mentors = models.TextField(
        _("mentors"), blank=True, help_text=_("Nom et fonction, un mentor par ligne.")
    )
    cofunding = models.TextField(
        _("cofinancement"),
        blank=True,
        help_text=_("Montant et origine de la part financée par l'administration."),
    )
    # The funding split between the administration and the program, in euros (optional; the
    # co-funding text above keeps the details: origin, conditions).
    administration_funding_amount = models.DecimalField(
        _("montant financé par l'administration"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message=_("Le montant ne peut pas être négatif."))],
        help_text=_("En euros, sur toute la durée du défi."),
    )
    program_funding_amount = models.DecimalField(
        _("montant demandé au programme"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message=_("Le montant ne peut pas être négatif."))],
        help_text=_("En euros, sur toute la durée du défi."),
    )
    town = models.CharField(_("lieu"), max_length=100, blank=True)
    status = models.CharField(
        _("état"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créée par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("date de création"), auto_now_add=True)
    updated_at = models.DateTimeField(_("dernière modification"), auto_now=True)
    submitted_at = models.DateTimeField(_("date de dépôt"), null=True, blank=True)
    decided_at = models.DateTimeField(_("date de décision"), null=True, blank=True)
    challenge = models.OneToOneField(
        Challenge,
        verbose_name=_("défi créé"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proposition de défi")
        verbose_name_plural = _("propositions de défi")
        ordering = ["-updated_at"]
        permissions = [("decide_challengeproposal", _("Décider d'une proposition de défi"))]

    def __str__(self) -> str:
        return self.title

    @property
    def is_reviewable(self) -> bool:
        """A jury reviews only a submitted (or decided) proposal, never a draft."""
        return self.status != ProposalStatus.DRAFT

    def may_be_reviewed_by(self, reviewer) -> bool:
        """The call's eligibility rule: an agent of the proposing administration never reviews
        its proposal."""
        return not is_administration_agent(reviewer, self.administration_id)

    def profile_labels(self) -> list[str]:
        labels = dict(Profile.choices)
        return [str(labels.get(code, code)) for code in self.profiles]


def attachment_file_name(instance: "ProposalAttachment", filename: str) -> str:
    """A stored name nobody can guess or steer: the uploaded name is kept apart, for display."""
    extension = Path(filename).suffix.lower().lstrip(".")
    return f"proposals/{uuid.uuid4().hex}.{extension}" if extension else uuid.uuid4().hex


class ProposalAttachment(models.Model):
    """A document joined to a proposal; served only to those who may see the proposal."""

    proposal = models.ForeignKey(
        ChallengeProposal,
        verbose_name=_("proposition"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(
        _("fichier"), upload_to=attachment_file_name, storage=private_storage, max_length=200
    )
    name = models.CharField(_("nom du fichier"), max_length=150)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("taille en octets"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("déposé par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("date de dépôt"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name
