"""Cohorts (promotions), the people of the program and their fellowships."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Track(models.TextChoices):
    EIG = "eig", _("Entrepreneurs d'intérêt général (EIG)")
    DIG = "dig", _("Designers d'intérêt général (DIG)")


class Profile(models.TextChoices):
    DEVELOPER = "developer", _("Développeur ou développeuse")
    DATA_SCIENTIST = "data_scientist", _("Data scientist")
    DATA_ENGINEER = "data_engineer", _("Data engineer")
    DESIGNER = "designer", _("Designer")
    GEOMATICIAN = "geomatician", _("Géomaticien ou géomaticienne")
    DIGITAL_LAWYER = "digital_lawyer", _("Juriste du numérique")
    OTHER = "other", _("Autre profil")


def ended_cohorts_q(today: datetime.date, prefix: str = "") -> models.Q:
    """Cohorts whose ten months are over on ``today``: their end date has passed or, when no end
    date is recorded (the 2017–2020 public data has none), the year after their year is over."""
    return models.Q(**{f"{prefix}end_date__lt": today}) | models.Q(
        **{f"{prefix}end_date__isnull": True, f"{prefix}year__lt": today.year - 1}
    )


class Cohort(models.Model):
    """A promotion: the fellows who start together, with the dates of its two calls."""

    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(_("identifiant d'URL"), max_length=100, unique=True)
    track = models.CharField(_("programme"), max_length=3, choices=Track.choices, default=Track.EIG)
    number = models.PositiveSmallIntegerField(_("numéro"))
    year = models.PositiveSmallIntegerField(_("année"))
    start_date = models.DateField(_("début du programme"), null=True, blank=True)
    end_date = models.DateField(_("fin du programme"), null=True, blank=True)
    challenges_call_opens = models.DateField(
        _("ouverture de l'appel à défis"), null=True, blank=True
    )
    challenges_call_closes = models.DateField(
        _("clôture de l'appel à défis"), null=True, blank=True
    )
    candidates_call_opens = models.DateField(
        _("ouverture de l'appel à candidatures"), null=True, blank=True
    )
    candidates_call_closes = models.DateField(
        _("clôture de l'appel à candidatures"), null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("promotion")
        verbose_name_plural = _("promotions")
        ordering = ["year", "track", "number"]
        constraints = [
            models.UniqueConstraint(fields=["track", "number"], name="cohort_unique_track_number"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gt=models.F("start_date")),
                name="cohort_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def has_ended(self, today: datetime.date) -> bool:
        """Whether the cohort's ten months are over on ``today`` (see ``ended_cohorts_q``)."""
        if self.end_date is not None:
            return self.end_date < today
        return self.year < today.year - 1

    def clean(self) -> None:
        pairs = [
            ("start_date", "end_date", _("La fin du programme doit suivre son début.")),
            (
                "challenges_call_opens",
                "challenges_call_closes",
                _("L'appel à défis doit se clore après son ouverture."),
            ),
            (
                "candidates_call_opens",
                "candidates_call_closes",
                _("L'appel à candidatures doit se clore après son ouverture."),
            ),
        ]
        errors = {}
        for opens, closes, message in pairs:
            start, end = getattr(self, opens), getattr(self, closes)
            if start and end and end <= start:
                errors[closes] = message
        if errors:
            raise ValidationError(errors)


class Person(models.Model):
    """Anyone the program knows: fellow, mentor, sponsor, staff, alumnus.

    A person appears on the public site only with ``public_consent``.
    """

    full_name = models.CharField(_("nom complet"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=200, unique=True)
    email = models.EmailField(_("adresse e-mail"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    biography = models.TextField(
        _("biographie"), blank=True, help_text=_("Texte court, au format Markdown.")
    )
    github = models.CharField(
        _("GitHub"), max_length=100, blank=True, help_text=_("Identifiant, sans l'adresse du site.")
    )
    gitlab = models.CharField(_("GitLab"), max_length=100, blank=True)
    twitter = models.CharField(_("X (Twitter)"), max_length=100, blank=True)
    linkedin = models.URLField(_("LinkedIn"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    public_consent = models.BooleanField(
        _("accepte d'apparaître sur le site public"),
        default=False,
        help_text=_("Sans ce consentement, la personne n'apparaît sur aucune page publique."),
    )
    public_consent_at = models.DateTimeField(_("date du consentement"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")
        ordering = ["full_name"]
        indexes = [models.Index(Lower("full_name"), name="person_full_name_lower")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def contact_email(self) -> str:
        """Where the program writes to the person: their recorded address, else their
        account's."""
        if self.email:
            return self.email
        return self.user.email if self.user_id else ""


class Fellowship(models.Model):
    """A person taking part in a cohort as a fellow, with a profile."""

    person = models.ForeignKey(
        Person, verbose_name=_("personne"), on_delete=models.CASCADE, related_name="fellowships"
    )
    cohort = models.ForeignKey(
        Cohort, verbose_name=_("promotion"), on_delete=models.PROTECT, related_name="fellowships"
    )
    profile = models.CharField(_("profil"), max_length=20, choices=Profile.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("parcours d'EIG")
        verbose_name_plural = _("parcours d'EIG")
        ordering = ["cohort__year", "person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "cohort"], name="fellowship_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.cohort}"


# Program life: the cohort's events and their attendance (cohorts/events.py), and the onboarding
# and offboarding checklists (cohorts/checklists.py).
from cohorts.checklists import (  # noqa: E402, F401
    ChecklistItem,
    ChecklistPhase,
    ChecklistReminder,
    ChecklistRole,
    ChecklistTemplate,
    ChecklistTick,
)
from cohorts.events import (  # noqa: E402, F401
    Attendance,
    AttendanceStatus,
    CalendarFeed,
    Event,
    EventKind,
    Rsvp,
    RsvpStatus,
)
