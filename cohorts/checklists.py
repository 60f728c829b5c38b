"""Onboarding and offboarding checklists: what each fellow, mentor and host administration agent
has to do when a promotion starts and when it ends, as the program team defines it, and who
has done what.

A template applies to one promotion or to all, for one role and one phase; its items are due a
number of days after the promotion's start (onboarding) or its end (offboarding), a negative
number meaning before. A person ticks their own items (``ChecklistTick``, one per item,
promotion and account); a reminder of an overdue item is recorded (``ChecklistReminder``) so
that it goes out once per period. Who holds which role in which promotion is read by the
projects (projects/checklists.py), which know the teams and the host administrations.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from simple_history.models import HistoricalRecords
from wagtail.models import Orderable


class ChecklistRole(models.TextChoices):
    FELLOW = "fellow", _("EIG")
    MENTOR = "mentor", _("Mentor")
    ADMINISTRATION = "administration", _("Administration d'accueil")


class ChecklistPhase(models.TextChoices):
    ONBOARDING = "onboarding", _("Arrivée")
    OFFBOARDING = "offboarding", _("Départ")


class ChecklistTemplate(ClusterableModel):
    """A list of things to do, for one role, at the start or at the end of a promotion."""

    title = models.CharField(_("titre"), max_length=200)
    cohort = models.ForeignKey(
        "cohorts.Cohort",
        verbose_name=_("promotion"),
        on_delete=models.PROTECT,
        related_name="checklist_templates",
        null=True,
        blank=True,
        help_text=_("Laissez vide pour que la liste s'applique à toutes les promotions."),
    )
    role = models.CharField(_("pour"), max_length=20, choices=ChecklistRole.choices)
    phase = models.CharField(_("moment"), max_length=20, choices=ChecklistPhase.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("liste de tâches")
        verbose_name_plural = _("listes de tâches")
        ordering = ["phase", "role", "title"]
        permissions = [
            (
                "view_checklist_overdue",
                _("Voir qui est en retard dans ses tâches d'arrivée et de départ"),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def applies_to(self, cohort_id: int) -> bool:
        return self.cohort_id is None or self.cohort_id == cohort_id


class ChecklistItem(Orderable):
    """One thing to do, due some days after the promotion's start or end."""

    template = ParentalKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="items")
    label = models.CharField(_("tâche"), max_length=300)
    help_text = models.TextField(_("précisions"), blank=True)
    due_days = models.IntegerField(
        _("échéance (jours)"),
        null=True,
        blank=True,
        help_text=_(
            "Nombre de jours après le début de la promotion (arrivée) ou après sa fin (départ) ; "
            "négatif pour « avant ». Vide : sans échéance."
        ),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("tâche")
        verbose_name_plural = _("tâches")

    def __str__(self) -> str:
        return self.label

    def due_on(self, cohort) -> datetime.date | None:
        """The item's due date for ``cohort``, or None (no delay given, or the promotion's date
        is not known)."""
        if self.due_days is None:
            return None
        anchor = (
            cohort.start_date
            if self.template.phase == ChecklistPhase.ONBOARDING
            else cohort.end_date
        )
        if anchor is None:
            return None
        return anchor + datetime.timedelta(days=self.due_days)


class ChecklistTick(models.Model):
    """An item done by a person (their account) for a promotion."""

    item = models.ForeignKey(
        ChecklistItem, verbose_name=_("tâche"), on_delete=models.CASCADE, related_name="ticks"
    )
    cohort = models.ForeignKey(
        "cohorts.Cohort", verbose_name=_("promotion"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.CASCADE,
        related_name="checklist_ticks",
    )
    ticked_at = models.DateTimeField(_("faite le"))

    class Meta:
        verbose_name = _("tâche faite")
        verbose_name_plural = _("tâches faites")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "cohort", "user"], name="checklist_tick_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} — {self.user}"


class ChecklistReminder(models.Model):
    """A reminder of an overdue item sent to a person, so that the next one waits a period."""

    item = models.ForeignKey(
        ChecklistItem, verbose_name=_("tâche"), on_delete=models.CASCADE, related_name="reminders"
    )
    cohort = models.ForeignKey(
        "cohorts.Cohort", verbose_name=_("promotion"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.CASCADE,
        related_name="checklist_reminders",
    )
    sent_at = models.DateTimeField(_("envoyée le"))

    class Meta:
        verbose_name = _("relance de tâche")
        verbose_name_plural = _("relances de tâches")
        indexes = [models.Index(fields=["sent_at"], name="checklist_reminder_sent_at")]

    def __str__(self) -> str:
        return f"{self.item} — {self.user} — {self.sent_at:%Y-%m-%d}"
