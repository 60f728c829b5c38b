"""Host administrations, their challenges (défis), teams and key figures."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cohorts.models import Cohort, Person


class AdministrationKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministère")
    DIRECTORATE = "directorate", _("Direction ou délégation")
    SERVICE = "service", _("Service")
    AGENCY = "agency", _("Établissement public ou agence")
    AUTHORITY = "authority", _("Autorité indépendante")
    COURT = "court", _("Juridiction")
    LOCAL = "local", _("Service déconcentré ou collectivité")
    OTHER = "other", _("Autre")


class Administration(models.Model):
    """A host structure. ``parent`` builds the ministry → direction → service hierarchy."""

    name = models.CharField(_("nom"), max_length=300)
    # Name folded for comparison (case, accents, punctuation): two administrations whose names
    # fold alike are the same one.
    name_key = models.CharField(
        _("clé de rapprochement"), max_length=300, unique=True, editable=False
    )
    acronym = models.CharField(_("sigle"), max_length=30, blank=True)
    kind = models.CharField(
        _("nature"),
        max_length=20,
        choices=AdministrationKind.choices,
        default=AdministrationKind.OTHER,
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("administration de rattachement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    website = models.URLField(_("site web"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("administration")
        verbose_name_plural = _("administrations")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def save(self, *args, **kwargs):
        from projects.naming import administration_name_key

        self.name_key = administration_name_key(self.name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        from projects.naming import administration_name_key

        key = administration_name_key(self.name)
        if Administration.objects.filter(name_key=key).exclude(pk=self.pk).exists():
            raise ValidationError({"name": _("Une administration porte déjà ce nom.")})
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("Une administration ne peut pas dépendre d'elle-même.")}
                )
            ancestor = ancestor.parent


class Skill(models.Model):
    """A skill a challenge looks for (development, design, data science…)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("nom"), max_length=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("compétence")
        verbose_name_plural = _("compétences")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(_("identifiant d'URL"), max_length=100, unique=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thématique")
        verbose_name_plural = _("thématiques")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ChallengeStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Proposé")
    SELECTED = "selected", _("Retenu")
    REJECTED = "rejected", _("Non retenu")
    IN_PROGRESS = "in_progress", _("En cours")
    COMPLETED = "completed", _("Terminé")


class Outcome(models.TextChoices):
    UNKNOWN = "", _("Non renseigné")
    CONTINUED = "continued", _("Poursuivi par l'administration")
    EXTENDED = "extended", _("Prolongé")
    REPLICATED = "replicated", _("Essaimé ailleurs")
    STARTUP_ETAT = "startup_etat", _("Devenu Startup d'État")
    STOPPED = "stopped", _("Arrêté")


class Challenge(models.Model):
    """A challenge (défi) posted by one or more host administrations for a cohort."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("promotion"), on_delete=models.PROTECT, related_name="challenges"
    )
    administrations = models.ManyToManyField(
        Administration, verbose_name=_("administrations d'accueil"), related_name="challenges"
    )
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=200)
    summary = models.CharField(_("résumé"), max_length=500, blank=True)
    body = models.TextField(
        _("présentation"), blank=True, help_text=_("Texte long, au format Markdown.")
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thématiques"), blank=True, related_name="challenges"
    )
    skills = models.ManyToManyField(
        Skill, verbose_name=_("compétences recherchées"), blank=True, related_name="challenges"
    )
    posts = models.PositiveSmallIntegerField(_("nombre de postes"), null=True, blank=True)
    town = models.CharField(_("ville"), max_length=100, blank=True)
    duration_months = models.PositiveSmallIntegerField(_("durée en mois"), default=10)
    status = models.CharField(
        _("état"), max_length=20, choices=ChallengeStatus.choices, default=ChallengeStatus.DRAFT
    )
    is_published = models.BooleanField(_("publié sur le site"), default=False)
    outcome = models.CharField(
        _("devenir après le programme"),
        max_length=20,
        choices=Outcome.choices,
        blank=True,
        default=Outcome.UNKNOWN,
    )
    outcome_note = models.TextField(_("précisions sur le devenir"), blank=True)
    outcome_url = models.URLField(
        _("lien du devenir"),
        max_length=500,
        blank=True,
        help_text=_("Par exemple la page de la Startup d'État ou du service qui a pris la suite."),
    )

    history = HistoricalRecords(m2m_fields=[administrations])

    class Meta:
        verbose_name = _("défi")
        verbose_name_plural = _("défis")
        ordering = ["cohort__year", "title"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "slug"], name="challenge_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.title


class TeamRole(models.TextChoices):
    FELLOW = "fellow", _("EIG")
    MENTOR = "mentor", _("Mentor")
    SPONSOR = "sponsor", _("Porteur ou porteuse")


class TeamMembership(models.Model):
    """A person's role in a challenge's team."""

    challenge = models.ForeignKey(
        Challenge, verbose_name=_("défi"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("personne"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rôle"), max_length=10, choices=TeamRole.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membre d'équipe")
        verbose_name_plural = _("membres d'équipe")
        ordering = ["role", "person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "person", "role"], name="membership_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()} — {self.challenge}"


class KeyFigure(models.Model):
    """A figure that tells a challenge's result: an amount and what it counts."""

    challenge = models.ForeignKey(
        Challenge, verbose_name=_("défi"), on_delete=models.CASCADE, related_name="key_figures"
    )
    amount = models.DecimalField(_("valeur"), max_digits=18, decimal_places=2)
    # What the figure is read with, e.g. "+" before the amount or "%" after it.
    prefix = models.CharField(
        _("avant la valeur"), max_length=10, blank=True, help_text=_("Par exemple « + ».")
    )
    suffix = models.CharField(
        _("après la valeur"), max_length=10, blank=True, help_text=_("Par exemple « % ».")
    )
    description = models.CharField(_("description"), max_length=300)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chiffre clé")
        verbose_name_plural = _("chiffres clés")
        ordering = ["challenge", "position"]

    def __str__(self) -> str:
        return f"{self.prefix}{self.amount.normalize():f}{self.suffix} {self.description}"


class LinkKind(models.TextChoices):
    SOURCE_CODE = "source_code", _("Code source")
    WEBSITE = "website", _("Site du service")
    VIDEO = "video", _("Vidéo")
    POSTER = "poster", _("Poster")
    ACHIEVEMENT = "achievement", _("Réalisation")


class ChallengeLink(models.Model):
    """A link to a challenge's source code, service, video, poster or achievement."""

    challenge = models.ForeignKey(
        Challenge, verbose_name=_("défi"), on_delete=models.CASCADE, related_name="links"
    )
    kind = models.CharField(_("nature"), max_length=20, choices=LinkKind.choices)
    url = models.URLField(_("adresse"), max_length=500)
    title = models.CharField(_("titre"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lien")
        verbose_name_plural = _("liens")
        ordering = ["challenge", "kind", "position"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "kind", "url"], name="link_unique"),
        ]

    def __str__(self) -> str:
        return self.title or self.url
