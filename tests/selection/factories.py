"""Factories of the call for candidates: applications, reviews, interviews."""

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from cohorts.models import Profile
from selection.models import (
    Application,
    ApplicationStatus,
    EqualityStatistics,
    InterviewSlot,
    Review,
    SelectionStage,
)
from tests.factories import ChallengeFactory, CohortFactory, UserFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def open_call_cohort(**kwargs):
    """A cohort whose call for candidates is open today."""
    today = timezone.localdate()
    return CohortFactory(
        candidates_call_opens=today - datetime.timedelta(days=10),
        candidates_call_closes=today + datetime.timedelta(days=20),
        **kwargs,
    )


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    candidate = factory.SubFactory(UserFactory)
    cohort = factory.LazyFunction(open_call_cohort)
    full_name = factory.Faker("name", locale="fr_FR")
    profile = Profile.DATA_SCIENTIST
    links = "https://github.com/exemple"
    motivation = "Servir l'intérêt général avec les données."
    first_choice = factory.LazyAttribute(lambda a: ChallengeFactory(cohort=a.cohort))
    cv = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="cv.pdf"))
    status = ApplicationStatus.DRAFT

    class Params:
        submitted = factory.Trait(
            status=ApplicationStatus.SUBMITTED,
            submitted_at=factory.LazyFunction(timezone.now),
            stage=SelectionStage.FIRST_REVIEW,
        )


class EqualityStatisticsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EqualityStatistics

    application = factory.SubFactory(ApplicationFactory)
    gender = "woman"
    age_band = "25_34"


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    application = factory.SubFactory(ApplicationFactory, submitted=True)
    reviewer = factory.SubFactory(UserFactory)
    stage = SelectionStage.FIRST_REVIEW


class InterviewSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterviewSlot

    application = factory.SubFactory(ApplicationFactory, submitted=True)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=3))
    place = "Visioconférence"
