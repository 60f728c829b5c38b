"""Factories of the alumni network and the feedback surveys."""

import datetime

import factory
from django.utils import timezone

from alumni.models import (
    DirectoryProfile,
    QuestionKind,
    Survey,
    SurveyAudience,
    SurveyInvitation,
    SurveyQuestion,
    SurveyWave,
)
from alumni.services import token_hash
from tests.factories import CohortFactory, FellowshipFactory, PersonFactory, UserFactory


def alumnus(*, username: str, cohort=None, **person_fields):
    """A user whose person was a fellow of a cohort that has ended (an alumnus)."""
    user = UserFactory(username=username)
    person = PersonFactory(user=user, email=user.email, **person_fields)
    FellowshipFactory(person=person, **({"cohort": cohort} if cohort else {}))
    return user


class DirectoryProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DirectoryProfile

    person = factory.SubFactory(PersonFactory)
    headline = "Data scientist, santé publique"
    listed = True

    class Params:
        shows_everything = factory.Trait(
            show_email=True, show_positions=True, show_links=True, show_presentation=True
        )


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    title = factory.Sequence(lambda n: f"Enquête de fin de programme {n}")
    cohort = factory.SubFactory(CohortFactory)
    wave = SurveyWave.END
    audience = SurveyAudience.FELLOWS
    anonymous = True


class SurveyQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyQuestion

    survey = factory.SubFactory(SurveyFactory)
    label = factory.Sequence(lambda n: f"Question {n}")
    kind = QuestionKind.TEXT
    sort_order = factory.Sequence(lambda n: n)


class SurveyInvitationFactory(factory.django.DjangoModelFactory):
    """An invitation whose link's token is ``token`` (known to the test)."""

    class Meta:
        model = SurveyInvitation
        exclude = ("token",)

    survey = factory.SubFactory(SurveyFactory)
    person = factory.SubFactory(PersonFactory)
    email = factory.LazyAttribute(lambda i: i.person.email or "invite@example.fr")
    token = factory.Sequence(lambda n: f"jeton-de-test-{n}")
    token_hash = factory.LazyAttribute(lambda i: token_hash(i.token))
    sent_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
