"""What alumni did after the program."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

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
