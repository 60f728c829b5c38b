"""Writes of the call for candidates: applications, reviews, interviews, decisions, and the
candidates' own data (export, erasure, retention purge)."""

import datetime
import uuid
from typing import Any

from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from cohorts.models import Cohort, Person
from cohorts.services import fellowship_upsert
from core.emails import send_templated_email
from core.erasure import Erasure, erasure_run
from core.records import unique_slug
from core.typography import french_date
from projects.models import TeamRole
from projects.services import team_membership_ensure
from selection import rules
from selection.models import (
    Application,
    ApplicationStatus,
    Decision,
    EqualityStatistics,
    InterviewSlot,
    Review,
    SelectionStage,
)


class ApplicationError(Exception):
    """A refused action on an application; ``messages`` say why, in French."""

    def __init__(self, *messages: str):
        super().__init__(" ".join(str(m) for m in messages))
        self.messages = [str(m) for m in messages]


APPLICATION_FIELDS = (
    "full_name",
    "profile",
    "links",
    "motivation",
    "first_choice",
    "second_choice",
    "third_choice",
    "keep_for_future_calls",
    "public_consent_if_selected",
)
CV_MAX_BYTES = 5 * 1024 * 1024


def cv_problem(*, upload) -> str | None:
    """Why ``upload`` cannot be a CV (not a PDF by its content, too large), or None."""
    if upload.size > CV_MAX_BYTES:
        return _("Le CV dépasse la taille maximale de 5 Mo.")
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        return _("Le CV doit être un fichier PDF (le contenu du fichier n'en est pas un).")
    return None


def _cv_store(*, application: Application, upload) -> None:
    """Store ``upload`` under a random name (never the name the candidate gave), replacing the
    previous CV."""
    previous = application.cv.name if application.cv else ""
    application.cv.save(f"{uuid.uuid4().hex}.pdf", File(upload), save=False)
    if previous:
        transaction.on_commit(lambda: application.cv.storage.delete(previous))


def _statistics_save(*, application: Application, gender: str, age_band: str) -> None:
    EqualityStatistics.objects.update_or_create(
        application=application, defaults={"gender": gender or "", "age_band": age_band or ""}
    )


@transaction.atomic
def application_save(
    *,
    candidate,
    cohort: Cohort,
    values: dict[str, Any],
    cv=None,
    gender: str = "",
    age_band: str = "",
    application: Application | None = None,
    today: datetime.date | None = None,
) -> Application:
    """Create (``application`` None) or update a candidate's application with ``values`` (the
    fields of APPLICATION_FIELDS), a new CV and the optional equality statistics.

    Refused when the call is closed or the application can no longer change."""
    today = today or timezone.localdate()
    if application is None:
        if not rules.call_is_open(cohort=cohort, today=today):
            raise ApplicationError(_("L'appel à candidatures de cette promotion est clos."))
        application = Application(candidate=candidate, cohort=cohort)
    elif not rules.application_is_editable(application=application, today=today):
        raise ApplicationError(application_locked_reason(application=application, today=today))
    for name in APPLICATION_FIELDS:
        if name in values:
            setattr(application, name, values[name])
    if cv is not None:
        _cv_store(application=application, upload=cv)
    application.save()
    _statistics_save(application=application, gender=gender, age_band=age_band)
    return application


def application_missing(*, application: Application) -> list[str]:
    """What a submission still lacks, in French (nothing when it may be submitted)."""
    missing = []
    if not application.full_name.strip():
        missing.append(_("le nom complet"))
    if not application.profile:
        missing.append(_("le profil"))
    if not application.cv:
        missing.append(_("le CV"))
    if not application.motivation.strip():
        missing.append(_("la motivation"))
    if not application.first_choice_id:
        missing.append(_("au moins un défi choisi"))
    return [str(m) for m in missing]


def application_locked_reason(*, application: Application, today: datetime.date) -> str:
    """Why ``application`` can no longer change, in French."""
    closes = application.cohort.candidates_call_closes
    if application.status == ApplicationStatus.WITHDRAWN:
        return str(_("Cette candidature est retirée : elle ne peut plus être modifiée."))
    if application.decision:
        return str(_("Une décision a été prise : la candidature ne peut plus être modifiée."))
    if closes and today > closes:
        return str(
            _(
                "L'appel à candidatures s'est terminé le %(date)s : rien n'a été modifié, "
                "votre candidature est conservée telle quelle."
            )
            % {"date": french_date(closes, "j F Y")}
        )
    return str(_("L'appel à candidatures de cette promotion n'est pas ouvert."))


