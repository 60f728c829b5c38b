"""Writes of the alumni network: profiles and consent, positions, survey invitations and answers."""

import datetime
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from alumni.models import (
    DirectoryProfile,
    Position,
    Survey,
    SurveyAudience,
    SurveyInvitation,
    SurveyResponse,
)
from cohorts.models import Fellowship, Person
from core.emails import render_email
from core.typography import french_date
from projects import selectors as project_selectors

CONSENT_FIELDS = ("listed", "show_email", "show_positions", "show_links", "show_presentation")
INVITATION_EMAIL = "alumni/emails/survey_invitation"
REMINDER_EMAIL = "alumni/emails/survey_reminder"


# --- Directory profile and positions -----------------------------------------------------------


def directory_profile_get_or_create(*, person: Person) -> DirectoryProfile:
    """The person's directory profile; a new one is unlisted and shows nothing."""
    profile, _created = DirectoryProfile.objects.get_or_create(person=person)
    return profile


def directory_profile_update(
    *, profile: DirectoryProfile, values: dict[str, Any], skills: list | None = None
) -> DirectoryProfile:
    """Save the profile's fields and consents; the consent's date changes when a consent does."""
    # Compare with what is stored: a model form has already copied the new values onto profile.
    stored = DirectoryProfile.objects.filter(pk=profile.pk).values(*CONSENT_FIELDS).first() or {}
    consent_changed = any(
        name in values and values[name] != stored.get(name, False) for name in CONSENT_FIELDS
    )
    for name, value in values.items():
        setattr(profile, name, value)
    if consent_changed:
        profile.consent_updated_at = timezone.now()
    profile.full_clean()
    profile.save()
    if skills is not None:
        profile.skills.set(skills)
    return profile


def position_create(*, person: Person, values: dict[str, Any]) -> Position:
    position = Position(person=person, **values)
    position.full_clean()
    position.save()
    return position


def position_update(*, position: Position, values: dict[str, Any]) -> Position:
    for name, value in values.items():
        setattr(position, name, value)
    position.full_clean()
    position.save()
    return position


def position_delete(*, position: Position) -> None:
    position.delete()


# --- Survey invitations -----------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def survey_link(token: str, *, base_url: str | None = None) -> str:
    base = (base_url or settings.SITE_URL).rstrip("/")
    return base + reverse("alumni:survey-answer", kwargs={"token": token})


def survey_audience(*, survey: Survey) -> list[Person]:
    """The people a survey is for: the cohort's fellows, or the mentors of its challenges."""
    if survey.audience == SurveyAudience.MENTORS:
        challenge_ids = {
            row["id"]
            for row in project_selectors.challenge_rows_list()
            if row["cohort_id"] == survey.cohort_id
        }
        person_ids = {
            row["person_id"]
            for row in project_selectors.team_membership_rows_list()
            if row["challenge_id"] in challenge_ids and row["role"] == "mentor"
        }
        people = Person.objects.filter(pk__in=person_ids)
    else:
        person_ids = Fellowship.objects.filter(cohort_id=survey.cohort_id).values("person_id")
        people = Person.objects.filter(pk__in=person_ids)
    return list(people.select_related("user").order_by("full_name", "pk"))


def _email_context(invitation: SurveyInvitation, link: str) -> dict:
    survey = invitation.survey
    return {
        "full_name": invitation.person.full_name,
        "survey_title": survey.title,
        "cohort": survey.cohort.name,
        "anonymous": survey.anonymous,
        "link": link,
        "expires_on": french_date(timezone.localtime(invitation.expires_at)),
    }


def invitation_email_send(*, invitation_id: int, kind: str, base_url: str | None = None) -> int:
    """Give the invitation a new link and e-mail it (``kind``: "invitation" or "reminder").

    Run in the background task: the link's token exists only here, in memory, and in the
    message; neither the database nor the task's stored arguments ever hold it. Returns the
    number of messages sent (none once the person has answered).
    """
    invitation = (
        SurveyInvitation.objects.select_related("survey", "survey__cohort", "person")
        .filter(pk=invitation_id, answered=False)
        .first()
    )
    if invitation is None:
        return 0
    token, hashed = _new_token()
    SurveyInvitation.objects.filter(pk=invitation.pk).update(token_hash=hashed)
    name = REMINDER_EMAIL if kind == "reminder" else INVITATION_EMAIL
    subject, body = render_email(
        name, _email_context(invitation, survey_link(token, base_url=base_url))
    )
    return send_mail(subject, body, None, [invitation.email], fail_silently=False)


