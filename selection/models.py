"""The call for candidates: applications, their equality statistics (kept apart), reviews and
interviews.

The tables kept their names when the call moved here from ``cohorts`` (``db_table``): the rows,
their history and the candidates' files are where they were.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cohorts.models import Cohort, Profile
from core.reviews import review_total
from core.storage import PrivateStorage

# The three criteria a reviewer scores an application on, 0 to 5 each (selection.reviews).
REVIEW_SCORE_FIELDS = ("score_skills", "score_motivation", "score_fit")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Déposée")
    WITHDRAWN = "withdrawn", _("Retirée")


class SelectionStage(models.TextChoices):
    ELIGIBILITY = "eligibility", _("Recevabilité")
    FIRST_REVIEW = "first_review", _("Première évaluation")
    INTERVIEW = "interview", _("Entretiens")
    FINAL = "final", _("Décision finale")


class Decision(models.TextChoices):
    PENDING = "", _("En attente")
    SELECTED = "selected", _("Retenue")
    WAITING_LIST = "waiting_list", _("Liste d'attente")
    REJECTED = "rejected", _("Non retenue")


class Application(models.Model):
    """A candidate's application to a cohort's call for candidates.

    Equality statistics are NOT here: they live in ``EqualityStatistics``, which no reviewer
    view or export reads.
    """

    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte du candidat"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    cohort = models.ForeignKey(
        Cohort, verbose_name=_("promotion"), on_delete=models.PROTECT, related_name="applications"
    )
    full_name = models.CharField(_("nom complet"), max_length=200)
    profile = models.CharField(_("profil"), max_length=20, choices=Profile.choices)
    cv = models.FileField(
        _("CV (PDF)"), upload_to="candidatures/", storage=PrivateStorage(), blank=True
    )
    links = models.TextField(
        _("liens"),
        blank=True,
        help_text=_("Une adresse par ligne : GitHub, GitLab, portfolio, LinkedIn…"),
    )
    motivation = models.TextField(_("motivation"), blank=True)
    first_choice = models.ForeignKey(
        "projects.Challenge",
        verbose_name=_("défi, premier choix"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    second_choice = models.ForeignKey(
        "projects.Challenge",
        verbose_name=_("défi, deuxième choix"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    third_choice = models.ForeignKey(
        "projects.Challenge",
        verbose_name=_("défi, troisième choix"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    keep_for_future_calls = models.BooleanField(
        _("accepte que le dossier soit conservé pour les prochains appels"),
        default=False,
        help_text=_("Le dossier est alors conservé deux ans au lieu de trois mois."),
    )
    public_consent_if_selected = models.BooleanField(
        _("accepte, si retenu, d'apparaître sur le site public"), default=False
    )
    status = models.CharField(
        _("état"), max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("déposée le"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("retirée le"), null=True, blank=True)
    stage = models.CharField(
        _("étape de la sélection"),
        max_length=20,
        choices=SelectionStage.choices,
        default=SelectionStage.ELIGIBILITY,
    )
    decision = models.CharField(
        _("décision"), max_length=20, choices=Decision.choices, blank=True, default=Decision.PENDING
    )
    decision_reason = models.TextField(_("motif de la décision"), blank=True)
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    selected_challenge = models.ForeignKey(
        "projects.Challenge",
        verbose_name=_("défi attribué"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    history = HistoricalRecords(table_name="cohorts_historicalapplication")

    class Meta:
        db_table = "cohorts_application"
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")
        ordering = ["cohort__year", "full_name", "pk"]
        permissions = [("decide_application", _("Décider d'une candidature"))]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "cohort"],
                condition=models.Q(status="submitted"),
                name="application_one_submitted_per_cohort",
                violation_error_message=_(
                    "Vous avez déjà déposé une candidature pour cette promotion."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.cohort}"

    @property
    def choices(self) -> list:
        """The chosen challenges, in order of preference."""
        return [c for c in (self.first_choice, self.second_choice, self.third_choice) if c]

    @property
    def choice_ids(self) -> list[int]:
        ids = (self.first_choice_id, self.second_choice_id, self.third_choice_id)
        return [pk for pk in ids if pk]


class Gender(models.TextChoices):
    UNSAID = "", _("Je préfère ne pas répondre")
    WOMAN = "woman", _("Femme")
    MAN = "man", _("Homme")
    OTHER = "other", _("Autre")


class AgeBand(models.TextChoices):
    UNSAID = "", _("Je préfère ne pas répondre")
    UNDER_25 = "under_25", _("Moins de 25 ans")
    FROM_25_TO_34 = "25_34", _("De 25 à 34 ans")
    FROM_35_TO_44 = "35_44", _("De 35 à 44 ans")
    FROM_45 = "45_plus", _("45 ans et plus")


class EqualityStatistics(models.Model):
    """Optional equality statistics of an application, kept apart from it: only the staff's
    aggregated statistics read them, never a reviewer's page or export. No history is kept."""

    application = models.OneToOneField(
        Application,
        verbose_name=_("candidature"),
        on_delete=models.CASCADE,
        related_name="equality_statistics",
    )
    gender = models.CharField(_("genre"), max_length=10, choices=Gender.choices, blank=True)
    age_band = models.CharField(
        _("tranche d'âge"), max_length=10, choices=AgeBand.choices, blank=True
    )

    class Meta:
        db_table = "cohorts_equalitystatistics"
        verbose_name = _("statistiques d'égalité")
        verbose_name_plural = _("statistiques d'égalité")

    def __str__(self) -> str:
        return str(
            _("Statistiques d'égalité de la candidature %(pk)s") % {"pk": self.application_id}
        )