def application_submit(
    *, application: Application, now: datetime.datetime | None = None
) -> Application:
    """Submit ``application``: it must be complete, the call open, and the candidate must have
    no other submitted application to this cohort. When refused, the draft stays as it is and
    ApplicationError says why. A confirmation e-mail goes to the candidate."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if application.status == ApplicationStatus.SUBMITTED:
        return application
    if not rules.application_is_editable(application=application, today=today):
        raise ApplicationError(application_locked_reason(application=application, today=today))
    missing = application_missing(application=application)
    if missing:
        raise ApplicationError(
            _("Votre brouillon est enregistré, mais il manque pour le déposer : %(missing)s.")
            % {"missing": ", ".join(missing)}
        )
    already = Application.objects.filter(
        candidate=application.candidate,
        cohort=application.cohort,
        status=ApplicationStatus.SUBMITTED,
    ).exclude(pk=application.pk)
    if already.exists():
        raise ApplicationError(ALREADY_SUBMITTED)
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = now
    try:
        with transaction.atomic():
            application.save(update_fields=["status", "submitted_at", "updated_at"])
    except IntegrityError as error:  # a concurrent submission won the race
        application.status = ApplicationStatus.DRAFT
        application.submitted_at = None
        raise ApplicationError(ALREADY_SUBMITTED) from error
    send_templated_email(
        "selection/emails/application_submitted",
        [application.candidate.email],
        {
            "full_name": application.full_name,
            "cohort": application.cohort.name,
            "closes": french_date(application.cohort.candidates_call_closes)
            if application.cohort.candidates_call_closes
            else "",
            "choices": [c.title for c in application.choices],
        },
    )
    return application


ALREADY_SUBMITTED = _(
    "Vous avez déjà déposé une candidature pour cette promotion : retirez-la d'abord pour en "
    "déposer une autre. Ce brouillon est conservé."
)


def application_withdraw(
    *, application: Application, now: datetime.datetime | None = None
) -> Application:
    """The candidate withdraws a draft or submitted application, until a decision is made."""
    if application.status == ApplicationStatus.WITHDRAWN:
        return application
    if application.decision:
        raise ApplicationError(_("Une décision a été prise : la candidature ne peut être retirée."))
    application.status = ApplicationStatus.WITHDRAWN
    application.withdrawn_at = now or timezone.now()
    application.save(update_fields=["status", "withdrawn_at", "updated_at"])
    return application


# --- Selection: reviews, interviews, decisions ------------------------------------------------


def _assignment_check(*, application: Application, reviewer) -> None:
    """Refuse (``ApplicationError``) what the engine's assignment rules refuse (core.reviews)."""
    from core.reviews import review_assignment_refusals
    from selection.reviews import APPLICATION_REVIEWS

    refusals = review_assignment_refusals(
        call=APPLICATION_REVIEWS, subject=application, reviewer=reviewer
    )
    if refusals:
        raise ApplicationError(refusals[0].messages[0])


def review_assign(*, application: Application, reviewer, stage: str) -> Review:
    """Assign ``reviewer`` (staff, or a mentor of a chosen challenge) to ``application`` for
    the round ``stage`` (the engine's assignment rules, core.reviews); assigning twice changes
    nothing."""
    _assignment_check(application=application, reviewer=reviewer)
    review, _created = Review.objects.get_or_create(
        application=application, reviewer=reviewer, stage=stage
    )
    return review


def review_declare_conflict(*, review: Review, has_conflict: bool, note: str = "") -> Review:
    """The reviewer says whether they have a conflict of interest with the candidate; with
    one, their scores are cleared and they cannot score. A declared conflict is final for the
    reviewer: ``ApplicationError`` when they try to take it back."""
    from core.reviews import ReviewRefused, review_conflict_declare
    from selection.reviews import APPLICATION_REVIEWS

    try:
        return review_conflict_declare(
            call=APPLICATION_REVIEWS, review=review, has_conflict=has_conflict, note=note
        )
    except ReviewRefused as refusal:
        raise ApplicationError(*refusal.messages) from refusal


def review_conflict_lift(*, review: Review, user, reason: str) -> Review:
    """Staff lift the reviewer's declared conflict: the reviewer declares again; the review's
    history records who lifted it and why."""
    from core.reviews import ReviewRefused
    from core.reviews import review_conflict_lift as engine_lift
    from selection.reviews import APPLICATION_REVIEWS

    try:
        return engine_lift(call=APPLICATION_REVIEWS, review=review, user=user, reason=reason)
    except ReviewRefused as refusal:
        raise ApplicationError(*refusal.messages) from refusal


def review_score(
    *,
    review: Review,
    skills: int,
    motivation: int,
    fit: int,
    comment: str = "",
    now: datetime.datetime | None = None,
) -> Review:
    """Record the reviewer's scores (0 to 5 each) and comment, once they declared no conflict."""
    from core.reviews import ReviewRefused, review_scores_record
    from selection.reviews import APPLICATION_REVIEWS

    scores = {"score_skills": skills, "score_motivation": motivation, "score_fit": fit}
    try:
        return review_scores_record(
            call=APPLICATION_REVIEWS, review=review, scores=scores, comment=comment, now=now
        )
    except ReviewRefused as refusal:
        raise ApplicationError(*refusal.messages) from refusal


