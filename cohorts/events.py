"""The events of a cohort's ten months (bootcamp, accompaniment sessions, seminars, mid-term
review, demo day) and who attended them."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class EventKind(models.TextChoices):
    BOOTCAMP = "bootcamp", _("Bootcamp")
    ACCOMPANIMENT = "accompaniment", _("Session d'accompagnement")
    SEMINAR = "seminar", _("Séminaire")
    MIDTERM_REVIEW = "midterm_review", _("Revue de mi-parcours")
    DEMO_DAY = "demo_day", _("Démo day de clôture")
    OTHER = "other", _("Autre")


class Event(models.Model):
    """A gathering of a cohort, with its date and place."""

    cohort = models.ForeignKey(
        "cohorts.Cohort",
        verbose_name=_("promotion"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField(_("nature"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("titre"), max_length=200)
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"), null=True, blank=True)
    place = models.CharField(_("lieu"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    capacity = models.PositiveIntegerField(
        _("nombre de places"),
        null=True,
        blank=True,
        help_text=_(
            "Laisser vide pour un nombre de places illimité. Au-delà, les réponses « je viens » "
            "vont en liste d'attente."
        ),
    )
    is_cancelled = models.BooleanField(_("annulé"), default=False)
    is_public = models.BooleanField(
        _("événement public"),
        default=False,
        help_text=_(
            "Un événement public (démo day, rencontre ouverte…) paraît dans le calendrier "
            "public du site, /evenements.ics."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        ordering = ["starts_at", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.cohort})" if self.cohort_id else self.title

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("La fin de l'événement doit suivre son début.")})


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Présent ou présente")
    ABSENT = "absent", _("Absent ou absente")
    EXCUSED = "excused", _("Excusé ou excusée")


class Attendance(models.Model):
    """Whether a person attended an event."""

    event = models.ForeignKey(
        Event, verbose_name=_("événement"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        "cohorts.Person",
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    status = models.CharField(_("présence"), max_length=10, choices=AttendanceStatus.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        ordering = ["event__starts_at", "person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="attendance_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.event.title} — {self.get_status_display()}"


class RsvpStatus(models.TextChoices):
    ATTENDING = "attending", _("Je viens")
    WAITLISTED = "waitlisted", _("En liste d'attente")
    DECLINED = "declined", _("Je ne viens pas")


class Rsvp(models.Model):
    """A person's answer to an event's invitation: coming (with a seat or on the waiting list),
    or not coming. The waiting list is served in the order of ``answered_at``."""

    event = models.ForeignKey(
        Event, verbose_name=_("événement"), on_delete=models.CASCADE, related_name="rsvps"
    )
    person = models.ForeignKey(
        "cohorts.Person",
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="rsvps",
    )
    status = models.CharField(_("réponse"), max_length=12, choices=RsvpStatus.choices)
    answered_at = models.DateTimeField(_("répondu le"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("réponse à un événement")
        verbose_name_plural = _("réponses aux événements")
        ordering = ["event__starts_at", "answered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="rsvp_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.event.title} — {self.get_status_display()}"


def calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's private calendar feed: the events of their cohorts, at an address holding a
    secret token. Renewing the token revokes the former address."""

    person = models.OneToOneField(
        "cohorts.Person",
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(_("jeton"), max_length=64, unique=True, default=calendar_token)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendrier personnel")
        verbose_name_plural = _("calendriers personnels")

    def __str__(self) -> str:
        return str(self.person)
