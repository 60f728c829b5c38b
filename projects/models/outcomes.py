"""What became of a challenge, followed for a year after its cohort: at the end, six and
twelve months later, its mentors and host administration are asked, and each answer is kept
with its date. The challenge's ``outcome`` always holds the latest answer."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models.challenges import Outcome


class OutcomeMilestone(models.TextChoices):
    END = "end", _("Fin du programme")
    SIX_MONTHS = "six_months", _("Six mois après")
    TWELVE_MONTHS = "twelve_months", _("Un an après")


# Months after the cohort's end at which each question goes out.
MILESTONE_MONTHS = {
    OutcomeMilestone.END: 0,
    OutcomeMilestone.SIX_MONTHS: 6,
    OutcomeMilestone.TWELVE_MONTHS: 12,
}


class OutcomeAnswer(models.Model):
    """An answer to « what became of the challenge? », at a date."""

    challenge = models.ForeignKey(
        "projects.Challenge",
        verbose_name=_("défi"),
        on_delete=models.CASCADE,
        related_name="outcome_answers",
    )
    milestone = models.CharField(
        _("échéance"), max_length=20, choices=OutcomeMilestone.choices, blank=True
    )
    answered_on = models.DateField(_("date"))
    status = models.CharField(
        _("devenir"),
        max_length=20,
        choices=[choice for choice in Outcome.choices if choice[0]],
    )
    code_url = models.URLField(_("code source"), max_length=500, blank=True)
    service_url = models.URLField(_("service en ligne"), max_length=500, blank=True)
    dataset_url = models.URLField(_("jeu de données"), max_length=500, blank=True)
    comment = models.TextField(_("commentaire"), blank=True)
    author = models.ForeignKey(
        "cohorts.Person",
        verbose_name=_("auteur ou autrice"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("enregistré le"), auto_now_add=True)

    class Meta:
        verbose_name = _("réponse sur le devenir")
        verbose_name_plural = _("réponses sur le devenir")
        ordering = ["-answered_on", "-created_at", "-pk"]
        indexes = [models.Index(fields=["challenge", "answered_on"], name="outcome_challenge_on")]

    def __str__(self) -> str:
        return f"{self.challenge} — {self.answered_on:%d/%m/%Y} — {self.get_status_display()}"


class OutcomeRequest(models.Model):
    """A question about a challenge's outcome sent at one milestone: once per milestone."""

    challenge = models.ForeignKey(
        "projects.Challenge",
        verbose_name=_("défi"),
        on_delete=models.CASCADE,
        related_name="outcome_requests",
    )
    milestone = models.CharField(_("échéance"), max_length=20, choices=OutcomeMilestone.choices)
    sent_at = models.DateTimeField(_("envoyée le"))
    recipients = models.PositiveSmallIntegerField(_("destinataires"), default=0)

    class Meta:
        verbose_name = _("demande de devenir")
        verbose_name_plural = _("demandes de devenir")
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "milestone"], name="outcome_request_once_per_milestone"
            )
        ]

    def __str__(self) -> str:
        return f"{self.challenge} — {self.get_milestone_display()}"
