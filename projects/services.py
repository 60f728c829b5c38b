"""Writes on administrations, challenges, their links, key figures and teams, and on the call
for challenges (agents, invitations, proposals, attachments, jury reviews, decisions).

Like the cohorts' services, each ``*_upsert`` finds a record by its natural key and saves only
what changed, so that history records real changes only.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from cohorts.models import Cohort, Person
from core.records import Outcome, given, record_changes_save, record_values_save, unique_slug
from projects.models import (
    Administration,
    AdministrationInvitation,
    AdministrationMembership,
    Challenge,
    ChallengeLink,
    ChallengeProposal,
    ChallengeStatus,
    KeyFigure,
    LinkKind,
    ProposalAttachment,
    ProposalStatus,
    ReviewAssignment,
    ReviewCriterion,
    ReviewRound,
    Skill,
    TeamMembership,
    TeamRole,
    Theme,
)
from projects.naming import administration_name_key


def administration_upsert(
    *, name: str, acronym: str | None = None, website: str | None = None
) -> tuple[Administration, Outcome]:
    """Create or update the administration whose name folds like ``name``; a field given as
    ``None`` is left as it is.

    Two spellings that differ only by case, accents or punctuation find the same record, which
    then takes ``name`` as its spelling.
    """
    values = {"name": name, "acronym": acronym, "website": website}
    administration = Administration.objects.filter(name_key=administration_name_key(name)).first()
    if administration is None:
        return Administration.objects.create(**given(values)), Outcome.CREATED
    return administration, record_changes_save(instance=administration, values=values)


def challenge_upsert(
    *,
    cohort: Cohort,
    slug: str,
    title: str,
    summary: str | None,
    body: str | None,
    town: str | None,
    duration_months: int | None,
    status: ChallengeStatus,
    is_published: bool,
    administrations: Iterable[Administration],
    skills: Iterable[Skill],
    posts: int | None = None,
) -> tuple[Challenge, Outcome]:
    """Create or update the challenge ``slug`` of ``cohort``, with its administrations and
    skills set to exactly those given. The import of the former site, the demo activity and
    the selection of a proposal all write a challenge and its status through it. A value given
    as ``None`` is left as it is (a new challenge takes the field's default); the outcome and
    themes are never touched."""
    values = {
        "title": title,
        "summary": summary,
        "body": body,
        "town": town,
        "duration_months": duration_months,
        "posts": posts,
        "status": status,
        "is_published": is_published,
    }
    administrations, skills = list(administrations), list(skills)
    challenge = Challenge.objects.filter(cohort=cohort, slug=slug).first()
    if challenge is None:
        challenge = Challenge.objects.create(cohort=cohort, slug=slug, **given(values))
        challenge.administrations.set(administrations)
        challenge.skills.set(skills)
        return challenge, Outcome.CREATED
    outcome = record_changes_save(instance=challenge, values=values)
    for relation, wanted in (
        (challenge.administrations, administrations),
        (challenge.skills, skills),
    ):
        if set(relation.values_list("pk", flat=True)) != {item.pk for item in wanted}:
            relation.set(wanted)
            outcome = Outcome.UPDATED
    return challenge, outcome


def challenge_link_upsert(
    *,
    challenge: Challenge,
    kind: LinkKind,
    url: str,
    title: str = "",
    description: str = "",
    position: int = 0,
) -> tuple[ChallengeLink, Outcome]:
    """Create or update the link of ``kind`` to ``url`` on ``challenge``."""
    values = {"title": title, "description": description, "position": position}
    link = ChallengeLink.objects.filter(challenge=challenge, kind=kind, url=url).first()
    if link is None:
        return ChallengeLink.objects.create(
            challenge=challenge, kind=kind, url=url, **values
        ), Outcome.CREATED
    return link, record_changes_save(instance=link, values=values)


def key_figure_upsert(
    *,
    challenge: Challenge,
    position: int,
    amount: Decimal,
    description: str,
    prefix: str = "",
    suffix: str = "",
) -> tuple[KeyFigure, Outcome]:
    """Create or update the key figure at ``position`` on ``challenge``."""
    values = {"amount": amount, "description": description, "prefix": prefix, "suffix": suffix}
    figure = KeyFigure.objects.filter(challenge=challenge, position=position).first()
    if figure is None:
        return KeyFigure.objects.create(
            challenge=challenge, position=position, **values
        ), Outcome.CREATED
    return figure, record_changes_save(instance=figure, values=values)


def team_membership_ensure(
    *, challenge: Challenge, person: Person, role: TeamRole
) -> tuple[TeamMembership, Outcome]:
    """Make sure ``person`` has ``role`` in ``challenge``'s team."""
    membership = TeamMembership.objects.filter(
        challenge=challenge, person=person, role=role
    ).first()
    if membership is None:
        return TeamMembership.objects.create(
            challenge=challenge, person=person, role=role
        ), Outcome.CREATED
    return membership, Outcome.UNCHANGED


# --- The call for challenges: agents, invitations, proposals, attachments ------------------------


class CallClosedError(Exception):
    """The cohort's call for challenges is not open: the proposal cannot change."""


class ReviewerConflictError(Exception):
    """The reviewer is an agent of the proposing administration."""


def _agent_emails(*, administration: Administration) -> list[str]:
    return sorted(
        {
            membership.user.email
            for membership in administration.memberships.select_related("user")
            if membership.user.email and membership.user.is_active
        }
    )


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def membership_add(
    *, user, administration: Administration, invited_by=None
) -> AdministrationMembership:
    """Make ``user`` an agent of ``administration`` (nothing changes if they already are)."""
    membership, _created = AdministrationMembership.objects.get_or_create(
        user=user, administration=administration, defaults={"invited_by": invited_by}
    )
    return membership


INVITATION_MAX_AGE = datetime.timedelta(days=14)
_INVITATION_SALT = "projects.invitation"


def invitation_token(*, invitation: AdministrationInvitation) -> str:
    return signing.dumps({"id": invitation.pk, "email": invitation.email}, salt=_INVITATION_SALT)


def invitation_from_token(*, token: str) -> AdministrationInvitation | None:
    """The pending invitation the token was made for, if the token is genuine and recent."""
    try:
        data = signing.loads(
            token, salt=_INVITATION_SALT, max_age=INVITATION_MAX_AGE.total_seconds()
        )
    except signing.BadSignature:
        return None
    return (
        AdministrationInvitation.objects.select_related("administration")
        .filter(pk=data.get("id"), email__iexact=data.get("email", ""), accepted_at__isnull=True)
        .first()
    )


def invitation_send(
    *, administration: Administration, email: str, invited_by
) -> AdministrationInvitation:
    """Invite ``email`` to join ``administration``'s agents: a signed link is e-mailed."""
    from core.emails import send_templated_email
    from projects import rules

    if not rules.is_agent_of(invited_by, administration.pk):
        raise PermissionDenied
    invitation = AdministrationInvitation.objects.create(
        administration=administration, email=email.strip().lower(), invited_by=invited_by
    )
    url = reverse(
        "projects:invitation-accept", kwargs={"token": invitation_token(invitation=invitation)}
    )
    send_templated_email(
        "projects/emails/invitation",
        [invitation.email],
        {
            "administration": str(administration),
            "invited_by": invited_by.email,
            "url": _absolute(url),
            "days": INVITATION_MAX_AGE.days,
        },
    )
    return invitation


class InvitationError(Exception):
    pass


def invitation_is_for(*, invitation: AdministrationInvitation, user) -> bool:
    """Whether the invitation was sent to one of ``user``'s verified addresses."""
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists()


def invitation_accept(*, invitation: AdministrationInvitation, user) -> AdministrationMembership:
    """``user`` accepts the invitation: it must have been sent to one of their verified
    addresses."""
    if not invitation_is_for(invitation=invitation, user=user):
        raise InvitationError
    membership = membership_add(
        user=user, administration=invitation.administration, invited_by=invitation.invited_by
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


PROPOSAL_FIELDS = (
    "title",
    "problem",
    "goal",
    "data_available",
    "profiles",
    "posts",
    "sponsor",
    "mentors",
    "cofunding",
    "administration_funding_amount",
    "program_funding_amount",
    "town",
)
# What a submission needs besides the title.
REQUIRED_FOR_SUBMISSION = ("problem", "goal", "data_available", "profiles", "posts", "sponsor")


def proposal_create(
    *, user, administration: Administration, cohort: Cohort, data: dict
) -> ChallengeProposal:
    """A new draft proposal of ``administration`` for ``cohort``'s open call."""
    from projects import rules

    if not rules.is_agent_of(user, administration.pk):
        raise PermissionDenied
    if not rules.call_is_open(cohort):
        raise CallClosedError
    values = {field: data[field] for field in PROPOSAL_FIELDS if field in data}
    return ChallengeProposal.objects.create(
        cohort=cohort, administration=administration, created_by=user, **values
    )


def proposal_update(*, proposal: ChallengeProposal, user, data: dict) -> ChallengeProposal:
    """Save the draft's fields; refused once submitted or after the call's deadline."""
    from projects import rules

    if not rules.is_agent_of(user, proposal.administration_id):
        raise PermissionDenied
    if not rules.can_edit_proposal(user, proposal):
        raise CallClosedError
    changed = [f for f in PROPOSAL_FIELDS if f in data and getattr(proposal, f) != data[f]]
    for field in changed:
        setattr(proposal, field, data[field])
    if changed:
        proposal.save(update_fields=[*changed, "updated_at"])
    return proposal


def proposal_missing_fields(*, proposal: ChallengeProposal) -> list[str]:
    return [field for field in REQUIRED_FOR_SUBMISSION if not getattr(proposal, field)]


def proposal_submit(*, proposal: ChallengeProposal, user) -> ChallengeProposal:
    """Submit the draft to the call: refused (the draft kept as it is) after the deadline."""
    from core.emails import send_templated_email
    from projects import rules

    if not rules.is_agent_of(user, proposal.administration_id):
        raise PermissionDenied
    if not rules.can_edit_proposal(user, proposal):
        raise CallClosedError
    if proposal_missing_fields(proposal=proposal):
        raise ValueError("incomplete proposal")
    proposal.status = ProposalStatus.SUBMITTED
    proposal.submitted_at = timezone.now()
    proposal.save(update_fields=["status", "submitted_at", "updated_at"])
    send_templated_email(
        "projects/emails/proposal_submitted",
        _agent_emails(administration=proposal.administration),
        {
            "title": proposal.title,
            "cohort": str(proposal.cohort),
            "administration": str(proposal.administration),
            "url": _absolute(reverse("projects:proposal-detail", args=[proposal.pk])),
        },
    )
    return proposal


def attachment_add(*, proposal: ChallengeProposal, user, uploaded) -> ProposalAttachment:
    """Join a checked file (projects.uploads.check_attachment) to a draft proposal."""
    from projects import rules
    from projects.uploads import (
        MAX_ATTACHMENTS_PER_PROPOSAL,
        check_attachment,
        safe_display_name,
    )

    if not rules.is_agent_of(user, proposal.administration_id):
        raise PermissionDenied
    if not rules.can_edit_proposal(user, proposal):
        raise CallClosedError
    if proposal.attachments.count() >= MAX_ATTACHMENTS_PER_PROPOSAL:
        raise ValidationError(
            _("Une proposition compte au plus %(max)s pièces jointes.")
            % {"max": MAX_ATTACHMENTS_PER_PROPOSAL},
            code="too_many",
        )
    kind = check_attachment(uploaded)
    return ProposalAttachment.objects.create(
        proposal=proposal,
        file=File(uploaded, name=f"upload.{kind.extension}"),
        name=safe_display_name(uploaded.name, kind),
        content_type=kind.content_type,
        size=uploaded.size,
        uploaded_by=user,
    )


def attachment_delete(*, attachment: ProposalAttachment, user) -> None:
    from projects import rules

    if not rules.is_agent_of(user, attachment.proposal.administration_id):
        raise PermissionDenied
    if not rules.can_edit_proposal(user, attachment.proposal):
        raise CallClosedError
    attachment.file.delete(save=False)
    attachment.delete()


# --- Jury -----------------------------------------------------------------------------------------


def review_round_open(
    *, cohort: Cohort, name: str, criteria: Iterable[str], instructions: str = ""
) -> ReviewRound:
    """A new open review round of ``cohort``, with its criteria in the given order."""
    review_round = ReviewRound.objects.create(cohort=cohort, name=name, instructions=instructions)
    for position, label in enumerate(criteria):
        ReviewCriterion.objects.create(round=review_round, label=label, position=position)
    return review_round


def review_assign(
    *, review_round: ReviewRound, proposal: ChallengeProposal, reviewer
) -> ReviewAssignment:
    """Ask ``reviewer`` to review ``proposal``; never an agent of the proposing administration
    (the engine's assignment rules, core.reviews, with this call's eligibility)."""
    from core.reviews import REVIEWER_INELIGIBLE, review_assignment_refusals
    from projects.reviews import CHALLENGE_REVIEWS

    refusals = review_assignment_refusals(
        call=CHALLENGE_REVIEWS, subject=proposal, reviewer=reviewer
    )
    if any(refusal.code == REVIEWER_INELIGIBLE for refusal in refusals):
        raise ReviewerConflictError
    assignment = ReviewAssignment(round=review_round, proposal=proposal, reviewer=reviewer)
    assignment.full_clean()
    assignment.save()
    return assignment


def review_declare_conflict(*, assignment: ReviewAssignment, user, note: str) -> ReviewAssignment:
    """The reviewer declares a conflict of interest: their scores are dropped, they score no
    more."""
    from core.reviews import ReviewRefused, review_conflict_declare
    from projects.reviews import CHALLENGE_REVIEWS

    try:
        return review_conflict_declare(
            call=CHALLENGE_REVIEWS, review=assignment, has_conflict=True, note=note, user=user
        )
    except ReviewRefused as refusal:
        raise PermissionDenied(refusal.messages[0]) from refusal


def review_score(
    *, assignment: ReviewAssignment, user, scores: dict[int, int], comment: str
) -> ReviewAssignment:
    """Record the reviewer's score for every criterion of the round (by criterion id).

    ``PermissionDenied`` when they may not score (not theirs, round closed, conflict declared);
    ``core.reviews.ReviewRefused`` (a ``ValueError``) when a score is missing or out of range.
    """
    from core.reviews import ACCESS_CODES, ReviewRefused, review_scores_record
    from projects.reviews import CHALLENGE_REVIEWS

    try:
        return review_scores_record(
            call=CHALLENGE_REVIEWS, review=assignment, scores=scores, comment=comment, user=user
        )
    except ReviewRefused as refusal:
        if refusal.code in ACCESS_CODES:
            raise PermissionDenied(refusal.messages[0]) from refusal
        raise


def proposal_decide(*, proposal: ChallengeProposal, selected: bool) -> ChallengeProposal:
    """Staff's decision on a submitted proposal. A selected proposal becomes a challenge of the
    cohort, unpublished until staff publish it. The agents are told by e-mail.

    Rejecting a proposal selected before removes the challenge made from it, as long as nobody
    has seen nor joined it (unpublished, no team, nothing attached to it); otherwise the
    decision stays and ``ValidationError`` says what to undo first.
    """
    from core.emails import send_templated_email

    if proposal.status == ProposalStatus.DRAFT:
        raise ValueError("only a submitted proposal is decided")
    if not selected and proposal.challenge_id is not None:
        _challenge_of_proposal_delete(proposal=proposal)
    proposal.status = ProposalStatus.SELECTED if selected else ProposalStatus.REJECTED
    proposal.decided_at = timezone.now()
    if selected and proposal.challenge_id is None:
        proposal.challenge = _challenge_from_proposal(proposal=proposal)
    proposal.save(update_fields=["status", "decided_at", "challenge", "updated_at"])
    send_templated_email(
        "projects/emails/proposal_decided",
        _agent_emails(administration=proposal.administration),
        {
            "title": proposal.title,
            "cohort": str(proposal.cohort),
            "selected": selected,
            "url": _absolute(reverse("projects:proposal-detail", args=[proposal.pk])),
        },
    )
    return proposal


def _challenge_of_proposal_delete(*, proposal: ChallengeProposal) -> None:
    challenge = proposal.challenge
    locked = ValidationError(
        _(
            "Le défi « %(title)s », créé quand cette proposition a été retenue, est déjà "
            "publié ou a une équipe : dépubliez-le et retirez son équipe avant de refuser la "
            "proposition."
        )
        % {"title": challenge.title},
        code="challenge_in_use",
    )
    if challenge.is_published or challenge.memberships.exists():
        raise locked
    try:
        with transaction.atomic():
            challenge.delete()
    except ProtectedError as error:
        raise locked from error
    proposal.challenge = None


def _challenge_from_proposal(*, proposal: ChallengeProposal) -> Challenge:
    slug = unique_slug(
        base=slugify(proposal.title)[:180] or "defi",
        taken=lambda slug: Challenge.objects.filter(cohort=proposal.cohort, slug=slug).exists(),
    )
    body = "\n\n".join(
        f"## {heading}\n\n{text}"
        for heading, text in (
            (_("Le problème"), proposal.problem),
            (_("L'objectif"), proposal.goal),
            (_("Les données disponibles"), proposal.data_available),
        )
        if text
    )
    challenge, _outcome = challenge_upsert(
        cohort=proposal.cohort,
        slug=slug,
        title=proposal.title,
        summary=Truncator(proposal.goal or proposal.problem).chars(500),
        body=body,
        town=proposal.town,
        duration_months=None,
        posts=proposal.posts,
        status=ChallengeStatus.SELECTED,
        is_published=False,
        administrations=[proposal.administration],
        skills=[],
    )
    return challenge


def review_round_change(
    *, review_round: ReviewRound, cohort: Cohort, name: str, instructions: str, is_open: bool
) -> ReviewRound:
    """Staff change a review round: its name, instructions, whether it is open, and its cohort
    as long as no proposal has been handed to its jury (each assignment is of the round's
    cohort)."""
    stored_cohort_id = (
        ReviewRound.objects.values_list("cohort_id", flat=True).get(pk=review_round.pk)
        if review_round.pk
        else cohort.pk
    )
    if cohort.pk != stored_cohort_id and review_round.assignments.exists():
        raise ValidationError(
            {
                "cohort": _(
                    "Des propositions sont déjà confiées au jury de cette session : elle ne "
                    "change plus de promotion."
                )
            }
        )
    review_round.cohort, review_round.name = cohort, name
    review_round.instructions, review_round.is_open = instructions, is_open
    review_round.full_clean()
    review_round.save()
    return review_round


# --- Staff's writes from the admin ---------------------------------------------------------------


def administration_save(
    *, instance: Administration, values: dict[str, Any], user
) -> Administration:
    """Staff create or change an administration: a name no other administration has (once
    folded), and never its own ancestor in the ministry → directorate → service tree."""
    return record_values_save(instance=instance, values=values)


def challenge_save(*, instance: Challenge, values: dict[str, Any], user) -> Challenge:
    """Staff create or change a challenge with its host administrations, themes and skills (a
    URL identifier unique within its cohort)."""
    return record_values_save(instance=instance, values=values)


def team_membership_save(
    *, instance: TeamMembership, values: dict[str, Any], user
) -> TeamMembership:
    """Staff put a person in a challenge's team with a role, once per role."""
    return record_values_save(instance=instance, values=values)


def key_figure_save(*, instance: KeyFigure, values: dict[str, Any], user) -> KeyFigure:
    """Staff create or change a key figure of a challenge."""
    return record_values_save(instance=instance, values=values)


def challenge_link_save(*, instance: ChallengeLink, values: dict[str, Any], user) -> ChallengeLink:
    """Staff create or change a link of a challenge, once per kind and address."""
    return record_values_save(instance=instance, values=values)


def theme_save(*, instance: Theme, values: dict[str, Any], user) -> Theme:
    """Staff create or change a theme (name and URL identifier unique)."""
    return record_values_save(instance=instance, values=values)


def skill_save(*, instance: Skill, values: dict[str, Any], user) -> Skill:
    """Staff create or change a skill (code unique)."""
    return record_values_save(instance=instance, values=values)


def review_criterion_save(
    *, instance: ReviewCriterion, values: dict[str, Any], user
) -> ReviewCriterion:
    """Staff create or change a criterion of a review round. A criterion the jury has already
    scored stays in its round: its scores belong to that round's assignments."""
    if instance.pk and "round" in values:
        stored_round_id = ReviewCriterion.objects.values_list("round_id", flat=True).get(
            pk=instance.pk
        )
        if values["round"].pk != stored_round_id and instance.scores.exists():
            raise ValidationError(
                {"round": _("Le jury a déjà noté ce critère : il ne change plus de session.")}
            )
    return record_values_save(instance=instance, values=values)


def proposal_admin_save(
    *, instance: ChallengeProposal, values: dict[str, Any], user
) -> ChallengeProposal:
    """Staff write a proposal while its call for challenges is open, as its agents do; a
    proposal already decided no longer changes (its decision is taken from the ranking)."""
    from projects import rules

    if instance.pk:
        stored = ChallengeProposal.objects.select_related("cohort").get(pk=instance.pk)
        if stored.status in (ProposalStatus.SELECTED, ProposalStatus.REJECTED):
            raise ValidationError(
                _("Cette proposition a déjà fait l'objet d'une décision : elle ne change plus.")
            )
        cohorts = [stored.cohort, values.get("cohort") or stored.cohort]
    else:
        cohorts = [values.get("cohort")]
    for cohort in cohorts:
        if cohort is not None and not rules.call_is_open(cohort):
            raise ValidationError(
                _("L'appel à défis de la promotion %(cohort)s n'est pas ouvert.")
                % {"cohort": cohort}
            )
    return record_values_save(instance=instance, values=values)


def review_assignment_change(
    *, instance: ReviewAssignment, values: dict[str, Any], user
) -> ReviewAssignment:
    """Staff correct an assignment of the jury (another round, proposal or reviewer), under the
    rules of ``review_assign`` that the assignment's validation applies: a submitted proposal of
    the round's cohort, never reviewed by an agent of the proposing administration."""
    return record_values_save(instance=instance, values=values)
