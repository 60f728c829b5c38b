"""Following what became of a challenge for a year: the questions sent at the cohort's end and
six and twelve months later, the answers recorded with their date, and the answer in force at
any date."""

import calendar
import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from core.emails import send_templated_email
from core.typography import french_date
from projects.models import (
    MILESTONE_MONTHS,
    AdministrationMembership,
    Challenge,
    OutcomeAnswer,
    OutcomeRequest,
    TeamRole,
)
from projects.progress_selectors import FOLLOWED_STATUSES
from projects.rules import administrations_of
from projects.rules_progress import mentored_challenges

# A question not sent within this many days of its milestone is not sent late.
SEND_WITHIN_DAYS = 60


def months_after(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


# --- Who answers ---------------------------------------------------------------------------------


def outcome_challenges(user) -> QuerySet[Challenge]:
    """The challenges whose outcome ``user`` may record: those they mentor, and those of the
    administrations they are an agent of."""
    return Challenge.objects.filter(
        Q(pk__in=mentored_challenges(user)) | Q(administrations__in=administrations_of(user))
    ).distinct()


def outcome_challenge_or_404(user, *, pk: int) -> Challenge:
    return get_object_or_404(outcome_challenges(user).select_related("cohort"), pk=pk)


# --- Answers -------------------------------------------------------------------------------------


def challenge_outcome_history(*, challenge: Challenge) -> list[OutcomeAnswer]:
    """Every answer about ``challenge``, the latest first, with its author. One query."""
    return list(
        challenge.outcome_answers.select_related("author").order_by(*OutcomeAnswer._meta.ordering)
    )


def outcome_at(*, challenge: Challenge, on: datetime.date) -> OutcomeAnswer | None:
    """The answer in force on ``on``: the latest dated that day or before."""
    return challenge.outcome_answers.filter(answered_on__lte=on).first()


@transaction.atomic
def outcome_answer_record(*, challenge: Challenge, author, values: dict) -> OutcomeAnswer:
    """Record an answer about what became of ``challenge``; the challenge's outcome (and its
    link) then follow the latest answer."""
    answer = OutcomeAnswer(challenge=challenge, author=author, **values)
    answer.full_clean()
    answer.save()
    latest = challenge.outcome_answers.first()
    challenge.outcome = latest.status
    challenge.outcome_url = latest.service_url or latest.code_url or challenge.outcome_url
    challenge.save(update_fields=["outcome", "outcome_url"])
    return answer


# --- Questions -----------------------------------------------------------------------------------


def outcome_recipients(*, challenge: Challenge) -> list[str]:
    """The mentors of ``challenge`` and the agents of its administrations, without duplicates."""
    addresses = []
    for membership in challenge.memberships.filter(role=TeamRole.MENTOR).select_related(
        "person", "person__user"
    ):
        addresses.append(membership.person.contact_email)
    agents = AdministrationMembership.objects.filter(
        administration__challenges=challenge
    ).select_related("user")
    addresses += [membership.user.email for membership in agents]
    return list(dict.fromkeys(address for address in addresses if address))


def outcome_requests_send(*, now: datetime.datetime | None = None) -> int:
    """Ask, at each milestone of each followed challenge (its cohort's end, then six and twelve
    months later), its mentors and administration what became of it; once per milestone, and
    not later than ``SEND_WITHIN_DAYS`` after it. Returns the number of questions sent."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    earliest_end = months_after(today, -12) - datetime.timedelta(days=SEND_WITHIN_DAYS)
    challenges = (
        Challenge.objects.filter(
            status__in=FOLLOWED_STATUSES,
            cohort__end_date__isnull=False,
            cohort__end_date__lte=today,
            cohort__end_date__gte=earliest_end,
        )
        .select_related("cohort")
        .prefetch_related("outcome_requests")
    )
    sent = 0
    for challenge in challenges:
        done = {request.milestone for request in challenge.outcome_requests.all()}
        for milestone, months in MILESTONE_MONTHS.items():
            due = months_after(challenge.cohort.end_date, months)
            if milestone in done or not (
                due <= today < due + datetime.timedelta(days=SEND_WITHIN_DAYS)
            ):
                continue
            recipients = outcome_recipients(challenge=challenge)
            with transaction.atomic():
                OutcomeRequest.objects.create(
                    challenge=challenge,
                    milestone=milestone,
                    sent_at=now,
                    recipients=len(recipients),
                )
                context = {
                    "challenge": challenge.title,
                    "cohort": challenge.cohort.name,
                    "milestone": str(milestone.label),
                    "end": french_date(challenge.cohort.end_date, "j F Y"),
                    "url": settings.SITE_URL
                    + reverse("team:outcome", kwargs={"pk": challenge.pk})
                    + f"?echeance={milestone.value}",
                }
                for address in recipients:
                    send_templated_email("projects/emails/outcome_request", [address], context)
            sent += 1
    return sent
