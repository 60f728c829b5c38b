"""Program life of a challenge: the periodic progress reports of its team, and the reminders
sent to teams that have gone quiet."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Mood(models.IntegerChoices):
    """How the team feels, on a fixed scale from 1 (bad) to 5 (very good)."""

    VERY_BAD = 1, _("1 — Très difficile")
    BAD = 2, _("2 — Difficile")
    NEUTRAL = 3, _("3 — Correct")
    GOOD = 4, _("4 — Bien")
    VERY_GOOD = 5, _("5 — Très bien")


class ProgressReport(models.Model):
    """A team's point on a challenge at a date: progress, blockers, help needed and mood."""

    challenge = models.ForeignKey(
        "projects.Challenge",
        verbose_name=_("défi"),
        on_delete=models.CASCADE,
        related_name="progress_reports",
    )
    author = models.ForeignKey(
        "cohorts.Person",
        verbose_name=_("auteur ou autrice"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progress_reports",
    )
    author_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte de l'auteur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reported_on = models.DateField(_("date du point"), default=timezone.localdate)
    progress = models.TextField(_("avancement"))
    blockers = models.TextField(_("difficultés et blocages"), blank=True)
    help_needed = models.TextField(_("aide souhaitée"), blank=True)
    mood = models.PositiveSmallIntegerField(_("moral de l'équipe"), choices=Mood.choices)
    staff_only = models.BooleanField(
        _("réservé à l'équipe du programme"),
        default=False,
        help_text=_(
            "Ce point ne paraît pas dans la synthèse de la semaine envoyée à la promotion : "
            "seuls votre équipe et l'équipe du programme le lisent."
        ),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("point d'avancement")
        verbose_name_plural = _("points d'avancement")
        ordering = ["-reported_on", "-created_at"]
        indexes = [
            models.Index(fields=["challenge", "created_at"], name="progress_challenge_created")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(mood__gte=1, mood__lte=5), name="progress_mood_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.challenge} — {self.reported_on:%d/%m/%Y}"


class ProgressReminder(models.Model):
    """A reminder e-mailed to a quiet team, so that it is reminded at most once a period."""

    challenge = models.ForeignKey(
        "projects.Challenge",
        verbose_name=_("défi"),
        on_delete=models.CASCADE,
        related_name="progress_reminders",
    )
    sent_at = models.DateTimeField(_("envoyée le"), default=timezone.now)
    recipients = models.PositiveSmallIntegerField(_("destinataires"), default=0)

    class Meta:
        verbose_name = _("relance de point d'avancement")
        verbose_name_plural = _("relances de point d'avancement")
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["challenge", "sent_at"], name="reminder_challenge_sent")]

    def __str__(self) -> str:
        return f"{self.challenge} — {self.sent_at:%d/%m/%Y}"


class ProgressDigest(models.Model):
    """The weekly digest of a cohort's progress reports, sent once per cohort and week."""

    cohort = models.ForeignKey(
        "cohorts.Cohort",
        verbose_name=_("promotion"),
        on_delete=models.CASCADE,
        related_name="progress_digests",
    )
    week_start = models.DateField(_("semaine du"))
    sent_at = models.DateTimeField(_("envoyée le"), default=timezone.now)
    reports = models.PositiveSmallIntegerField(_("points"), default=0)
    recipients = models.PositiveSmallIntegerField(_("destinataires"), default=0)

    class Meta:
        verbose_name = _("synthèse hebdomadaire")
        verbose_name_plural = _("synthèses hebdomadaires")
        ordering = ["-week_start"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "week_start"], name="digest_once_a_week")
        ]

    def __str__(self) -> str:
        return f"{self.cohort} — {self.week_start:%d/%m/%Y}"
