"""The jury of the call for challenges: review rounds, their published criteria, the reviewers
assigned to proposals and their scores."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cohorts.models import Cohort
from core.reviews import SCORE_MAX
from projects.models.call import ChallengeProposal

REVIEWER_IS_AGENT_MESSAGE = _(
    "Cette personne est agent de l'administration qui propose ce défi : elle ne peut pas l'évaluer."
)
SUBJECT_NOT_REVIEWABLE_MESSAGE = _("Seule une proposition déposée peut être évaluée.")


class ReviewRound(models.Model):
    """A review of a cohort's submitted proposals by a jury, on published criteria."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("promotion"), on_delete=models.PROTECT, related_name="review_rounds"
    )
    name = models.CharField(_("nom"), max_length=200)
    instructions = models.TextField(_("consignes aux membres du jury"), blank=True)
    is_open = models.BooleanField(
        _("ouverte aux évaluations"),
        default=True,
        help_text=_("Une fois fermée, le jury ne peut plus noter."),
    )
    created_at = models.DateTimeField(_("date de création"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("session d'évaluation")
        verbose_name_plural = _("sessions d'évaluation")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.cohort})"


class ReviewCriterion(models.Model):
    """A criterion the jury scores each proposal on (0 to SCORE_MAX), published to reviewers."""

    round = models.ForeignKey(
        ReviewRound, verbose_name=_("session"), on_delete=models.CASCADE, related_name="criteria"
    )
    label = models.CharField(_("critère"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("critère d'évaluation")
        verbose_name_plural = _("critères d'évaluation")
        ordering = ["round", "position", "pk"]

    def __str__(self) -> str:
        return self.label


class ReviewAssignment(models.Model):
    """A reviewer asked to review one proposal in a round: conflict declaration, comment and
    (through ReviewScore) one score per criterion."""

    round = models.ForeignKey(
        ReviewRound,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    proposal = models.ForeignKey(
        ChallengeProposal,
        verbose_name=_("proposition"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("membre du jury"),
        on_delete=models.CASCADE,
        related_name="review_assignments",
    )
    conflict_of_interest = models.BooleanField(_("conflit d'intérêts déclaré"), default=False)
    conflict_note = models.TextField(_("précisions sur le conflit"), blank=True)
    comment = models.TextField(_("commentaire"), blank=True)
    scored_at = models.DateTimeField(_("date de notation"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("évaluation assignée")
        verbose_name_plural = _("évaluations assignées")
        ordering = ["round", "proposal__title", "reviewer__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "proposal", "reviewer"], name="review_assignment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.proposal} — {self.reviewer.email or self.reviewer.get_username()}"

    def clean(self) -> None:
        # The call's own rules (ChallengeProposal, used by the review engine's settings of this
        # call, projects/reviews.py): the assignment service validates through here.
        errors = {}
        if self.proposal_id and self.reviewer_id:
            if not self.proposal.may_be_reviewed_by(self.reviewer):
                errors["reviewer"] = REVIEWER_IS_AGENT_MESSAGE
        if self.proposal_id and not self.proposal.is_reviewable:
            errors["proposal"] = SUBJECT_NOT_REVIEWABLE_MESSAGE
        elif self.proposal_id and self.round_id:
            if self.proposal.cohort_id != self.round.cohort_id:
                errors["proposal"] = _("Cette proposition n'appartient pas à la promotion évaluée.")
        if errors:
            raise ValidationError(errors)


class ReviewScore(models.Model):
    assignment = models.ForeignKey(
        ReviewAssignment,
        verbose_name=_("évaluation"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    criterion = models.ForeignKey(
        ReviewCriterion, verbose_name=_("critère"), on_delete=models.CASCADE, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(
        _("note"), validators=[MinValueValidator(0), MaxValueValidator(SCORE_MAX)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["assignment", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="review_score_unique")
        ]

    def __str__(self) -> str:
        return f"{self.criterion} : {self.score}/{SCORE_MAX}"
