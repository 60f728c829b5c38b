"""The weekly digest of a cohort's progress reports: every report of the week that its team
did not keep for the program's staff, with mood, progress and the help asked, grouped by
challenge. Read on a page (one anchor per team) and e-mailed once a week by ``run_schedule``
to the cohort's fellows and mentors and to the staff who follow progress reports."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from cohorts.models import Cohort
from core.emails import send_templated_email
from core.typography import french_date
from projects.models import Challenge, ProgressDigest, ProgressReport, TeamMembership
from projects.progress_selectors import team_addresses
from projects.rules_progress import TEAM_ROLES

DIGEST_PERMISSION = ("projects", "view_progressreport")


@dataclass(frozen=True)
class DigestTeam:
    challenge: Challenge
    reports: list[ProgressReport]

    @property
    def anchor(self) -> str:
        return f"defi-{self.challenge.pk}"


def week_start_of(day: datetime.date) -> datetime.date:
    """The Monday of ``day``'s week."""
    return day - datetime.timedelta(days=day.weekday())


def week_bounds(week_start: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.make_aware(datetime.datetime.combine(week_start, datetime.time.min))
    return start, start + datetime.timedelta(days=7)


def weekly_digest(*, cohort: Cohort, week_start: datetime.date) -> list[DigestTeam]:
    """The week's shared reports of ``cohort``'s challenges, by challenge title, oldest report
    first. One query, whatever their number."""
    start, end = week_bounds(week_start)
    reports = (
        ProgressReport.objects.filter(
            challenge__cohort=cohort, staff_only=False, created_at__gte=start, created_at__lt=end
        )
        .select_related("challenge", "author")
        .order_by("challenge__title", "challenge_id", "created_at", "pk")
    )
    teams: dict[int, DigestTeam] = {}
    for report in reports:
        team = teams.get(report.challenge_id)
        if team is None:
            team = teams[report.challenge_id] = DigestTeam(challenge=report.challenge, reports=[])
        team.reports.append(report)
    return list(teams.values())


def digest_url(*, cohort: Cohort, week_start: datetime.date) -> str:
    year, week, _weekday = week_start.isocalendar()
    return reverse("team:digest", args=[cohort.pk, year, week])


def digest_recipients(*, cohort: Cohort) -> list[str]:
    """The fellows and mentors of ``cohort`` (their account's address, else their person's)
    and the active staff whose groups may read progress reports; without duplicates."""
    addresses = team_addresses(
        TeamMembership.objects.filter(challenge__cohort=cohort, role__in=TEAM_ROLES)
    )
    app_label, codename = DIGEST_PERMISSION
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    staff = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions=permission)
            | Q(user_permissions=permission)
        )
    )
    addresses += list(staff.distinct().values_list("email", flat=True))
    return list(dict.fromkeys(address for address in addresses if address))


def digests_send(*, now: datetime.datetime | None = None) -> int:
    """Send the digest of last week to each cohort running then that has shared reports, once
    per cohort and week; returns the number of digests sent. Safe to run at any hour."""
    now = now or timezone.now()
    week_start = week_start_of(timezone.localdate(now)) - datetime.timedelta(days=7)
    week_end = week_start + datetime.timedelta(days=6)
    cohorts = Cohort.objects.filter(start_date__lte=week_end, end_date__gte=week_start).exclude(
        progress_digests__week_start=week_start
    )
    sent = 0
    for cohort in cohorts:
        teams = weekly_digest(cohort=cohort, week_start=week_start)
        if not teams:
            continue
        recipients = digest_recipients(cohort=cohort)
        context = {
            "cohort": cohort.name,
            "week": french_date(week_start, "j F Y"),
            "url": settings.SITE_URL + digest_url(cohort=cohort, week_start=week_start),
            "teams": [
                {
                    "challenge": team.challenge.title,
                    "reports": [
                        {
                            "mood": report.get_mood_display(),
                            "progress": report.progress,
                            "help_needed": report.help_needed,
                        }
                        for report in team.reports
                    ],
                }
                for team in teams
            ],
        }
        with transaction.atomic():
            ProgressDigest.objects.create(
                cohort=cohort,
                week_start=week_start,
                sent_at=now,
                reports=sum(len(team.reports) for team in teams),
                recipients=len(recipients),
            )
            # One message each: recipients do not see one another's addresses.
            for address in recipients:
                send_templated_email("projects/emails/progress_digest", [address], context)
        sent += 1
    return sent
