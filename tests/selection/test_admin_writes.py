"""Every write of the selection's admin goes through selection.services, as the front office
does: the service's refusal shows on the admin page, in French, and nothing is saved."""

import pytest
from django.core import mail
from django.urls import reverse

from selection import services
from selection.models import Decision, InterviewSlot, Review, SelectionStage
from tests.admin_writes import page_text, service_calls
from tests.factories import UserFactory
from tests.selection.factories import ApplicationFactory, InterviewSlotFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def review_url(action, *args):
    return reverse(f"wagtailsnippets_selection_review:{action}", args=args)


def interview_url(action, *args):
    return reverse(f"wagtailsnippets_selection_interviewslot:{action}", args=args)


# --- Rounds of the selection -------------------------------------------------------------------


def application_url(action, *args):
    return reverse(f"wagtailsnippets_selection_application:{action}", args=args)


def test_admin_moves_an_application_through_application_stage_move(client, staff_user, monkeypatch):
    calls = service_calls(monkeypatch, services, "application_stage_move")
    application = ApplicationFactory(submitted=True)
    client.force_login(staff_user)

    response = client.post(application_url("edit", application.pk), {"stage": "interview"})

    assert response.status_code == 302
    assert calls == [{"application": application, "stage": "interview"}]
    application.refresh_from_db()
    assert application.stage == SelectionStage.INTERVIEW


def test_admin_refuses_to_move_a_withdrawn_application_and_saves_nothing(client, staff_user):
    application = ApplicationFactory(submitted=True)
    services.application_withdraw(application=application)
    client.force_login(staff_user)

    response = client.post(application_url("edit", application.pk), {"stage": "interview"})

    assert response.status_code == 200
    assert "Seule une candidature déposée change d'étape de sélection." in page_text(response)
    application.refresh_from_db()
    assert application.stage == SelectionStage.FIRST_REVIEW


# --- Reviewers ----------------------------------------------------------------------------------


def test_admin_assigns_a_reviewer_through_review_assign(client, staff_user, monkeypatch):
    calls = service_calls(monkeypatch, services, "review_assign")
    application = ApplicationFactory(submitted=True)
    reviewer = UserFactory(staff=True)
    client.force_login(staff_user)

    response = client.post(
        review_url("add"),
        {"application": application.pk, "reviewer": reviewer.pk, "stage": "first_review"},
    )

    assert response.status_code == 302
    assert calls == [{"application": application, "reviewer": reviewer, "stage": "first_review"}]
    review = Review.objects.get()
    assert (review.application, review.reviewer) == (application, reviewer)
    assert review.history.get().history_user == staff_user


def test_admin_refuses_to_assign_a_reviewer_to_a_draft_application(client, staff_user):
    draft = ApplicationFactory()
    client.force_login(staff_user)

    response = client.post(
        review_url("add"),
        {"application": draft.pk, "reviewer": staff_user.pk, "stage": "first_review"},
    )

    assert response.status_code == 200
    assert "Seule une candidature déposée peut être évaluée." in page_text(response)
    assert not Review.objects.exists()


def test_admin_refuses_to_hand_a_review_over_to_someone_not_allowed_to_evaluate(client, staff_user):
    review = ReviewFactory(reviewer=UserFactory(staff=True))
    first_reviewer = review.reviewer
    outsider = UserFactory(username="au-hasard")
    client.force_login(staff_user)

    response = client.post(
        review_url("edit", review.pk),
        {"application": review.application.pk, "reviewer": outsider.pk, "stage": review.stage},
    )

    assert response.status_code == 200
    assert "Seuls l'équipe du programme et les mentors des défis choisis" in page_text(response)
    review.refresh_from_db()
    assert review.reviewer == first_reviewer
    assert review.history.count() == 1


def test_admin_hands_a_review_over_to_another_staff_member(client, staff_user):
    review = ReviewFactory(reviewer=UserFactory(staff=True))
    colleague = UserFactory(staff=True, username="collegue")
    client.force_login(staff_user)

    response = client.post(
        review_url("edit", review.pk),
        {"application": review.application.pk, "reviewer": colleague.pk, "stage": review.stage},
    )

    assert response.status_code == 302
    review.refresh_from_db()
    assert review.reviewer == colleague


# --- Interviews ---------------------------------------------------------------------------------


def test_admin_records_an_interview_through_interview_record_with_its_length(
    client, staff_user, monkeypatch
):
    calls = service_calls(monkeypatch, services, "interview_record")
    application = ApplicationFactory(submitted=True)
    client.force_login(staff_user)

    response = client.post(
        interview_url("add"),
        {
            "application": application.pk,
            "starts_at": "2026-12-01 10:00",
            "duration_minutes": "60",
            "place": "Salle 4, Paris",
            "interviewers": [staff_user.pk],
            "notes": "",
        },
    )

    assert response.status_code == 302
    assert [call["application"] for call in calls] == [application]
    slot = InterviewSlot.objects.get()
    assert (slot.duration_minutes, slot.place) == (60, "Salle 4, Paris")
    assert list(slot.interviewers.all()) == [staff_user]
    application.refresh_from_db()
    assert application.stage == SelectionStage.INTERVIEW


def test_admin_changes_an_interview_through_interview_update(client, staff_user, monkeypatch):
    calls = service_calls(monkeypatch, services, "interview_update")
    slot = InterviewSlotFactory()
    client.force_login(staff_user)

    response = client.post(
        interview_url("edit", slot.pk),
        {
            "application": slot.application.pk,
            "starts_at": "2026-12-02 14:30",
            "duration_minutes": "30",
            "place": "Visioconférence",
            "notes": "Décalé à la demande du candidat.",
        },
    )

    assert response.status_code == 302
    assert [call["slot"] for call in calls] == [slot]
    slot.refresh_from_db()
    assert (slot.duration_minutes, slot.place) == (30, "Visioconférence")


def test_admin_refuses_an_interview_without_a_date_and_saves_nothing(client, staff_user):
    application = ApplicationFactory(submitted=True)
    client.force_login(staff_user)

    response = client.post(
        interview_url("add"),
        {"application": application.pk, "starts_at": "", "duration_minutes": "45"},
    )

    assert response.status_code == 200
    assert "Champ requis." in page_text(response)
    assert not InterviewSlot.objects.exists()
    application.refresh_from_db()
    assert application.stage != SelectionStage.INTERVIEW


# --- Decisions ----------------------------------------------------------------------------------


def test_admin_decision_refused_by_application_decide_is_shown_and_nothing_is_saved(
    client, staff_user, monkeypatch
):
    calls = service_calls(monkeypatch, services, "application_decide")
    application = ApplicationFactory(submitted=True)
    client.force_login(staff_user)

    response = client.post(
        reverse("selection_admin:decision", args=[application.pk]),
        {"decision": "rejected", "reason": "  "},
    )

    assert response.status_code == 200
    assert len(calls) == 1
    assert "Donnez le motif du refus." in page_text(response)
    application.refresh_from_db()
    assert (application.decision, application.decided_at) == (Decision.PENDING, None)
    assert not mail.outbox


def test_admin_decision_accepted_by_application_decide(
    client, staff_user, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(submitted=True)
    client.force_login(staff_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("selection_admin:decision", args=[application.pk]),
            {"decision": "rejected", "reason": "Profil trop éloigné des défis."},
        )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.decision == Decision.REJECTED
    assert application.stage == SelectionStage.FINAL