# Queues the e-mail of one invitation (called with ``invitation_id``, ``kind`` and ``base_url``):
# ``alumni.tasks.invitation_email_queue``, given by the entry points of alumni.tasks.
EmailQueue = Callable[..., None]


@dataclass(frozen=True)
class SendOutcome:
    sent: int
    skipped_without_email: int = 0


@transaction.atomic
def survey_invite(
    *, survey: Survey, queue_email: EmailQueue, base_url: str | None = None
) -> SendOutcome:
    """Invite, by e-mail, everyone of the survey's audience not invited yet (once per person);
    each e-mail is handed to ``queue_email`` (``alumni.tasks.survey_invite`` gives the task)."""
    now = timezone.now()
    already = set(survey.invitations.values_list("person_id", flat=True))
    sent = skipped = 0
    for person in survey_audience(survey=survey):
        if person.pk in already:
            continue
        email = person.contact_email
        if not email:
            skipped += 1
            continue
        invitation = SurveyInvitation.objects.create(
            survey=survey,
            person=person,
            email=email,
            # A hash of a token nobody knows: the link is made when the e-mail is sent.
            token_hash=_new_token()[1],
            sent_at=now,
            expires_at=now + datetime.timedelta(days=survey.validity_days),
        )
        queue_email(invitation_id=invitation.pk, kind="invitation", base_url=base_url)
        sent += 1
    return SendOutcome(sent=sent, skipped_without_email=skipped)


@transaction.atomic
def survey_remind(
    *, survey: Survey, queue_email: EmailQueue, base_url: str | None = None
) -> SendOutcome:
    """Remind those who have not answered: each gets a new link (the previous one stops working,
    since only its hash was kept), valid again for the survey's validity; answers typed so far
    are kept. Each e-mail is handed to ``queue_email`` (``alumni.tasks.survey_remind``)."""
    now = timezone.now()
    pending = list(survey.invitations.filter(answered=False).select_for_update().order_by("pk"))
    for invitation in pending:
        invitation.expires_at = now + datetime.timedelta(days=survey.validity_days)
        invitation.reminder_count += 1
        invitation.save(update_fields=["expires_at", "reminder_count"])
        queue_email(invitation_id=invitation.pk, kind="reminder", base_url=base_url)
    return SendOutcome(sent=len(pending))


# --- Answering ----------------------------------------------------------------------------------


class InvitationState:
    OPEN = "open"
    ANSWERED = "answered"
    EXPIRED = "expired"


def invitation_for_token(*, token: str) -> SurveyInvitation | None:
    """The invitation of a link's token, or None for a token that matches nothing."""
    if not token or len(token) > 100:
        return None
    return (
        SurveyInvitation.objects.filter(token_hash=token_hash(token))
        .select_related("survey", "survey__cohort", "person")
        .first()
    )


def invitation_state(*, invitation: SurveyInvitation, now: datetime.datetime | None = None) -> str:
    if invitation.answered:
        return InvitationState.ANSWERED
    if (now or timezone.now()) >= invitation.expires_at:
        return InvitationState.EXPIRED
    return InvitationState.OPEN


def invitation_save_draft(*, invitation: SurveyInvitation, draft: dict[str, Any]) -> None:
    """Keep answers typed so far, server-side, until the answer is sent."""
    SurveyInvitation.objects.filter(pk=invitation.pk, answered=False).update(draft=draft)


class AnswerRefused(Exception):
    def __init__(self, state: str):
        super().__init__(state)
        self.state = state


@transaction.atomic
def survey_answer(*, invitation: SurveyInvitation, answers: dict[str, Any]) -> None:
    """Record an answer, once. For an anonymous survey, the response names nobody and the
    invitation keeps only "has answered" (no date, no reference, no draft)."""
    locked = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
    state = invitation_state(invitation=locked)
    if state != InvitationState.OPEN:
        raise AnswerRefused(state)
    survey = locked.survey
    SurveyResponse.objects.create(
        survey=survey,
        person=None if survey.anonymous else locked.person,
        answers=answers,
    )
    locked.answered = True
    locked.draft = {}
    locked.save(update_fields=["answered", "draft"])
    invitation.answered = True
    invitation.draft = {}


# --- Staff's writes from the admin ---------------------------------------------------------------


def survey_save(*, form, user) -> Survey:
    """Staff create or change a survey with its questions, as the admin's form sends them: the
    survey validated (one survey per cohort, wave and audience), then saved with its questions
    (each choice question with at least two choices, checked by the form of each question)."""
    survey = form.instance
    survey.full_clean(
        exclude=[field.name for field in Survey._meta.fields if field.name not in form.cleaned_data]
    )
    return form.save()
