"""Writes of program life: progress reports, a challenge's results, reminders to quiet teams."""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.emails import send_templated_email
from core.typography import french_date
from projects.models import Challenge, ProgressReminder, ProgressReport
from projects.progress_selectors import QUIET_AFTER_DAYS, quiet_team_recipients, quiet_teams
from projects.rules_progress import team_person_for

REPORT_FIELDS = ("reported_on", "progress", "blockers", "help_needed", "mood", "staff_only")


def progress_report_create(*, challenge: Challenge, user, data: dict) -> ProgressReport:
    """Record a progress report on ``challenge`` written by ``user`` (a member of its team)."""
    report = ProgressReport(
        challenge=challenge,
        author=team_person_for(user, challenge),
        author_user=user,
        **{field: data[field] for field in REPORT_FIELDS if field in data},
    )
    report.full_clean()
    report.save()
    return report


def progress_report_update(*, report: ProgressReport, data: dict) -> ProgressReport:
    for field in REPORT_FIELDS:
        if field in data:
            setattr(report, field, data[field])
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def challenge_results_save(*, challenge: Challenge, outcome_form, formsets) -> Challenge:
    """Save a challenge's outcome (what became of it) with its key figures and links, all or
    nothing. The forms are valid; history records who changed what."""
    challenge.outcome = outcome_form.cleaned_data["outcome"]
    challenge.outcome_note = outcome_form.cleaned_data["outcome_note"]
    challenge.save(update_fields=["outcome", "outcome_note"])
    for formset in formsets:
        formset.instance = challenge
        formset.save()
    return challenge


def _date_text(moment: datetime.datetime | None) -> str:
    if moment is None:
        return ""
    return french_date(timezone.localtime(moment), "j F Y")


def quiet_teams_remind(
    *, days: int = QUIET_AFTER_DAYS, now: datetime.datetime | None = None
) -> int:
    """E-mail the fellows and mentors of each quiet team (see ``quiet_teams``) a reminder to
    write a progress report, at most once every ``days`` days per team; returns the number of
    teams reminded. Safe to run twice: a team reminded within the period is skipped."""
    now = now or timezone.now()
    period_start = now - datetime.timedelta(days=days)
    reminded = 0
    for challenge in quiet_teams(days=days, now=now):
        if challenge.last_reminded_at and challenge.last_reminded_at >= period_start:
            continue
        recipients = quiet_team_recipients(challenge=challenge)
        with transaction.atomic():
            ProgressReminder.objects.create(
                challenge=challenge, sent_at=now, recipients=len(recipients)
            )
            send_templated_email(
                "projects/emails/progress_reminder",
                recipients,
                {
                    "challenge": challenge.title,
                    "cohort": challenge.cohort.name,
                    "days": days,
                    "last_report": _date_text(challenge.last_report_at),
                    "url": settings.SITE_URL
                    + reverse("team:challenge", kwargs={"pk": challenge.pk}),
                },
            )
        reminded += 1
    return reminded


def progress_report_record(
    *, challenge: Challenge, author, data: dict, report: ProgressReport | None = None
) -> ProgressReport:
    """A progress report recorded (or corrected, with ``report``) by the program team on
    ``challenge``, on behalf of ``author`` (a person, or nobody)."""
    report = report or ProgressReport()
    report.challenge, report.author = challenge, author
    return progress_report_update(report=report, data=data)
