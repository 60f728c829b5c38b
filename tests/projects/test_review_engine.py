"""Both calls obey the same review rules (core.reviews): a conflicted reviewer scores neither
a proposal nor an application, only a submitted subject is reviewed, a score outside 0–5 is
refused in French, and each call's ranking leaves out conflicted and unscored reviews."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.reviews import ReviewRefused
from projects import rules as project_rules
from projects import selectors as project_selectors
from projects import services as project_services
from projects.models import ReviewScore
from selection import selectors as selection_selectors
from selection import services as selection_services
from selection.models import Review, SelectionStage
from selection.services import ApplicationError
from tests.call_factories import AssignmentFactory, ProposalFactory, ReviewRoundFactory
from tests.factories import UserFactory
from tests.selection.factories import ApplicationFactory, ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def proposal_scores(assignment, values):
    criteria = list(assignment.round.criteria.all())
    return {c.pk: v for c, v in zip(criteria, values, strict=True)}


def score_proposal(assignment, values):
    project_services.review_score(
        assignment=assignment,
        user=assignment.reviewer,
        scores=proposal_scores(assignment, values),
        comment="",
    )


def score_application(review, skills, motivation, fit):
    selection_services.review_score(review=review, skills=skills, motivation=motivation, fit=fit)


def test_a_conflicted_reviewer_scores_neither_a_proposal_nor_an_application():
    assignment = AssignmentFactory()
    review = ReviewFactory(has_conflict=False)
    project_services.review_declare_conflict(
        assignment=assignment, user=assignment.reviewer, note="Ancien poste"
    )
    selection_services.review_declare_conflict(review=review, has_conflict=True, note="Ami")

    with pytest.raises(PermissionDenied):
        score_proposal(assignment, [4, 4])
    with pytest.raises(ApplicationError) as error:
        score_application(review, 4, 4, 4)

    assert not project_rules.can_score(assignment.reviewer, assignment)
    assert "conflit d'intérêts" in error.value.messages[0]
    assert not ReviewScore.objects.exists()
    review.refresh_from_db()
    assert review.total is None


def test_declaring_a_conflict_drops_the_scores_already_given_in_both_calls():
    assignment = AssignmentFactory()
    review = ReviewFactory(has_conflict=False)
    score_proposal(assignment, [5, 5])
    score_application(review, 5, 5, 5)

    project_services.review_declare_conflict(
        assignment=assignment, user=assignment.reviewer, note="x"
    )
    selection_services.review_declare_conflict(review=review, has_conflict=True)

    assignment.refresh_from_db()
    review.refresh_from_db()
    assert (assignment.scored_at, assignment.scores.count()) == (None, 0)
    assert (review.reviewed_at, review.total) == (None, None)


def test_a_score_out_of_range_is_refused_in_french_by_both_calls():
    assignment = AssignmentFactory()
    review = ReviewFactory(has_conflict=False)

    with pytest.raises(ReviewRefused) as proposal_error:
        score_proposal(assignment, [6, 2])
    with pytest.raises(ApplicationError) as application_error:
        score_application(review, 6, 2, 2)

    assert proposal_error.value.messages == ["Chaque note va de 0 à 5."]
    assert application_error.value.messages == ["Chaque note va de 0 à 5."]
    assert not ReviewScore.objects.exists()
    assert Review.objects.get(pk=review.pk).score_skills is None


def test_only_the_assigned_reviewer_scores_a_proposal():
    assignment = AssignmentFactory()

    with pytest.raises(PermissionDenied):
        project_services.review_score(
            assignment=assignment,
            user=UserFactory(),
            scores=proposal_scores(assignment, [3, 3]),
            comment="",
        )
    with pytest.raises(PermissionDenied):
        project_services.review_declare_conflict(
            assignment=assignment, user=UserFactory(), note="x"
        )


def test_only_a_submitted_subject_is_assigned_in_both_calls():
    review_round = ReviewRoundFactory()
    draft_proposal = ProposalFactory(cohort=review_round.cohort)
    draft_application = ApplicationFactory()
    staff = UserFactory(staff=True, totp=False)

    with pytest.raises(ValidationError) as proposal_error:
        project_services.review_assign(
            review_round=review_round, proposal=draft_proposal, reviewer=UserFactory()
        )
    with pytest.raises(ApplicationError) as application_error:
        selection_services.review_assign(
            application=draft_application, reviewer=staff, stage=SelectionStage.FIRST_REVIEW
        )

    assert "déposée" in proposal_error.value.message_dict["proposal"][0]
    assert "déposée" in application_error.value.messages[0]


def test_each_calls_ranking_leaves_out_conflicted_and_unscored_reviews():
    review_round = ReviewRoundFactory(criteria=["Impact", "Faisabilité"])
    strong = ProposalFactory(cohort=review_round.cohort, submitted=True, title="Fort")
    weak = ProposalFactory(cohort=review_round.cohort, submitted=True, title="Faible")
    score_proposal(AssignmentFactory(round=review_round, proposal=strong), [4, 4])
    AssignmentFactory(round=review_round, proposal=strong)  # not scored yet
    score_proposal(AssignmentFactory(round=review_round, proposal=weak), [2, 2])
    conflicted = AssignmentFactory(round=review_round, proposal=weak)
    score_proposal(conflicted, [5, 5])
    project_services.review_declare_conflict(
        assignment=conflicted, user=conflicted.reviewer, note="x"
    )

    first = ApplicationFactory(submitted=True, full_name="Anne Première")
    second = ApplicationFactory(submitted=True, full_name="Basile Second", cohort=first.cohort)
    score_application(ReviewFactory(application=first, has_conflict=False), 3, 3, 3)
    ReviewFactory(application=first, has_conflict=False)  # not scored yet
    ReviewFactory(application=first)  # not declared yet
    score_application(ReviewFactory(application=second, has_conflict=False), 4, 4, 4)
    late = ReviewFactory(application=second, has_conflict=False)
    score_application(late, 0, 0, 0)
    selection_services.review_declare_conflict(review=late, has_conflict=True)

    proposals = project_selectors.review_round_ranking(review_round=review_round)
    applications = selection_selectors.application_ranking(cohort=first.cohort)

    assert [(row.proposal.title, row.average, row.scored) for row in proposals] == [
        ("Fort", 4.0, 1),
        ("Faible", 2.0, 1),
    ]
    assert [(row.reviewers, row.conflicts) for row in proposals] == [(2, 0), (2, 1)]
    assert [(row.subject.full_name, row.total, row.scored) for row in applications] == [
        ("Basile Second", 12.0, 1),
        ("Anne Première", 9.0, 1),
    ]
    assert [(row.reviewers, row.conflicts) for row in applications] == [(2, 1), (3, 0)]
