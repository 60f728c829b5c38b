"""A challenge and its status are written by one service, challenge_upsert, whether it comes
from the selection of a proposal, the import of the former site or the demo activity."""

import pytest

from projects import services
from projects.models import ChallengeStatus
from tests.call_factories import ProposalFactory

pytestmark = pytest.mark.django_db


def test_a_selected_proposal_becomes_a_selected_unpublished_challenge_with_its_posts():
    proposal = ProposalFactory(title="Trier les demandes", posts=3, town="Lyon", submitted=True)

    services.proposal_decide(proposal=proposal, selected=True)

    challenge = proposal.challenge
    assert challenge.status == ChallengeStatus.SELECTED
    assert challenge.is_published is False
    assert (challenge.slug, challenge.posts, challenge.town) == ("trier-les-demandes", 3, "Lyon")
    assert challenge.duration_months == 10
    assert list(challenge.administrations.all()) == [proposal.administration]
    assert challenge.summary == proposal.goal


def test_a_later_import_of_the_same_challenge_keeps_the_posts_the_proposal_gave():
    proposal = ProposalFactory(title="Trier les demandes", posts=3, submitted=True)
    services.proposal_decide(proposal=proposal, selected=True)
    challenge = proposal.challenge

    again, outcome = services.challenge_upsert(
        cohort=challenge.cohort,
        slug=challenge.slug,
        title=challenge.title,
        summary=None,
        body=None,
        town=None,
        duration_months=10,
        status=ChallengeStatus.IN_PROGRESS,
        is_published=True,
        administrations=[proposal.administration],
        skills=[],
    )

    again.refresh_from_db()
    assert outcome == "updated"
    assert (again.pk, again.status, again.posts) == (challenge.pk, ChallengeStatus.IN_PROGRESS, 3)