def interview_record(
    *,
    application: Application,
    starts_at: datetime.datetime,
    place: str = "",
    interviewers: list | None = None,
    notes: str = "",
) -> InterviewSlot:
    """Record an interview slot for ``application`` and move it to the interviews round."""
    slot = InterviewSlot.objects.create(
        application=application, starts_at=starts_at, place=place, notes=notes
    )
    if interviewers:
        slot.interviewers.set(interviewers)
    application_enter_interviews(application=application)
    return slot


def application_enter_interviews(*, application: Application) -> Application:
    """Move ``application`` to the interviews round, unless it is already there or further."""
    if application.stage in (SelectionStage.ELIGIBILITY, SelectionStage.FIRST_REVIEW):
        application.stage = SelectionStage.INTERVIEW
        application.save(update_fields=["stage", "updated_at"])
    return application


def _person_for_candidate(*, application: Application) -> Person:
    """The candidate's person (created, linked to their account, when missing)."""
    user = application.candidate
    person = Person.objects.filter(user=user).first()
    if person is None:
        slug = unique_slug(
            base=slugify(application.full_name) or "candidat",
            taken=lambda slug: Person.objects.filter(slug=slug).exists(),
        )
        person = Person.objects.create(
            full_name=application.full_name, slug=slug, email=user.email, user=user
        )
    if application.public_consent_if_selected and not person.public_consent:
        person.public_consent = True
        person.public_consent_at = timezone.now()
        person.save(update_fields=["public_consent", "public_consent_at"])
    return person


@transaction.atomic
def application_decide(
    *,
    application: Application,
    decision: str,
    reason: str = "",
    challenge=None,
    now: datetime.datetime | None = None,
) -> Application:
    """The final decision on a submitted application: selected, waiting list or rejected (a
    reason is then required). A selected candidate becomes a fellow of the cohort and a fellow
    of the team of ``challenge`` (by default the first choice). The candidate is told by e-mail,
    in the background."""
    if application.status != ApplicationStatus.SUBMITTED:
        raise ApplicationError(_("Seule une candidature déposée peut recevoir une décision."))
    if decision not in {Decision.SELECTED, Decision.WAITING_LIST, Decision.REJECTED}:
        raise ApplicationError(_("Décision inconnue."))
    if application.decision == Decision.SELECTED and decision != Decision.SELECTED:
        raise ApplicationError(
            _(
                "Cette personne est déjà retenue et EIG de la promotion : modifiez son parcours "
                "dans l'administration avant de changer la décision."
            )
        )
    if decision == Decision.REJECTED and not reason.strip():
        raise ApplicationError(_("Donnez le motif du refus."))
    if decision == Decision.SELECTED:
        challenge = challenge or application.first_choice
        if challenge is None or challenge.pk not in application.choice_ids:
            raise ApplicationError(_("Le défi attribué doit être l'un des choix du candidat."))
        person = _person_for_candidate(application=application)
        fellowship_upsert(person=person, cohort=application.cohort, profile=application.profile)
        team_membership_ensure(challenge=challenge, person=person, role=TeamRole.FELLOW)
        application.selected_challenge = challenge
    application.decision = decision
    application.decision_reason = reason
    application.decided_at = now or timezone.now()
    application.stage = SelectionStage.FINAL
    application.save()
    send_templated_email(
        f"selection/emails/decision_{decision}",
        [application.candidate.email],
        {
            "full_name": application.full_name,
            "cohort": application.cohort.name,
            "reason": reason,
            "challenge": application.selected_challenge.title
            if application.selected_challenge
            else "",
        },
    )
    return application


# --- Personal data (RGPD): retention, export, erasure -------------------------------------------

RETENTION_MONTHS_WITHOUT_CONSENT = 3
RETENTION_MONTHS_WITH_CONSENT = 24


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """``moment`` shifted ``months`` calendar months back (the 31st becomes the month's last
    day when the month is shorter)."""
    import calendar

    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def _applications_erase(*, applications, erasure: Erasure) -> int:
    """Erase applications with their CV, reviews, interviews, statistics, every history row of
    them and the admin log's labels; returns how many were erased."""
    count = 0
    for application in applications:
        erasure.remember(application.full_name)
        erasure.delete(application)
        count += 1
    return count


