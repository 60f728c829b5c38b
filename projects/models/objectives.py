"""A challenge's objectives over time: each objective is an indicator the team chose (a name, a
unit, where it starts, where it aims, where it is measured), and its team records the values it
takes at dates. The challenge's public page shows the objectives its team made public."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# Every number of an objective: at most 12 digits before the decimal point and 3 after, so
# that any input beyond is a form's error, never a database's.
NUMBER_DIGITS = 15
NUMBER_PLACES = 3
NUMBER_MAX = Decimal("999999999999.999")


def _number_field(verbose_name, **options) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=NUMBER_DIGITS,
        decimal_places=NUMBER_PLACES,
        validators=[MinValueValidator(-NUMBER_MAX), MaxValueValidator(NUMBER_MAX)],
        **options,
    )


class ChallengeObjective(models.Model):
    """An indicator a challenge's team follows, from its baseline towards its target."""

    challenge = models.ForeignKey(
        "projects.Challenge",
        verbose_name=_("défi"),
        on_delete=models.CASCADE,
        related_name="objectives",
    )
    name = models.CharField(
        _("indicateur"),
        max_length=200,
        help_text=_("Par exemple « Dossiers traités par mois » ou « Délai de réponse »."),
    )
    unit = models.CharField(
        _("unité"), max_length=40, blank=True, help_text=_("Par exemple « jours » ou « % ».")
    )
    baseline = _number_field(
        _("valeur de départ"), help_text=_("La valeur au début du défi, par exemple « 12,5 ».")
    )
    target = _number_field(
        _("cible"),
        help_text=_("La valeur visée à la fin du défi, au-dessus ou en dessous du départ."),
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Où la valeur est mesurée, par exemple « tableau de bord du service »."),
    )
    is_public = models.BooleanField(
        _("montrer sur la page publique du défi"),
        default=False,
        help_text=_(
            "L'équipe accepte que la courbe de cet objectif paraisse sur la page publique "
            "du défi, sans commentaire ni auteur."
        ),
    )
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("objectif de défi")
        verbose_name_plural = _("objectifs de défi")
        ordering = ["challenge", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.name} — {self.challenge}"

    def clean(self) -> None:
        if self.baseline is not None and self.target is not None and self.baseline == self.target:
            raise ValidationError({"target": _("La cible doit différer de la valeur de départ.")})


class ObjectiveValue(models.Model):
    """The value an objective took at a date, recorded by a member of the team."""

    objective = models.ForeignKey(
        ChallengeObjective,
        verbose_name=_("objectif"),
        on_delete=models.CASCADE,
        related_name="values",
    )
    measured_on = models.DateField(_("date de la mesure"))
    value = _number_field(_("valeur"))
    note = models.TextField(_("commentaire"), blank=True)
    recorded_by = models.ForeignKey(
        "cohorts.Person",
        verbose_name=_("enregistrée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("enregistrée le"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("valeur d'objectif")
        verbose_name_plural = _("valeurs d'objectif")
        ordering = ["objective", "measured_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["objective", "measured_on"], name="objective_value_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.objective.name} — {self.measured_on:%d/%m/%Y}"
