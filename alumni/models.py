"""What alumni did after the program, their directory, and the feedback surveys."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from simple_history.models import HistoricalRecords
from wagtail.models import Orderable

from cohorts.models import Person


class Sector(models.TextChoices):
    PUBLIC = "public", _("Public")
    PRIVATE = "private", _("Privé")
    ASSOCIATIVE = "associative", _("Associatif")
    INDEPENDENT = "independent", _("Indépendant")


class Position(models.Model):
    """A position a person held, typically after their cohort."""

    person = models.ForeignKey(
        Person, verbose_name=_("personne"), on_delete=models.CASCADE, related_name="positions"
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    sector = models.CharField(_("secteur"), max_length=20, choices=Sector.choices)
    title = models.CharField(_("intitulé du poste"), max_length=200)
    start = models.DateField(_("début"))
    end = models.DateField(
        _("fin"), null=True, blank=True, help_text=_("Laisser vide pour un poste actuel.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("poste")
        verbose_name_plural = _("postes")
        ordering = ["person", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="position_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.organisation}"

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("La fin du poste ne peut précéder son début.")})


# --- The alumni directory: what each person agreed to show ------------------------------------


class DirectoryProfile(models.Model):
    """A fellow's or alumnus's entry in the network's directory, with their consent per item.

    Nobody appears in the directory without ``listed``; each item (e-mail, positions, links,
    presentation) is shown only when its own consent is given. Everything can change at any time.
    """

    person = models.OneToOneField(
        Person,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="directory_profile",
    )
    headline = models.CharField(
        _("en quelques mots"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple : « Data scientist, santé publique »."),
    )
    presentation = models.TextField(_("présentation"), blank=True, max_length=2000)
    skills = models.ManyToManyField(
        "projects.Skill", verbose_name=_("compétences"), blank=True, related_name="+"
    )
    contact_email = models.EmailField(
        _("adresse e-mail de contact"),
        blank=True,
        help_text=_("Laisser vide pour utiliser l'adresse de votre compte."),
    )
    linkedin = models.URLField(_("LinkedIn"), blank=True)
    github = models.CharField(
        _("GitHub"), max_length=100, blank=True, help_text=_("Identifiant, sans l'adresse du site.")
    )
    website = models.URLField(_("site web"), blank=True)

    listed = models.BooleanField(
        _("apparaître dans l'annuaire"),
        default=False,
        help_text=_("L'annuaire n'est ouvert qu'aux EIG, aux anciens et à l'équipe du programme."),
    )
    show_email = models.BooleanField(_("montrer mon adresse e-mail"), default=False)
    show_positions = models.BooleanField(_("montrer mon parcours (postes)"), default=False)
    show_links = models.BooleanField(_("montrer mes liens"), default=False)
    show_presentation = models.BooleanField(
        _("montrer ma présentation et mes compétences"), default=False
    )
    consent_updated_at = models.DateTimeField(
        _("consentement mis à jour le"), null=True, blank=True
    )

    history = HistoricalRecords(m2m_fields=[skills])

    class Meta:
        verbose_name = _("fiche d'annuaire")
        verbose_name_plural = _("fiches d'annuaire")

    def __str__(self) -> str:
        return str(self.person)


# --- Feedback surveys ---------------------------------------------------------------------------


class SurveyWave(models.TextChoices):
    END = "end", _("Fin de programme")
    ONE_YEAR = "one_year", _("Un an après")
    TWO_YEARS = "two_years", _("Deux ans après")


class SurveyAudience(models.TextChoices):
    FELLOWS = "fellows", _("EIG de la promotion")
    MENTORS = "mentors", _("Mentors des défis de la promotion")


class Survey(ClusterableModel):
    """A feedback survey of one cohort, for one wave and one audience."""

    title = models.CharField(_("titre"), max_length=200)
    cohort = models.ForeignKey(
        "cohorts.Cohort",
        verbose_name=_("promotion"),
        on_delete=models.PROTECT,
        related_name="surveys",
    )
    wave = models.CharField(_("vague"), max_length=10, choices=SurveyWave.choices)
    audience = models.CharField(
        _("public"), max_length=10, choices=SurveyAudience.choices, default=SurveyAudience.FELLOWS
    )
    anonymous = models.BooleanField(
        _("anonyme"),
        default=True,
        help_text=_(
            "Une enquête anonyme ne garde aucun lien entre une personne et ses réponses : seul "
            "le fait d'avoir répondu est conservé, à part."
        ),
    )
    introduction = models.TextField(_("introduction"), blank=True)
    validity_days = models.PositiveSmallIntegerField(
        _("validité des liens (jours)"),
        default=30,
        help_text=_("Durée pendant laquelle un lien d'invitation ou de relance reste valable."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("enquête")
        verbose_name_plural = _("enquêtes")
        ordering = ["-cohort__year", "cohort__number", "wave", "audience"]
        permissions = [
            ("view_survey_answers", _("Consulter et exporter les réponses des enquêtes")),
            ("send_survey", _("Envoyer les invitations et les relances des enquêtes")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "wave", "audience"], name="survey_unique_cohort_wave_audience"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Échelle de 1 à 5")
    RECOMMENDATION = "recommendation", _("Recommandation de 0 à 10")
    SINGLE = "single", _("Choix unique")
    MULTIPLE = "multiple", _("Choix multiple")
    TEXT = "text", _("Texte libre")


class SurveyQuestion(Orderable):
    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("aide"), max_length=300, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=QuestionKind.choices)
    choices = models.TextField(
        _("choix proposés"),
        blank=True,
        help_text=_("Pour un choix unique ou multiple : un choix par ligne."),
    )
    required = models.BooleanField(_("réponse obligatoire"), default=True)

    # No field history here: django-simple-history cannot follow a ParentalKey; the survey's
    # history (and Wagtail's log of its edits) covers the questions' changes.

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.label

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self) -> None:
        if self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(self.choice_list) < 2:
            raise ValidationError({"choices": _("Donnez au moins deux choix, un par ligne.")})


class SurveyInvitation(models.Model):
    """A person invited to answer a survey, through a personal link.

    Only a hash of the link's token is stored. ``answered`` is the only trace of an answer: no
    date, no reference to the response (which, for an anonymous survey, names nobody). No history
    is kept of this model, so that no dated record of the answer exists either.
    """

    survey = models.ForeignKey(
        Survey, verbose_name=_("enquête"), on_delete=models.CASCADE, related_name="invitations"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="survey_invitations",
    )
    email = models.EmailField(_("adresse e-mail"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    sent_at = models.DateTimeField(_("envoyée le"))
    expires_at = models.DateTimeField(_("lien valable jusqu'au"))
    reminder_count = models.PositiveSmallIntegerField(_("relances"), default=0)
    answered = models.BooleanField(_("a répondu"), default=False)
    # Answers typed but not sent yet; emptied when the answer is sent.
    draft = models.JSONField(_("brouillon"), default=dict, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["survey", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "person"], name="invitation_once_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.survey}"


class SurveyResponse(models.Model):
    """One answer to a survey: the values, by question id.

    A random primary key and no date, so that neither the order nor the time of answering can
    re-link an anonymous response to an invitation. ``person`` is set only for a survey that is
    not anonymous.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        Survey, verbose_name=_("enquête"), on_delete=models.CASCADE, related_name="responses"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("personne"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answers = models.JSONField(_("réponses"), default=dict)

    class Meta:
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")

    def __str__(self) -> str:
        return str(_("Réponse à « %(survey)s »") % {"survey": self.survey})
