"""Factories for the program's records, with readable defaults and traits."""

import datetime

import factory
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from alumni.models import Position, Sector
from cohorts.models import Cohort, Fellowship, Person, Profile, Track
from projects.models import (
    Administration,
    Challenge,
    ChallengeLink,
    ChallengeStatus,
    KeyFigure,
    LinkKind,
    Skill,
    TeamMembership,
    TeamRole,
    Theme,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.fr")
    password = factory.django.Password("correct horse battery staple")

    class Params:
        staff = factory.Trait(is_staff=True, is_superuser=True)

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        # Staff need a second factor (TOTP) to reach the admin: they get one, unless totp=False.
        if create and (self.is_staff if extracted is None else extracted):
            TOTP.activate(self, generate_totp_secret())


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        django_get_or_create = ("track", "number")

    track = Track.EIG
    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda c: f"EIG {c.number}")
    slug = factory.LazyAttribute(lambda c: slugify(c.name))
    year = factory.LazyAttribute(lambda c: 2016 + c.number)
    start_date = factory.LazyAttribute(lambda c: datetime.date(c.year, 1, 15))
    end_date = factory.LazyAttribute(lambda c: datetime.date(c.year, 11, 15))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Faker("name", locale="fr_FR")
    slug = factory.Sequence(lambda n: f"personne-{n}")
    biography = "Parcours dans le numérique public."
    public_consent = True

    class Params:
        private = factory.Trait(public_consent=False)


class FellowshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fellowship

    person = factory.SubFactory(PersonFactory)
    cohort = factory.SubFactory(CohortFactory)
    profile = Profile.DEVELOPER


class AdministrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Administration

    name = factory.Sequence(lambda n: f"Direction numéro {n}")
    website = "https://www.example.gouv.fr"


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory)
    title = factory.Sequence(lambda n: f"Défi {n}")
    slug = factory.LazyAttribute(lambda c: slugify(c.title))
    summary = "Mieux servir les usagers grâce aux données."
    body = "Le défi consiste à **ouvrir** les données."
    status = ChallengeStatus.COMPLETED
    is_published = True

    class Params:
        draft = factory.Trait(status=ChallengeStatus.DRAFT, is_published=False)

    @factory.post_generation
    def administrations(self, create, extracted, **kwargs):
        if not create:
            return
        self.administrations.set(extracted if extracted is not None else [AdministrationFactory()])


class TeamMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMembership

    challenge = factory.SubFactory(ChallengeFactory)
    person = factory.SubFactory(PersonFactory)
    role = TeamRole.FELLOW


class KeyFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyFigure

    challenge = factory.SubFactory(ChallengeFactory)
    amount = 42
    description = "agents formés"


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    organisation = "Direction interministérielle du numérique"
    sector = Sector.PUBLIC
    title = "Responsable de produit"
    start = datetime.date(2021, 1, 1)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thématique {n}")
    slug = factory.LazyAttribute(lambda t: slugify(t.name))


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"competence-{n}")
    name = factory.Sequence(lambda n: f"Compétence {n}")


class ChallengeLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChallengeLink

    challenge = factory.SubFactory(ChallengeFactory)
    kind = LinkKind.SOURCE_CODE
    url = factory.Sequence(lambda n: f"https://code.example.gouv.fr/defi-{n}")
    title = "Code source"
