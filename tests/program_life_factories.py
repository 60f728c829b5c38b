"""Factories of program life: cohort events, attendance, progress reports, onboarding and
offboarding checklists, challenge objectives and their values, and team members with an
account."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from cohorts.models import (
    Attendance,
    AttendanceStatus,
    ChecklistItem,
    ChecklistPhase,
    ChecklistRole,
    ChecklistTemplate,
    Event,
    EventKind,
)
from projects.models import ChallengeObjective, Mood, ObjectiveValue, ProgressReport, TeamRole
from tests.factories import (
    ChallengeFactory,
    CohortFactory,
    PersonFactory,
    TeamMembershipFactory,
    UserFactory,
)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    cohort = factory.SubFactory(CohortFactory)
    kind = EventKind.SEMINAR
    title = factory.Sequence(lambda n: f"Séminaire {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    place = "Paris"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    status = AttendanceStatus.PRESENT


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChallengeObjective

    challenge = factory.SubFactory(ChallengeFactory)
    name = factory.Sequence(lambda n: f"Dossiers traités par mois {n}")
    unit = "dossiers"
    baseline = Decimal("100")
    target = Decimal("200")
    source = "Tableau de bord du service"
    is_public = True


class ObjectiveValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ObjectiveValue

    objective = factory.SubFactory(ObjectiveFactory)
    measured_on = factory.LazyAttribute(lambda v: v.objective.challenge.cohort.start_date)
    value = Decimal("120")


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    challenge = factory.SubFactory(ChallengeFactory)
    progress = "Le prototype est en test auprès de deux services."
    mood = Mood.GOOD


class ChecklistTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistTemplate

    title = factory.Sequence(lambda n: f"Arrivée dans la promotion {n}")
    cohort = None  # every promotion
    role = ChecklistRole.FELLOW
    phase = ChecklistPhase.ONBOARDING


class ChecklistItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistItem

    template = factory.SubFactory(ChecklistTemplateFactory)
    label = factory.Sequence(lambda n: f"Tâche {n}")
    due_days = 10
    sort_order = factory.Sequence(lambda n: n)


def team_member(*, challenge=None, role=TeamRole.FELLOW, username=None, **person_fields):
    """A user whose person is a fellow (or mentor) of ``challenge``; returns the user."""
    user = UserFactory(**({"username": username} if username else {}))
    person = PersonFactory(user=user, **person_fields)
    TeamMembershipFactory(
        challenge=challenge if challenge is not None else ChallengeFactory(),
        person=person,
        role=role,
    )
    return user
