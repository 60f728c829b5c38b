"""Factories of the call for challenges: agents, proposals, attachments, review rounds."""

import datetime

import factory
from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.utils import timezone

from projects.models import (
    AdministrationInvitation,
    AdministrationMembership,
    ChallengeProposal,
    ProposalAttachment,
    ProposalStatus,
    ReviewAssignment,
    ReviewCriterion,
    ReviewRound,
)
from tests.factories import AdministrationFactory, CohortFactory, UserFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def open_call_dates(today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    return {
        "challenges_call_opens": today - datetime.timedelta(days=10),
        "challenges_call_closes": today + datetime.timedelta(days=10),
    }


def closed_call_dates(today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    return {
        "challenges_call_opens": today - datetime.timedelta(days=30),
        "challenges_call_closes": today - datetime.timedelta(days=1),
    }


class OpenCallCohortFactory(CohortFactory):
    """A cohort whose call for challenges is open today."""

    challenges_call_opens = factory.LazyFunction(lambda: open_call_dates()["challenges_call_opens"])
    challenges_call_closes = factory.LazyFunction(
        lambda: open_call_dates()["challenges_call_closes"]
    )


class VerifiedUserFactory(UserFactory):
    """A user whose e-mail address is verified (allauth)."""

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrationMembership

    user = factory.SubFactory(VerifiedUserFactory)
    administration = factory.SubFactory(AdministrationFactory)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrationInvitation

    administration = factory.SubFactory(AdministrationFactory)
    email = factory.Sequence(lambda n: f"invite{n}@example.fr")
    invited_by = factory.SubFactory(VerifiedUserFactory)


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChallengeProposal

    cohort = factory.SubFactory(OpenCallCohortFactory)
    administration = factory.SubFactory(AdministrationFactory)
    title = factory.Sequence(lambda n: f"Proposition {n}")
    problem = "Les demandes des usagers sont traitées à la main."
    goal = "Trier automatiquement les demandes."
    data_available = "Dix ans de demandes anonymisées."
    profiles = factory.LazyFunction(lambda: ["developer", "data_scientist"])
    posts = 2
    sponsor = "Camille Durand, directrice"
    mentors = "Alex Martin, chef de service"
    cofunding = "50 000 € sur le budget de la direction"
    town = "Paris"

    class Params:
        submitted = factory.Trait(
            status=ProposalStatus.SUBMITTED, submitted_at=factory.LazyFunction(timezone.now)
        )


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProposalAttachment

    proposal = factory.SubFactory(ProposalFactory)
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="upload.pdf"))
    name = "note-de-cadrage.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)


class ReviewRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewRound
        skip_postgeneration_save = True

    cohort = factory.SubFactory(OpenCallCohortFactory)
    name = "Jury de sélection des défis"

    @factory.post_generation
    def criteria(self, create, extracted, **kwargs):
        if create:
            labels = extracted if extracted is not None else ["Impact", "Faisabilité"]
            for position, label in enumerate(labels):
                ReviewCriterion.objects.create(round=self, label=label, position=position)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewAssignment

    round = factory.SubFactory(ReviewRoundFactory)
    proposal = factory.SubFactory(
        ProposalFactory, submitted=True, cohort=factory.SelfAttribute("..round.cohort")
    )
    reviewer = factory.SubFactory(VerifiedUserFactory)
