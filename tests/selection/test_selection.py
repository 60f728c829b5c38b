"""Selection: reviewers see only what is assigned to them, declare conflicts, score; staff
assign, record interviews and decide; a selected candidate becomes a fellow of the challenge."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse

from cohorts.models import Fellowship
from projects.models import TeamMembership, TeamRole
from selection.models import Decision, Review, SelectionStage
from selection.services import (
    ApplicationError,
    application_decide,
    interview_record,
    review_assign,
    review_conflict_lift,
    review_declare_conflict,
)
from tests.factories import PersonFactory, TeamMembershipFactory, UserFactory
from tests.selection.factories import (
    ApplicationFactory,
    EqualityStatisticsFactory,
    ReviewFactory,
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def reviewer(db):
    return UserFactory(username="jury", email="jury@example.fr")


def test_reviewer_sees_only_the_applications_assigned_to_them(client, reviewer):
    mine = ReviewFactory(reviewer=reviewer, application__full_name="Alice Assignée")
    other = ReviewFactory(application__full_name="Bruno Ailleurs")
    client.force_login(reviewer)

    page = client.get(reverse("selection:reviewer-space")).content.decode()

    assert "Alice Assignée" in page
    assert "Bruno Ailleurs" not in page
    assert client.get(reverse("selection:review-detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("selection:review-detail", args=[other.pk])).status_code == 404


def test_reviewer_gets_404_on_the_cv_of_an_application_not_assigned_to_them(client, reviewer):
    mine = ReviewFactory(reviewer=reviewer, has_conflict=False)
    other = ApplicationFactory(submitted=True)
    client.force_login(reviewer)

    response = client.get(reverse("selection:application-cv", args=[mine.application.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get(reverse("selection:application-cv", args=[other.pk])).status_code == 404
    # Nor the candidate's own pages.
    response = client.get(reverse("selection:application-detail", args=[mine.application.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("declared", [None, True], ids=["undeclared", "conflicted"])
def test_reviewer_without_a_no_conflict_declaration_gets_403_on_the_cv(client, reviewer, declared):
    review = ReviewFactory(reviewer=reviewer, has_conflict=declared)
    client.force_login(reviewer)

    url = reverse("selection:application-cv", args=[review.application.pk])
    assert client.get(url).status_code == 403

    review.has_conflict = None
    review.save()
    if declared is None:
        client.post(
            reverse("selection:review-detail", args=[review.pk]),
            {"action": "conflict", "has_conflict": "no", "conflict_note": ""},
        )
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_declared_conflict_is_final_for_the_reviewer(client, reviewer):
    review = ReviewFactory(reviewer=reviewer, has_conflict=True, conflict_note="Ancien collègue")
    client.force_login(reviewer)

    response = client.post(
        reverse("selection:review-detail", args=[review.pk]),
        {"action": "conflict", "has_conflict": "no", "conflict_note": ""},
        follow=True,
    )

    review.refresh_from_db()
    assert review.has_conflict is True
    assert "cette déclaration est définitive" in response.content.decode()
    url = reverse("selection:application-cv", args=[review.application.pk])
    assert client.get(url).status_code == 403
    with pytest.raises(ApplicationError):
        review_declare_conflict(review=review, has_conflict=False)


def test_staff_lifting_a_conflict_leaves_a_history_entry(reviewer):
    staff = UserFactory(is_staff=True)
    review = ReviewFactory(reviewer=reviewer, has_conflict=True)

    review_conflict_lift(review=review, user=staff, reason="Déclaré par erreur")

    review.refresh_from_db()
    assert review.has_conflict is None  # the reviewer declares again
    latest = review.history.latest()
    assert latest.history_change_reason == "Déclaré par erreur"
    assert latest.history_user == staff
    with pytest.raises(ApplicationError):
        review_conflict_lift(review=review, user=staff, reason="Encore")


def test_reviewer_must_declare_no_conflict_before_reading_and_scoring(client, reviewer):
    review = ReviewFactory(reviewer=reviewer, application__motivation="Ma motivation secrète.")
    url = reverse("selection:review-detail", args=[review.pk])
    client.force_login(reviewer)

    assert "Ma motivation secrète." not in client.get(url).content.decode()
    client.post(
        url,
        {
            "action": "score",
            "score_skills": "4",
            "score_motivation": "5",
            "score_fit": "3",
            "comment": "Bien.",
        },
    )
    review.refresh_from_db()
    assert review.score_skills is None

    client.post(url, {"action": "conflict", "has_conflict": "no"})
    assert "Ma motivation secrète." in client.get(url).content.decode()
    client.post(
        url,
        {
            "action": "score",
            "score_skills": "4",
            "score_motivation": "5",
            "score_fit": "3",
            "comment": "Très solide.",
        },
    )

    review.refresh_from_db()
    assert (review.has_conflict, review.total, review.comment) == (False, 12, "Très solide.")


def test_a_declared_conflict_hides_the_application_and_clears_scores(client, reviewer):
    review = ReviewFactory(
        reviewer=reviewer,
        has_conflict=False,
        score_skills=3,
        score_motivation=3,
        score_fit=3,
        application__motivation="Texte du candidat.",
    )
    url = reverse("selection:review-detail", args=[review.pk])
    client.force_login(reviewer)

    client.post(
        url, {"action": "conflict", "has_conflict": "yes", "conflict_note": "Ancien collègue"}
    )

    review.refresh_from_db()
    assert review.has_conflict is True and review.total is None
    assert "Texte du candidat." not in client.get(url).content.decode()


def test_equality_statistics_never_appear_in_a_reviewers_page_or_export(client, reviewer):
    review = ReviewFactory(reviewer=reviewer, has_conflict=False)
    EqualityStatisticsFactory(application=review.application, gender="woman", age_band="25_34")
    client.force_login(reviewer)

    pages = [
        client.get(reverse("selection:reviewer-space")).content.decode(),
        client.get(reverse("selection:review-detail", args=[review.pk])).content.decode(),
        client.get(reverse("selection:reviewer-export")).content.decode(),
    ]

    for page in pages:
        assert review.application.full_name in page
        for secret in ("Femme", "woman", "25 à 34", "25_34", "Genre", "genre", "âge"):
            assert secret not in page


def test_reviewer_export_lists_only_assigned_applications(client, reviewer):
    review = ReviewFactory(reviewer=reviewer, has_conflict=False, application__full_name="Zoé Vue")
    ReviewFactory(application__full_name="Yann Caché")
    client.force_login(reviewer)

    response = client.get(reverse("selection:reviewer-export"))

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert [row[1] for row in rows[1:]] == ["Zoé Vue"]
    assert rows[1][3] == review.application.first_choice.title


def test_mentor_of_a_chosen_challenge_may_review_but_not_another_user(db):
    application = ApplicationFactory(submitted=True)
    mentor_user = UserFactory(username="mentor")
    TeamMembershipFactory(
        challenge=application.first_choice,
        person=PersonFactory(user=mentor_user),
        role=TeamRole.MENTOR,
    )

    review = review_assign(
        application=application, reviewer=mentor_user, stage=SelectionStage.FIRST_REVIEW
    )

    assert review.reviewer == mentor_user
    with pytest.raises(ApplicationError):
        review_assign(
            application=application,
            reviewer=UserFactory(username="quelconque"),
            stage=SelectionStage.FIRST_REVIEW,
        )
    staff = UserFactory(username="equipe-selection", staff=True, totp=False)
    assert review_assign(application=application, reviewer=staff, stage="interview").pk


def test_interview_slot_moves_the_application_to_the_interviews_round(db):
    application = ApplicationFactory(submitted=True)
    from django.utils import timezone

    slot = interview_record(application=application, starts_at=timezone.now(), place="Paris")

    application.refresh_from_db()
    assert application.stage == SelectionStage.INTERVIEW
    assert slot.application == application


def test_selected_candidate_becomes_a_fellow_on_the_challenge(
    db, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(
        submitted=True, full_name="Inès Retenue", public_consent_if_selected=True
    )

    with django_capture_on_commit_callbacks(execute=True):
        application_decide(application=application, decision=Decision.SELECTED)

    fellowship = Fellowship.objects.get(cohort=application.cohort)
    assert fellowship.person.user == application.candidate
    assert fellowship.person.public_consent is True
    assert fellowship.profile == application.profile
    assert TeamMembership.objects.filter(
        challenge=application.first_choice, person=fellowship.person, role=TeamRole.FELLOW
    ).exists()
    assert "retenu" in mail.outbox[0].subject


def test_the_fellow_appears_on_the_public_challenge_page(client, db):
    application = ApplicationFactory(
        submitted=True, full_name="Inès Retenue", public_consent_if_selected=True
    )
    application_decide(application=application, decision=Decision.SELECTED)
    challenge = application.first_choice

    page = client.get(
        reverse(
            "projects:challenge-detail",
            kwargs={"cohort_slug": challenge.cohort.slug, "slug": challenge.slug},
        )
    ).content.decode()

    assert "Inès Retenue" in page


def test_rejection_needs_a_reason_and_is_told_by_email(db, django_capture_on_commit_callbacks):
    application = ApplicationFactory(submitted=True)

    with pytest.raises(ApplicationError):
        application_decide(application=application, decision=Decision.REJECTED, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        application_decide(
            application=application, decision=Decision.REJECTED, reason="Profil trop éloigné."
        )

    application.refresh_from_db()
    assert application.decision == Decision.REJECTED and application.decided_at
    assert "Profil trop éloigné." in mail.outbox[0].body
    assert not Fellowship.objects.exists()


def test_staff_decides_from_the_admin(client, staff_user, django_capture_on_commit_callbacks):
    application = ApplicationFactory(submitted=True, full_name="Léa Attente")
    client.force_login(staff_user)
    url = reverse("selection_admin:decision", args=[application.pk])

    assert "Léa Attente" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "waiting_list", "reason": ""})

    application.refresh_from_db()
    assert application.decision == Decision.WAITING_LIST
    assert "liste d'attente" in mail.outbox[0].subject


def test_non_staff_cannot_reach_the_decision_page(client, reviewer):
    review = ReviewFactory(reviewer=reviewer)
    client.force_login(reviewer)

    response = client.get(reverse("selection_admin:decision", args=[review.application.pk]))

    assert response.status_code == 302
    review.application.refresh_from_db()
    assert review.application.decision == Decision.PENDING


def test_admin_assignment_refuses_a_reviewer_who_is_neither_staff_nor_mentor(client, staff_user):
    from selection.viewsets import ReviewViewSet

    application = ApplicationFactory(submitted=True)
    outsider = UserFactory(username="au-hasard")
    client.force_login(staff_user)
    add_url = reverse(ReviewViewSet().get_url_name("add"))

    response = client.post(
        add_url, {"application": application.pk, "reviewer": outsider.pk, "stage": "first_review"}
    )

    assert response.status_code == 200
    assert "mentors des défis choisis" in response.content.decode()
    assert not Review.objects.exists()


def test_staff_statistics_page_shows_tables_and_charts(client, staff_user):
    first = ApplicationFactory(submitted=True, profile="designer")
    first.first_choice.posts = 2
    first.first_choice.save()
    EqualityStatisticsFactory(application=first, gender="woman")
    second = ApplicationFactory(
        submitted=True, cohort=first.cohort, first_choice=first.first_choice, profile="designer"
    )
    EqualityStatisticsFactory(application=second, gender="man")
    ApplicationFactory(cohort=first.cohort, first_choice=first.first_choice)  # a draft: not counted
    application_decide(application=first, decision=Decision.SELECTED)
    client.force_login(staff_user)

    page = client.get(
        reverse("selection_admin:statistics") + f"?cohort={first.cohort.pk}"
    ).content.decode()

    assert "Candidatures par poste ouvert" in page
    assert "<td>2</td><td>2</td><td>1,0</td>" in page  # 2 applications, 2 posts, 1.0 per post
    assert "<td>Femme</td><td>1</td><td>50 %</td>" in page
    assert "<td>Devenues EIG de la promotion</td><td>1</td>" in page
    assert page.count("<svg") >= 4


def test_staff_move_an_application_to_the_next_round_in_the_admin_with_history(client, staff_user):
    from selection.viewsets import ApplicationViewSet, InterviewSlotViewSet, ReviewViewSet

    review = ReviewFactory(application__full_name="Hugo Étape")
    application = review.application
    EqualityStatisticsFactory(application=application, gender="woman")
    client.force_login(staff_user)
    viewsets = [ApplicationViewSet(), ReviewViewSet(), InterviewSlotViewSet()]

    for viewset in viewsets:
        assert client.get(reverse(viewset.get_url_name("list"))).status_code == 200
    for name in ("edit", "inspect", "history", "changes"):
        url = reverse(viewsets[0].get_url_name(name), args=[application.pk])
        page = client.get(url).content.decode()
        assert "Hugo Étape" in page, name
        assert "Femme" not in page, name
    response = client.post(
        reverse(viewsets[0].get_url_name("edit"), args=[application.pk]), {"stage": "interview"}
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == SelectionStage.INTERVIEW
    assert application.full_name == "Hugo Étape"
    assert application.history.first().history_user == staff_user
    # Applications are written by candidates: staff cannot create one in the admin.
    assert client.get(reverse(viewsets[0].get_url_name("add"))).status_code != 200


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up what is cached once per process (site, settings)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_pages_query_count_does_not_grow_with_the_data(client, reviewer):
    few_reviewer, few_candidate = UserFactory(username="jury-peu"), UserFactory(username="peu")
    ReviewFactory(reviewer=few_reviewer, application__candidate=few_candidate)
    many_candidate = UserFactory(username="beaucoup")
    for _index in range(4):
        review = ReviewFactory(reviewer=reviewer, has_conflict=False)
        ApplicationFactory(
            candidate=many_candidate, cohort=review.application.cohort, status="withdrawn"
        )
    pages = ["selection:reviewer-space", "selection:reviewer-export", "selection:candidate-space"]
    users = {
        "few": (few_reviewer, few_reviewer, few_candidate),
        "many": (reviewer, reviewer, many_candidate),
    }
    client.force_login(few_reviewer)
    _queries(client, reverse(pages[0]))  # what the site's frame caches once

    counts = {}
    for size in ("few", "many"):
        for name, user in zip(pages, users[size], strict=True):
            client.force_login(user)
            counts[(size, name)] = _queries(client, reverse(name))

    for name in pages:
        assert counts[("many", name)] == counts[("few", name)], name


def test_a_selected_candidate_cannot_be_rejected_afterwards(db):
    application = ApplicationFactory(submitted=True)
    application_decide(application=application, decision=Decision.SELECTED)

    with pytest.raises(ApplicationError):
        application_decide(application=application, decision=Decision.REJECTED, reason="Non.")


def test_staff_record_an_interview_in_the_admin_and_the_application_moves_on(client, staff_user):
    from selection.viewsets import InterviewSlotViewSet

    application = ApplicationFactory(submitted=True)
    client.force_login(staff_user)

    response = client.post(
        reverse(InterviewSlotViewSet().get_url_name("add")),
        {
            "application": application.pk,
            "starts_at": "2026-12-01 10:00",
            "duration_minutes": "45",
            "place": "Salle 4, Paris",
            "notes": "",
        },
    )

    assert response.status_code == 302
    slot = application.interviews.get()
    assert slot.place == "Salle 4, Paris"
    application.refresh_from_db()
    assert application.stage == SelectionStage.INTERVIEW
