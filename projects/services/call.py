"""Writes of the call for challenges: agents, invitations, proposals and their attachments."""

import datetime
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.models import Cohort
from core.records import record_values_save
from projects.models import (
    Administration,
    AdministrationInvitation,
    AdministrationMembership,
    ChallengeProposal,
    ProposalAttachment,
    ProposalStatus,
    ReviewAssignment,
)

# --- The call for challenges: agents, invitations, proposals, attachments ------------------------


class CallClosedError(Exception):
    """The cohort's call for challenges is not open: the proposal cannot change."""


def agent_emails_of(*, administration: Administration) -> list[str]:
    return sorted(
        {
            membership.user.email
            for membership in administration.memberships.select_related("user")
            if membership.user.email and membership.user.is_active
        }
    )


def absolute_url(path: str) -> str:
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
            "url": absolute_url(url),
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
        agent_emails_of(administration=proposal.administration),
        {
            "title": proposal.title,
            "cohort": str(proposal.cohort),
            "administration": str(proposal.administration),
            "url": absolute_url(reverse("projects:proposal-detail", args=[proposal.pk])),
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


def account_invitations_erase(*, user, erasure) -> None:
    """An account being deleted: the invitations sent to its addresses go (the memberships go
    with the account)."""
    addresses = [text for text in erasure.texts if "@" in text]
    query = Q(accepted_by=user)
    for address in addresses:
        query |= Q(email__iexact=address)
    erasure.delete(AdministrationInvitation.objects.filter(query))


def account_jury_keeper(user) -> str:
    """A reviewer of the call for challenges keeps their account while they hold assignments."""
    if ReviewAssignment.objects.filter(reviewer=user).exists():
        return _(
            "Vous êtes membre du jury de l'appel à défis : l'équipe du programme supprime ce "
            "compte sur demande, une fois les évaluations closes."
        )
    return ""
