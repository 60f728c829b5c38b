"""Erasure that erases: a person who touched every part of the product is erased by the data
protection team, or deletes their own account, and then no table and no media file holds
their name or their address."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from alumni.models import SurveyResponse
from cohorts.calendar import feed_renew
from cohorts.events_services import event_rsvp
from cohorts.models import Person
from core.emails import send_templated_email_task
from core.erasure import ERASED_LABEL
from core.text_search import accents_removed
from projects.models import Mood, ProgressReport
from selection.models import Application, Decision
from selection.services import application_decide, application_purge_expired
from tests.alumni_factories import (
    DirectoryProfileFactory,
    SurveyFactory,
    SurveyInvitationFactory,
)
from tests.call_factories import (
    AttachmentFactory,
    InvitationFactory,
    MembershipFactory,
    ProposalFactory,
)
from tests.factories import (
    ChallengeFactory,
    FellowshipFactory,
    PersonFactory,
    PositionFactory,
    TeamMembershipFactory,
    UserFactory,
)
from tests.program_life_factories import AttendanceFactory, EventFactory
from tests.selection.factories import (
    ApplicationFactory,
    EqualityStatisticsFactory,
    InterviewSlotFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db

NAME = "Zéphyrine Quintavalle"
ADDRESS = "zephyrine.quintavalle@exemple.fr"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def staff_in(group_name: str, username: str):
    user = UserFactory(username=username, is_staff=True)  # with TOTP, not superuser
    user.groups.set([Group.objects.get(name=group_name)])
    return user


@pytest.fixture
def data_protection_staff_user():
    return staff_in("Protection des données", "equipe-donnees")


@pytest.fixture
def evaluation_staff_user():
    return staff_in("Évaluation", "equipe-evaluation")


def email_context() -> dict:
    return {"full_name": NAME, "title": "Démo", "starts_at": "1er mars", "ends_at": "", "place": ""}


def needles() -> list[str]:
    return [NAME.casefold(), accents_removed(NAME).casefold(), ADDRESS]


def database_hits() -> list[str]:
    """Every cell of every table that still holds the name or the address."""
    hits = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, memoryview | bytes):
                        value = bytes(value).decode("utf-8", "ignore")
                    text = str(value).casefold()
                    hits.extend(f"{table}: {value!r}" for needle in needles() if needle in text)
    return hits


def media_hits(root: Path) -> list[str]:
    """Every file of the media folders (public and private) named after the person or holding
    their name or address."""
    hits = []
    folders = [root, root.with_name(root.name + "-private")]
    for path in (path for folder in folders if folder.exists() for path in folder.rglob("*")):
        if not path.is_file():
            continue
        text = f"{path.name} {path.read_bytes().decode('utf-8', 'ignore')}".casefold()
        hits.extend(str(path) for needle in needles() if needle in text)
    return hits


def someone_who_did_everything(media, staff) -> Person:
    """An account and a person that applied, was a fellow, answered events and surveys, wrote
    reports, kept a directory profile, worked for an administration and appear in the logs and
    the task queue."""
    user = UserFactory(username="zquintavalle", email=ADDRESS, first_name="Zéphyrine")
    user.last_name = "Quintavalle"
    user.save()
    EmailAddress.objects.create(user=user, email=ADDRESS, verified=True, primary=True)
    person = PersonFactory(full_name=NAME, email=ADDRESS, user=user, slug="zephyrine-quintavalle")
    fellowship = FellowshipFactory(person=person)
    challenge = ChallengeFactory(cohort=fellowship.cohort)
    TeamMembershipFactory(person=person, challenge=challenge)
    ProgressReport.objects.create(
        challenge=challenge,
        author=person,
        author_user=user,
        progress="Prototype en test.",
        mood=Mood.GOOD,
    )
    event = EventFactory(cohort=fellowship.cohort)
    event_rsvp(event=event, person=person, attending=True)
    AttendanceFactory(event=event, person=person)
    feed_renew(person)
    PositionFactory(person=person)
    DirectoryProfileFactory(person=person, contact_email=ADDRESS)
    survey = SurveyFactory(cohort=fellowship.cohort, anonymous=False)
    SurveyInvitationFactory(survey=survey, person=person)
    SurveyResponse.objects.create(survey=survey, person=person, answers={"1": "Très bien."})
    # The call for candidates: a rejected application, reviewed, interviewed, with a CV.
    application = ApplicationFactory(
        candidate=user,
        full_name=NAME,
        submitted=True,
        cv=ContentFile(f"%PDF-1.4 CV de {NAME}".encode(), name="cv-zephyrine-quintavalle.pdf"),
    )
    EqualityStatisticsFactory(application=application)
    ReviewFactory(application=application, comment=f"{NAME} connaît bien le sujet.")
    InterviewSlotFactory(application=application, notes=f"Entretien avec {NAME}.")
    application_decide(application=application, decision=Decision.REJECTED, reason="Complet.")
    # The call for challenges: an agent of an administration, invited by address.
    membership = MembershipFactory(user=user)
    InvitationFactory(administration=membership.administration, email=ADDRESS, invited_by=staff)
    AttachmentFactory(
        proposal=ProposalFactory(administration=membership.administration, created_by=user),
        uploaded_by=user,
    )
    # Traces: the admin's log and the task queue.
    for record in (person, fellowship, application):
        log(instance=record, action="wagtail.edit", user=staff)
    send_templated_email_task.enqueue(
        name="cohorts/emails/event_changed",
        recipients=[ADDRESS],
        context=email_context(),
    )
    assert database_hits(), "the person must be in the database before the erasure"
    assert media_hits(media), "the CV must be in the media folder before the erasure"
    return person


def test_erasing_a_person_leaves_no_trace_of_their_name_or_address(
    client, settings, media, data_protection_staff_user, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    person = someone_who_did_everything(media, data_protection_staff_user)
    client.force_login(data_protection_staff_user)
    delete_url = reverse(Person.snippet_viewset.get_url_name("delete"), args=[person.pk])

    confirmation = client.get(delete_url)
    assert confirmation.status_code == 200
    assert "Effacer définitivement cette personne" in confirmation.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete_url)

    assert response.status_code == 302
    assert database_hits() == []
    assert media_hits(media) == []
    assert not Application.objects.exists()
    # The log keeps that someone was erased, by whom, without saying whom.
    erased = ModelLogEntry.objects.filter(action="wagtail.delete").get()
    assert erased.user_id == data_protection_staff_user.pk
    assert erased.label == str(ERASED_LABEL)


def test_a_staff_member_without_the_delete_permission_cannot_erase(
    client, media, evaluation_staff_user
):
    person = PersonFactory(full_name=NAME, email=ADDRESS)
    client.force_login(evaluation_staff_user)

    response = client.post(reverse(Person.snippet_viewset.get_url_name("delete"), args=[person.pk]))

    assert response.status_code in (302, 403)
    assert Person.objects.filter(pk=person.pk).exists()


def deletion(client, typed: str):
    return client.post(reverse("account_delete"), {"email": typed})


def test_an_account_owner_deletes_their_account_and_its_traces(
    client, settings, media, staff_user, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    user = UserFactory(
        username="zq", email=ADDRESS, first_name="Zéphyrine", last_name="Quintavalle"
    )
    EmailAddress.objects.create(user=user, email=ADDRESS, verified=True, primary=True)
    application = ApplicationFactory(candidate=user, full_name=NAME)
    log(instance=application, action="wagtail.edit", user=staff_user)
    membership = MembershipFactory(user=user)
    InvitationFactory(
        administration=membership.administration, email=ADDRESS, invited_by=staff_user
    )
    send_templated_email_task.enqueue(
        name="cohorts/emails/event_changed", recipients=[ADDRESS], context=email_context()
    )
    client.force_login(user)

    page = client.get(reverse("account_delete"))
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    with django_capture_on_commit_callbacks(execute=True):
        response = deletion(client, ADDRESS.upper())

    assert response.status_code == 302
    assert database_hits() == []
    assert media_hits(media) == []
    assert not client.login(username="zq", password="correct horse battery staple")
    # The session ended with the account: the next page is a visitor's.
    assert client.get(reverse("account_delete")).status_code == 302


def test_a_fellow_deleting_their_account_keeps_the_program_record_without_the_address(
    client, media
):
    user = UserFactory(username="zq", email=ADDRESS)
    person = PersonFactory(full_name=NAME, email=ADDRESS, user=user)
    FellowshipFactory(person=person)
    client.force_login(user)

    assert deletion(client, ADDRESS).status_code == 302

    person.refresh_from_db()
    assert (person.full_name, person.email, person.user) == (NAME, "", None)
    assert not person.history.filter(email=ADDRESS).exists()


def test_a_wrong_address_refuses_the_deletion_in_french_and_keeps_the_account(client, media):
    user = UserFactory(username="zq", email=ADDRESS)
    client.force_login(user)

    response = deletion(client, "autre@exemple.fr")

    assert response.status_code == 400
    assert "Ce n&#x27;est pas l&#x27;adresse de ce compte." in response.content.decode()
    assert 'value="autre@exemple.fr"' in response.content.decode()
    user.refresh_from_db()


@pytest.mark.parametrize("kind", ["application_reviewer", "staff"])
def test_an_account_the_program_still_needs_is_not_deleted_by_its_owner(client, media, kind):
    user = UserFactory(username="zq", email=ADDRESS, is_staff=kind == "staff", totp=False)
    if kind == "application_reviewer":
        ReviewFactory(reviewer=user)
    client.force_login(user)

    page = client.get(reverse("account_delete"))
    response = deletion(client, ADDRESS)

    assert "Ce compte ne peut pas être supprimé ici" in page.content.decode()
    assert response.status_code == 400
    assert type(user).objects.filter(pk=user.pk).exists()


def test_the_retention_purge_erases_the_log_labels(media, staff_user):
    application = ApplicationFactory(full_name=NAME, submitted=True)
    log(instance=application, action="wagtail.edit", user=staff_user)
    application_decide(application=application, decision=Decision.REJECTED, reason="Non.")
    later = timezone.now() + datetime.timedelta(days=200)

    assert application_purge_expired(now=later) == 1

    entry = ModelLogEntry.objects.get(object_id=str(application.pk))
    assert entry.label == str(ERASED_LABEL)
    assert entry.data == {}
    assert not ModelLogEntry.objects.filter(label__icontains="Quintavalle").exists()


# The worker closes its database connections between tasks, as in production: on PostgreSQL
# that would end a test wrapped in a transaction, so this one commits for real.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_email_task_leaves_no_row_once_sent_but_a_failed_one_stays_for_diagnosis(settings):
    settings.TASKS = DATABASE_TASKS
    sent = send_templated_email_task.enqueue(
        name="cohorts/emails/event_changed", recipients=[ADDRESS], context=email_context()
    )
    broken = send_templated_email_task.enqueue(
        name="gabarit/inexistant", recipients=[ADDRESS], context={}
    )

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    assert not DBTaskResult.objects.filter(id=sent.id).exists()
    assert DBTaskResult.objects.get(id=broken.id).status == TaskResultStatus.FAILED


def test_the_task_results_are_kept_thirty_days_at_most():
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup()"],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "eig.settings",
            "EIG_TASK_RESULTS_KEEP_DAYS": "31",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "EIG_TASK_RESULTS_KEEP_DAYS must be between 1 and 30" in result.stderr
