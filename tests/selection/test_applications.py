"""The candidate's space: create, save as draft, edit, submit, withdraw; the CV; the rules."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from selection.models import Application, ApplicationStatus, EqualityStatistics
from selection.services import CV_MAX_BYTES
from tests.factories import ChallengeFactory, UserFactory
from tests.selection.factories import PDF_BYTES, ApplicationFactory, open_call_cohort


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cohort(db):
    return open_call_cohort(number=40, name="EIG 40")


@pytest.fixture
def challenges(cohort):
    return [
        ChallengeFactory(cohort=cohort, title="Lab santé"),
        ChallengeFactory(cohort=cohort, title="Données de l'eau"),
    ]


@pytest.fixture
def candidate(db):
    return UserFactory(username="candidate", email="camille@example.fr")


def cv(content=PDF_BYTES, name="mon cv.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def form_data(challenges, **overrides):
    data = {
        "full_name": "Camille Martin",
        "profile": "data_scientist",
        "links": "https://github.com/camille",
        "motivation": "Je veux ouvrir les données publiques.",
        "first_choice": str(challenges[0].pk),
        "second_choice": str(challenges[1].pk),
        "third_choice": "",
        "gender": "woman",
        "age_band": "25_34",
        "keep_for_future_calls": "on",
        "action": "submit",
    }
    data.update(overrides)
    return data


def test_candidate_submits_a_complete_application_and_gets_a_confirmation(
    client, candidate, cohort, challenges, django_capture_on_commit_callbacks
):
    client.force_login(candidate)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("selection:application-create", args=[cohort.slug]),
            {**form_data(challenges), "cv_upload": cv()},
            follow=True,
        )

    application = Application.objects.get(candidate=candidate)
    assert application.status == ApplicationStatus.SUBMITTED
    assert [c.title for c in application.choices] == ["Lab santé", "Données de l'eau"]
    assert "Votre candidature est déposée" in response.content.decode()
    assert [m.to for m in mail.outbox] == [["camille@example.fr"]]
    assert "EIG 40" in mail.outbox[0].subject
    assert "1. Lab santé" in mail.outbox[0].body
    statistics = EqualityStatistics.objects.get(application=application)
    assert (statistics.gender, statistics.age_band) == ("woman", "25_34")


def test_cv_is_stored_under_a_random_name_outside_the_public_media(
    client, candidate, cohort, challenges, settings
):
    client.force_login(candidate)

    client.post(
        reverse("selection:application-create", args=[cohort.slug]),
        {**form_data(challenges, action="save"), "cv_upload": cv(name="../../etc/passwd.pdf")},
    )

    application = Application.objects.get(candidate=candidate)
    assert application.cv.name.startswith("candidatures/")
    assert "passwd" not in application.cv.name
    path = application.cv.path
    assert not path.startswith(str(settings.MEDIA_ROOT) + "/")
    with open(path, "rb") as handle:
        assert handle.read() == PDF_BYTES


def test_a_renamed_non_pdf_is_refused_and_every_typed_value_is_kept(
    client, candidate, cohort, challenges
):
    client.force_login(candidate)

    response = client.post(
        reverse("selection:application-create", args=[cohort.slug]),
        {**form_data(challenges), "cv_upload": cv(content=b"MZ\x90\x00 not a pdf", name="cv.pdf")},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Le CV doit être un fichier PDF" in page
    assert 'value="Camille Martin"' in page
    assert "Je veux ouvrir les données publiques." in page
    assert f'<option value="{challenges[1].pk}" selected>' in page
    assert not Application.objects.exists()


def test_a_too_large_cv_is_refused(client, candidate, cohort, challenges):
    client.force_login(candidate)
    big = PDF_BYTES + b"0" * CV_MAX_BYTES

    response = client.post(
        reverse("selection:application-create", args=[cohort.slug]),
        {**form_data(challenges), "cv_upload": cv(content=big)},
    )

    assert "5 Mo" in response.content.decode()
    assert not Application.objects.exists()


def test_the_form_shows_the_privacy_notice(client, candidate, cohort, challenges):
    client.force_login(candidate)

    page = client.get(reverse("selection:application-create", args=[cohort.slug])).content.decode()

    assert "Vos données personnelles" in page
    assert "trois mois après la décision" in page


def test_an_incomplete_submission_keeps_the_draft_and_says_what_is_missing(
    client, candidate, cohort, challenges
):
    client.force_login(candidate)

    response = client.post(
        reverse("selection:application-create", args=[cohort.slug]),
        form_data(challenges, motivation=""),
        follow=True,
    )

    application = Application.objects.get(candidate=candidate)
    assert application.status == ApplicationStatus.DRAFT
    assert application.full_name == "Camille Martin"
    page = response.content.decode()
    assert "il manque pour le déposer" in page
    assert "le CV" in page and "la motivation" in page


def test_a_late_submission_keeps_the_draft_and_says_the_call_is_closed(client, candidate):
    application = ApplicationFactory(candidate=candidate, full_name="Brouillon tardif")
    cohort = application.cohort
    cohort.candidates_call_closes = timezone.localdate() - datetime.timedelta(days=1)
    cohort.save()
    client.force_login(candidate)

    response = client.post(
        reverse("selection:application-detail", args=[application.pk]),
        {"full_name": "Autre nom", "action": "submit"},
        follow=True,
    )

    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    assert application.full_name == "Brouillon tardif"
    closed_on = cohort.candidates_call_closes
    assert f"terminé le {closed_on.day} " in response.content.decode()
    assert "votre candidature est conservée telle quelle" in response.content.decode()


def test_after_the_deadline_the_application_is_read_only(client, candidate):
    application = ApplicationFactory(candidate=candidate, submitted=True, motivation="Ma lettre.")
    application.cohort.candidates_call_closes = timezone.localdate() - datetime.timedelta(days=1)
    application.cohort.save()
    client.force_login(candidate)

    page = client.get(
        reverse("selection:application-detail", args=[application.pk])
    ).content.decode()

    assert "ne peut plus être modifiée" in page
    assert "Ma lettre." in page
    assert "<textarea" not in page


def test_a_candidate_edits_a_draft_then_submits_it(client, candidate):
    application = ApplicationFactory(candidate=candidate)
    client.force_login(candidate)
    url = reverse("selection:application-detail", args=[application.pk])

    client.post(
        url,
        {
            "full_name": "Nom corrigé",
            "profile": "designer",
            "motivation": "Nouvelle motivation.",
            "first_choice": application.first_choice_id,
            "action": "save",
        },
    )
    application.refresh_from_db()
    assert (application.full_name, application.status) == ("Nom corrigé", "draft")
    assert application.cv  # the CV already sent is kept when none is chosen

    client.post(
        url,
        {
            "full_name": "Nom corrigé",
            "profile": "designer",
            "motivation": "Nouvelle motivation.",
            "first_choice": application.first_choice_id,
            "action": "submit",
        },
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_the_same_person_cannot_submit_twice_to_one_cohort(client, candidate):
    first = ApplicationFactory(candidate=candidate, submitted=True)
    second = ApplicationFactory(
        candidate=candidate, cohort=first.cohort, first_choice=first.first_choice
    )
    client.force_login(candidate)

    response = client.post(
        reverse("selection:application-detail", args=[second.pk]),
        {
            "full_name": second.full_name,
            "profile": "designer",
            "motivation": "Encore.",
            "first_choice": second.first_choice_id,
            "action": "submit",
        },
        follow=True,
    )

    second.refresh_from_db()
    assert second.status == ApplicationStatus.DRAFT
    assert "déjà déposé une candidature pour cette promotion" in response.content.decode()


def test_the_database_refuses_two_submitted_applications_to_one_cohort(candidate):
    from django.db import IntegrityError

    first = ApplicationFactory(candidate=candidate, submitted=True)

    with pytest.raises(IntegrityError):
        ApplicationFactory(candidate=candidate, cohort=first.cohort, submitted=True)


def test_a_candidate_withdraws_an_application(client, candidate):
    application = ApplicationFactory(candidate=candidate, submitted=True)
    client.force_login(candidate)

    client.post(reverse("selection:application-withdraw", args=[application.pk]))

    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    page = client.get(reverse("selection:candidate-space")).content.decode()
    assert "Retirée" in page


def test_candidate_cannot_see_another_candidates_application_nor_cv(client, candidate):
    other = ApplicationFactory(full_name="Dominique Autre")
    client.force_login(candidate)

    assert client.get(reverse("selection:application-detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("selection:application-cv", args=[other.pk])).status_code == 404
    response = client.post(reverse("selection:application-withdraw", args=[other.pk]))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == ApplicationStatus.DRAFT


def test_candidate_downloads_own_cv(client, candidate):
    application = ApplicationFactory(candidate=candidate)
    client.force_login(candidate)

    response = client.get(reverse("selection:application-cv", args=[application.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "private" in response["Cache-Control"]


def test_candidate_space_lists_own_applications_and_open_calls(client, candidate, cohort):
    ApplicationFactory(candidate=candidate, full_name="Mon dossier")
    ApplicationFactory(full_name="Dossier d'un autre")
    client.force_login(candidate)

    page = client.get(reverse("selection:candidate-space")).content.decode()

    assert "Candidater à la promotion EIG 40" in page
    assert page.count("application-detail") == 0  # URLs, not names, are written
    assert page.count("/candidature/dossier/") == 1


def test_candidate_space_appears_in_the_header_while_a_call_is_open(client, candidate, cohort):
    client.force_login(candidate)

    page = client.get(reverse("selection:candidate-space")).content.decode()

    assert "Espace candidat" in page


def test_no_application_to_a_cohort_without_an_open_call(client, candidate, cohort):
    cohort.candidates_call_opens = timezone.localdate() + datetime.timedelta(days=1)
    cohort.save()
    client.force_login(candidate)

    response = client.get(reverse("selection:application-create", args=[cohort.slug]))

    assert response.status_code == 404


def test_challenges_of_another_cohort_cannot_be_chosen(client, candidate, cohort, challenges):
    elsewhere = ChallengeFactory(title="Défi d'une autre promotion")
    client.force_login(candidate)

    response = client.post(
        reverse("selection:application-create", args=[cohort.slug]),
        form_data(challenges, first_choice=str(elsewhere.pk), second_choice="", action="save"),
    )

    assert response.status_code == 200
    assert "Défi d'une autre promotion" not in response.content.decode()
    assert not Application.objects.exists()
