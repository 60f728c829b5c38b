"""The jury: assignments (never an agent of the proposing administration), conflicts of
interest, scores, the staff's ranking and decisions, and the publication of the challenge."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from projects import rules, selectors, services
from projects.models import Challenge, ProposalStatus, ReviewAssignment, ReviewScore
from tests.call_factories import (
    AssignmentFactory,
    MembershipFactory,
    ProposalFactory,
    ReviewRoundFactory,
    VerifiedUserFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def review_round():
    return ReviewRoundFactory(criteria=["Impact", "Faisabilité"])


@pytest.fixture
def proposal(review_round):
    return ProposalFactory(cohort=review_round.cohort, submitted=True, title="Orienter")


def scores_data(assignment, values, comment="Solide."):
    criteria = list(assignment.round.criteria.all())
    data = {f"critere_{c.pk}": str(v) for c, v in zip(criteria, values, strict=True)}
    return data | {"comment": comment}


# --- Assignment ---------------------------------------------------------------------------------


def test_agent_of_the_proposing_administration_is_never_assigned(review_round, proposal):
    agent = MembershipFactory(administration=proposal.administration).user

    with pytest.raises(services.ReviewerConflictError):
        services.review_assign(review_round=review_round, proposal=proposal, reviewer=agent)
    with pytest.raises(ValidationError) as error:
        ReviewAssignment(round=review_round, proposal=proposal, reviewer=agent).full_clean()

    assert "reviewer" in error.value.message_dict
    assert not ReviewAssignment.objects.exists()


def test_staff_cannot_assign_an_agent_of_the_proposing_administration_in_the_admin(
    client, staff_user, review_round, proposal
):
    agent = MembershipFactory(administration=proposal.administration).user
    client.force_login(staff_user)

    response = client.post(
        reverse("projects_reviewassignment:add"),
        {"round": review_round.pk, "proposal": proposal.pk, "reviewer": agent.pk},
    )

    assert response.status_code == 200
    assert "ne peut pas l" in response.content.decode()
    assert not ReviewAssignment.objects.exists()


def test_outside_reviewer_is_assigned(review_round, proposal):
    reviewer = VerifiedUserFactory()

    assignment = services.review_assign(
        review_round=review_round, proposal=proposal, reviewer=reviewer
    )

    assert list(rules.assignments_of(reviewer)) == [assignment]
    assert rules.is_reviewer(reviewer)


# --- Reviewing ----------------------------------------------------------------------------------


def test_reviewer_gets_404_on_a_review_not_assigned_to_them(client):
    mine, other = AssignmentFactory(), AssignmentFactory()
    client.force_login(mine.reviewer)

    assert client.get(reverse("projects:review", args=[mine.pk])).status_code == 200
    assert client.get(reverse("projects:review", args=[other.pk])).status_code == 404
    assert client.post(reverse("projects:review", args=[other.pk]), {}).status_code == 404
    jury_page = client.get(reverse("projects:jury-space")).content.decode()
    assert mine.proposal.title in jury_page
    assert other.proposal.title not in jury_page


def test_reviewer_scores_each_criterion_and_comments(client):
    assignment = AssignmentFactory()
    client.force_login(assignment.reviewer)

    page = client.get(reverse("projects:review", args=[assignment.pk])).content.decode()
    response = client.post(
        reverse("projects:review", args=[assignment.pk]), scores_data(assignment, [4, 2])
    )

    assert "Impact" in page and "Faisabilité" in page
    assert response["Location"] == reverse("projects:jury-space")
    assignment.refresh_from_db()
    assert assignment.comment == "Solide."
    assert assignment.scored_at is not None
    assert sorted(assignment.scores.values_list("score", flat=True)) == [2, 4]


def test_missing_score_is_reported_and_typed_values_kept(client):
    assignment = AssignmentFactory()
    client.force_login(assignment.reviewer)
    data = scores_data(assignment, [4, 2], comment="Mon commentaire")
    data[next(key for key in data if key.startswith("critere_"))] = ""

    response = client.post(reverse("projects:review", args=[assignment.pk]), data)

    assert response.status_code == 400
    assert "Champ requis." in response.content.decode()
    assert "Mon commentaire" in response.content.decode()
    assert not ReviewScore.objects.exists()


def test_conflict_of_interest_stops_the_scoring(client):
    assignment = AssignmentFactory()
    client.force_login(assignment.reviewer)
    client.post(reverse("projects:review", args=[assignment.pk]), scores_data(assignment, [5, 5]))

    client.post(
        reverse("projects:review-conflict", args=[assignment.pk]),
        {"note": "J'ai travaillé dans cette direction."},
    )
    after = client.post(
        reverse("projects:review", args=[assignment.pk]), scores_data(assignment, [1, 1])
    )

    assignment.refresh_from_db()
    assert assignment.conflict_of_interest
    assert not assignment.scores.exists()
    assert after.status_code == 302
    page = client.get(reverse("projects:review", args=[assignment.pk])).content.decode()
    assert "conflit d" in page
    assert assignment.proposal.problem not in page


def test_closed_round_cannot_be_scored(client):
    assignment = AssignmentFactory(round__is_open=False)
    client.force_login(assignment.reviewer)

    client.post(reverse("projects:review", args=[assignment.pk]), scores_data(assignment, [3, 3]))

    assert not ReviewScore.objects.exists()


# --- Ranking and decision -----------------------------------------------------------------------


def score(assignment, values):
    criteria = list(assignment.round.criteria.all())
    services.review_score(
        assignment=assignment,
        user=assignment.reviewer,
        scores={c.pk: v for c, v in zip(criteria, values, strict=True)},
        comment="",
    )


def test_ranking_orders_by_average_and_ignores_conflicted_reviewers(review_round, proposal):
    weaker = ProposalFactory(cohort=review_round.cohort, submitted=True, title="Moins bien")
    ProposalFactory(cohort=review_round.cohort, title="Brouillon jamais déposé")
    score(AssignmentFactory(round=review_round, proposal=proposal), [4, 5])
    score(AssignmentFactory(round=review_round, proposal=proposal), [2, 3])
    score(AssignmentFactory(round=review_round, proposal=weaker), [3, 2])
    conflicted = AssignmentFactory(round=review_round, proposal=weaker)
    score(conflicted, [5, 5])
    services.review_declare_conflict(assignment=conflicted, user=conflicted.reviewer, note="x")

    rows = selectors.review_round_ranking(review_round=review_round)

    assert [row.proposal.title for row in rows] == ["Orienter", "Moins bien"]
    assert rows[0].average == pytest.approx(3.5)
    assert rows[0].averages == [pytest.approx(3.0), pytest.approx(4.0)]
    assert (rows[1].average, rows[1].reviewers, rows[1].conflicts) == (2.5, 2, 1)


def test_staff_sees_the_ranking_in_the_admin(client, staff_user, review_round, proposal):
    score(AssignmentFactory(round=review_round, proposal=proposal), [4, 5])
    client.force_login(staff_user)

    response = client.get(reverse("projects_call:ranking", args=[review_round.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Orienter" in html and "4,50" in html


def test_non_staff_cannot_see_the_ranking(client, review_round):
    client.force_login(MembershipFactory().user)

    response = client.get(reverse("projects_call:ranking", args=[review_round.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_selected_proposal_becomes_an_unpublished_challenge_and_agents_are_told(
    client, staff_user, review_round, proposal, django_capture_on_commit_callbacks
):
    agent = MembershipFactory(administration=proposal.administration).user
    client.force_login(staff_user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("projects_call:decide", args=[review_round.pk, proposal.pk]),
            {"decision": "selected"},
        )

    proposal.refresh_from_db()
    challenge = proposal.challenge
    assert proposal.status == ProposalStatus.SELECTED
    assert (challenge.cohort, challenge.title, challenge.posts) == (proposal.cohort, "Orienter", 2)
    assert list(challenge.administrations.all()) == [proposal.administration]
    assert not challenge.is_published
    assert mail.outbox[0].to == [agent.email]
    assert "retenu" in mail.outbox[0].subject
    public_url = reverse(
        "projects:challenge-detail",
        kwargs={"cohort_slug": challenge.cohort.slug, "slug": challenge.slug},
    )
    assert client.get(public_url).status_code == 404

    challenge.is_published = True  # staff publish it (admin, tests/cms/)
    challenge.save()

    assert client.get(public_url).status_code == 200


def test_rejected_proposal_creates_no_challenge(proposal, django_capture_on_commit_callbacks):
    MembershipFactory(administration=proposal.administration)

    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_decide(proposal=proposal, selected=False)

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert not Challenge.objects.exists()
    assert "n'est pas retenue" in mail.outbox[0].body


def test_rejecting_a_proposal_selected_by_mistake_removes_its_unpublished_challenge(proposal):
    services.proposal_decide(proposal=proposal, selected=True)
    challenge_pk = proposal.challenge.pk

    services.proposal_decide(proposal=proposal, selected=False)

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert proposal.challenge is None
    assert not Challenge.objects.filter(pk=challenge_pk).exists()
    # Selected again, it gets a new challenge.
    services.proposal_decide(proposal=proposal, selected=True)
    assert Challenge.objects.get().proposal == proposal


def test_a_published_challenge_keeps_its_proposal_selected_and_staff_are_told_why(
    client, staff_user, review_round, proposal
):
    from tests.factories import TeamMembershipFactory

    services.proposal_decide(proposal=proposal, selected=True)
    challenge = proposal.challenge
    challenge.is_published = True
    challenge.save()
    client.force_login(staff_user)

    response = client.post(
        reverse("projects_call:decide", args=[review_round.pk, proposal.pk]),
        {"decision": "rejected"},
        follow=True,
    )

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SELECTED
    assert proposal.challenge == challenge
    assert "dépubliez-le et retirez son équipe" in response.content.decode()
    # Unpublished but with a team, it stays too.
    challenge.is_published = False
    challenge.save()
    TeamMembershipFactory(challenge=challenge)
    with pytest.raises(ValidationError):
        services.proposal_decide(proposal=proposal, selected=False)
    assert Challenge.objects.filter(pk=challenge.pk).exists()


def test_draft_cannot_be_decided(review_round):
    draft = ProposalFactory(cohort=review_round.cohort)

    with pytest.raises(ValueError):
        services.proposal_decide(proposal=draft, selected=True)


# --- Who enters the Wagtail admin ---------------------------------------------------------------


def test_only_staff_enter_the_admin_even_with_access_admin_through_a_group(client):
    group = Group.objects.create(name="Éditeurs")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    agent = UserFactory()
    agent.groups.add(group)
    client.force_login(agent)

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_staff_enter_the_admin(client, staff_user):
    client.force_login(staff_user)

    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_header_shows_the_jury_space_to_reviewers_only(client):
    assignment = AssignmentFactory()
    client.force_login(assignment.reviewer)
    assert "Espace jury" in client.get(reverse("projects:challenge-list")).content.decode()

    client.force_login(UserFactory())
    assert "Espace jury" not in client.get(reverse("projects:challenge-list")).content.decode()


def test_a_draft_cannot_be_assigned(review_round):
    draft = ProposalFactory(cohort=review_round.cohort)

    with pytest.raises(ValidationError):
        services.review_assign(
            review_round=review_round, proposal=draft, reviewer=VerifiedUserFactory()
        )


def test_staff_read_the_attachments_from_the_ranking(client, staff_user, review_round, proposal):
    from tests.call_factories import AttachmentFactory

    attachment = AttachmentFactory(proposal=proposal, name="budget.pdf")
    client.force_login(staff_user)

    html = client.get(reverse("projects_call:ranking", args=[review_round.pk])).content.decode()
    response = client.get(reverse("projects:attachment-download", args=[attachment.pk]))

    assert "budget.pdf" in html
    assert reverse("projects:attachment-download", args=[attachment.pk]) in html
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_staff_open_a_round_and_assign_in_the_admin_with_history(client, staff_user, proposal):
    from projects.models import ReviewRound

    reviewer = VerifiedUserFactory()
    client.force_login(staff_user)

    client.post(
        reverse("projects_reviewround:add"),
        {
            "cohort": proposal.cohort.pk,
            "name": "Jury d'automne",
            "instructions": "",
            "is_open": "on",
        },
    )
    review_round = ReviewRound.objects.get(name="Jury d'automne")
    client.post(
        reverse("projects_reviewassignment:add"),
        {"round": review_round.pk, "proposal": proposal.pk, "reviewer": reviewer.pk},
    )

    assignment = ReviewAssignment.objects.get(round=review_round)
    assert assignment.reviewer == reviewer
    assert review_round.history.get().history_user == staff_user
    assert assignment.history.get().history_user == staff_user
