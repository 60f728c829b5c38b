"""Evaluation reports: requested by the program team, generated in the background as PDF."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cohorts.models import Cohort


class ReportScope(models.TextChoices):
    PROGRAM = "program", _("Ensemble du programme")
    COHORT = "cohort", _("Une promotion")


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    RUNNING = "running", _("En cours")
    DONE = "done", _("Terminé")
    FAILED = "failed", _("Échec")


def report_file_name(instance: "Report", filename: str) -> str:
    """A name nobody can guess: the file is only served through the staff download view."""
    return f"eig/reports/{uuid.uuid4().hex}.pdf"


class Report(models.Model):
    """An evaluation report (PDF) requested by the program team, generated in the background."""

    scope = models.CharField(
        _("périmètre"), max_length=10, choices=ReportScope.choices, default=ReportScope.PROGRAM
    )
    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("promotion"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
    )
    parameters = models.JSONField(_("paramètres"), default=dict, blank=True)
    status = models.CharField(
        _("état"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    error_message = models.TextField(_("message d'erreur"), blank=True)
    file = models.FileField(_("fichier"), upload_to=report_file_name, blank=True)
    data_read_at = models.DateTimeField(
        _("date des données"), null=True, blank=True, help_text=_("Quand les données ont été lues.")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    started_at = models.DateTimeField(_("commencé le"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        _("dernier signe de vie"),
        null=True,
        blank=True,
        help_text=_("Mis à jour par le calcul à mesure qu'il avance."),
    )
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("rapport d'évaluation")
        verbose_name_plural = _("rapports d'évaluation")
        ordering = ["-created_at", "-id"]
        permissions = [("view_indicators", _("Consulter et exporter les indicateurs"))]
        # The table kept its name when reports moved here from the project package.
        db_table = "eig_report"
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(scope="program", cohort__isnull=True)
                    | models.Q(scope="cohort", cohort__isnull=False)
                ),
                name="report_cohort_matches_scope",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="report_progress_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Rapport d'évaluation — %(scope)s") % {"scope": self.scope_label})

    @property
    def scope_label(self) -> str:
        if self.scope == ReportScope.COHORT and self.cohort_id:
            return str(_("Promotion %(name)s") % {"name": self.cohort.name})
        return str(ReportScope.PROGRAM.label)

    @property
    def includes_challenge_pages(self) -> bool:
        return bool(self.parameters.get("challenge_pages", True))

    @property
    def is_finished(self) -> bool:
        return self.status in {ReportStatus.DONE, ReportStatus.FAILED}