def application_purge_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete the rejected applications whose retention period is over: three months after
    the decision, two years when the candidate consented to keep the file for future calls.
    Returns how many were deleted."""
    now = now or timezone.now()
    expired = Application.objects.filter(decision=Decision.REJECTED).filter(
        Q(
            keep_for_future_calls=False,
            decided_at__lte=months_before(now, RETENTION_MONTHS_WITHOUT_CONSENT),
        )
        | Q(
            keep_for_future_calls=True,
            decided_at__lte=months_before(now, RETENTION_MONTHS_WITH_CONSENT),
        )
    )
    return erasure_run(
        work=lambda erasure: _applications_erase(applications=expired, erasure=erasure)
    )


def candidate_data_export(*, user) -> dict[str, Any]:
    """Everything the call for candidates holds about ``user``, as plain JSON-ready data."""
    applications = []
    for application in rules.applications_of_candidate(user=user).select_related(
        "cohort", "first_choice", "second_choice", "third_choice", "selected_challenge"
    ):
        statistics = EqualityStatistics.objects.filter(application=application).first()
        applications.append(
            {
                "promotion": application.cohort.name,
                "nom_complet": application.full_name,
                "profil": application.get_profile_display(),
                "cv": bool(application.cv),
                "liens": application.links.split(),
                "motivation": application.motivation,
                "defis_choisis": [c.title for c in application.choices],
                "conservation_pour_les_prochains_appels": application.keep_for_future_calls,
                "accepte_d_apparaitre_si_retenu": application.public_consent_if_selected,
                "etat": application.get_status_display(),
                "deposee_le": application.submitted_at.isoformat()
                if application.submitted_at
                else None,
                "retiree_le": application.withdrawn_at.isoformat()
                if application.withdrawn_at
                else None,
                "etape": application.get_stage_display(),
                "decision": application.get_decision_display(),
                "motif": application.decision_reason,
                "decidee_le": application.decided_at.isoformat()
                if application.decided_at
                else None,
                "statistiques_egalite": {
                    "genre": statistics.get_gender_display() if statistics else "",
                    "tranche_d_age": statistics.get_age_band_display() if statistics else "",
                },
                "entretiens": [
                    {"debut": slot.starts_at.isoformat(), "lieu": slot.place}
                    for slot in application.interviews.all()
                ],
                "creee_le": application.created_at.isoformat(),
                "modifiee_le": application.updated_at.isoformat(),
            }
        )
    return {"compte": {"adresse_e_mail": user.email}, "candidatures": applications}


def candidate_erase(*, user, erasure: Erasure | None = None) -> int:
    """Erase the applications of ``user`` (files, history and log labels included), except
    selected ones, which became fellowships kept by the program. Returns how many were erased.
    Also run, with the account's ``erasure``, when the account is deleted."""
    applications = rules.applications_of_candidate(user=user).exclude(decision=Decision.SELECTED)
    if erasure is not None:
        return _applications_erase(applications=applications, erasure=erasure)
    return erasure_run(
        texts=[user.email],
        work=lambda erasure: _applications_erase(applications=applications, erasure=erasure),
    )


def account_jury_keeper(user) -> str:
    """A reviewer of the call for candidates keeps their account while they hold reviews."""
    if Review.objects.filter(reviewer=user).exists():
        return _(
            "Vous êtes membre du jury de l'appel à candidatures : l'équipe du programme "
            "supprime ce compte sur demande, une fois les évaluations closes."
        )
    return ""


# --- Corrections by the program team in the admin -----------------------------------------------


def review_reassign(*, review: Review, application: Application, reviewer, stage: str) -> Review:
    """Staff correct an assignment (another application, reviewer or round), under the rules
    of ``review_assign``: a submitted application, and a reviewer allowed to evaluate it."""
    _assignment_check(application=application, reviewer=reviewer)
    review.application, review.reviewer, review.stage = application, reviewer, stage
    review.save()
    return review


@transaction.atomic
def interview_update(
    *,
    slot: InterviewSlot,
    starts_at: datetime.datetime,
    duration_minutes: int,
    place: str = "",
    interviewers: list | None = None,
    notes: str = "",
) -> InterviewSlot:
    """Change an interview slot: time, length, place, interviewers, notes. Its application
    moves to the interviews round, as when the interview was recorded."""
    slot.starts_at, slot.duration_minutes = starts_at, duration_minutes
    slot.place, slot.notes = place, notes
    slot.save()
    slot.interviewers.set(interviewers or [])
    application_enter_interviews(application=slot.application)
    return slot


def application_stage_move(*, application: Application, stage: str) -> Application:
    """Staff move a submitted application to another round of the selection."""
    if application.status != ApplicationStatus.SUBMITTED:
        raise ApplicationError(_("Seule une candidature déposée change d'étape de sélection."))
    if stage not in SelectionStage.values:
        raise ApplicationError(_("Étape de sélection inconnue."))
    application.stage = stage
    application.save(update_fields=["stage", "updated_at"])
    return application