class Review(models.Model):
    """A reviewer assigned to an application for one round: conflict, scores and comment."""

    application = models.ForeignKey(
        Application, verbose_name=_("candidature"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("évaluateur ou évaluatrice"),
        on_delete=models.CASCADE,
        related_name="application_reviews",
    )
    stage = models.CharField(
        _("étape"),
        max_length=20,
        choices=SelectionStage.choices,
        default=SelectionStage.FIRST_REVIEW,
    )
    has_conflict = models.BooleanField(
        _("conflit d'intérêts"),
        null=True,
        blank=True,
        help_text=_("Vide tant que l'évaluateur ne s'est pas déclaré."),
    )
    conflict_note = models.TextField(_("précisions sur le conflit"), blank=True)
    score_skills = models.PositiveSmallIntegerField(_("compétences (0 à 5)"), null=True, blank=True)
    score_motivation = models.PositiveSmallIntegerField(
        _("motivation (0 à 5)"), null=True, blank=True
    )
    score_fit = models.PositiveSmallIntegerField(
        _("adéquation aux défis (0 à 5)"), null=True, blank=True
    )
    comment = models.TextField(_("commentaire"), blank=True)
    reviewed_at = models.DateTimeField(_("évaluée le"), null=True, blank=True)

    history = HistoricalRecords(table_name="cohorts_historicalreview")

    class Meta:
        db_table = "cohorts_review"
        verbose_name = _("évaluation de candidature")
        verbose_name_plural = _("évaluations de candidatures")
        ordering = ["application__full_name", "stage", "pk"]
        permissions = [
            ("lift_review_conflict", _("Lever le conflit d'intérêts déclaré par un évaluateur"))
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer", "stage"], name="review_unique_per_stage"
            ),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__isnull": True})
                    | models.Q(**{f"{name}__lte": 5}),
                    name=f"review_{name}_at_most_5",
                )
                for name in REVIEW_SCORE_FIELDS
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} — {self.reviewer}"

    @property
    def total(self) -> int | None:
        """The sum of the three scores, None until all three are given (core.reviews)."""
        scores = {name: getattr(self, name) for name in REVIEW_SCORE_FIELDS}
        return review_total(keys=REVIEW_SCORE_FIELDS, scores=scores)


class InterviewSlot(models.Model):
    """An interview of a candidate, with when, where and who."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("candidature"),
        on_delete=models.CASCADE,
        related_name="interviews",
    )
    starts_at = models.DateTimeField(_("début"))
    duration_minutes = models.PositiveSmallIntegerField(_("durée en minutes"), default=45)
    place = models.CharField(_("lieu ou lien de visioconférence"), max_length=300, blank=True)
    interviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("jury de l'entretien"),
        blank=True,
        related_name="application_interviews",
        db_table="cohorts_interviewslot_interviewers",
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords(table_name="cohorts_historicalinterviewslot")

    class Meta:
        db_table = "cohorts_interviewslot"
        verbose_name = _("entretien")
        verbose_name_plural = _("entretiens")
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application} — {self.starts_at:%d/%m/%Y %H:%M}"
