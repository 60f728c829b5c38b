"""The administrations' space: agents propose, save drafts, submit; rules by administration."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from projects import rules
from projects.models import AdministrationMembership, ChallengeProposal, ProposalStatus
from tests.call_factories import (
    InvitationFactory,
    MembershipFactory,
    OpenCallCohortFactory,
    ProposalFactory,
    VerifiedUserFactory,
    closed_call_dates,
)
from tests.factories import AdministrationFactory, ChallengeFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

FULL_PROPOSAL = {
    "title": "Mieux orienter les usagers",
    "problem": "Les usagers se perdent entre les guichets.",
    "goal": "Un outil d'orientation.",
    "data_available": "Les demandes des trois dernières années.",
    "profiles": ["developer", "designer"],
    "posts": "2",
    "sponsor": "Claire Dupont, directrice",
    "mentors": "Paul Martin",
    "cofunding": "40 000 €",
    "town": "Lyon",
}


@pytest.fixture
def owner():
    return MembershipFactory(administration__name="Direction des usagers")


@pytest.fixture
def colleague(owner):
    return MembershipFactory(administration=owner.administration)


@pytest.fixture
def outsider_agent():
    return MembershipFactory(administration__name="Autre direction")


def test_agent_sees_only_own_administrations_proposals(owner, outsider_agent):
    mine = ProposalFactory(administration=owner.administration)
    ProposalFactory(administration=outsider_agent.administration)

    assert list(rules.proposals_visible_to(owner.user)) == [mine]
    assert list(rules.administrations_of(owner.user)) == [owner.administration]


def test_agent_creates_a_draft_with_only_own_administrations_offered(client, owner):
    AdministrationFactory(name="Administration voisine")
    cohort = OpenCallCohortFactory()
    client.force_login(owner.user)

    page = client.get(reverse("projects:proposal-new"))
    response = client.post(
        reverse("projects:proposal-new"),
        {"administration": owner.administration.pk, "cohort": cohort.pk, "title": "Brouillon"},
    )

    assert "Administration voisine" not in page.content.decode()
    assert "Direction des usagers" in page.content.decode()
    proposal = ChallengeProposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:proposal-edit", args=[proposal.pk])
    assert (proposal.status, proposal.administration, proposal.created_by) == (
        ProposalStatus.DRAFT,
        owner.administration,
        owner.user,
    )


def test_agent_cannot_create_for_another_administration(client, owner, outsider_agent):
    cohort = OpenCallCohortFactory()
    client.force_login(owner.user)

    response = client.post(
        reverse("projects:proposal-new"),
        {"administration": outsider_agent.administration.pk, "cohort": cohort.pk, "title": "X"},
    )

    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not ChallengeProposal.objects.exists()


def test_validation_errors_keep_every_typed_value(client, owner):
    proposal = ProposalFactory(administration=owner.administration, title="Avant")
    client.force_login(owner.user)
    typed = FULL_PROPOSAL | {"posts": "12", "title": "Titre tapé"}

    response = client.post(reverse("projects:proposal-edit", args=[proposal.pk]), typed)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Assurez-vous que cette valeur est inférieure ou égale à 4" in html
    assert 'value="Titre tapé"' in html
    assert "Les usagers se perdent entre les guichets." in html
    assert 'value="12"' in html
    assert re.search(r'value="designer"[^>]*checked', html)
    proposal.refresh_from_db()
    assert proposal.title == "Avant"


def test_agent_saves_then_submits_and_agents_are_emailed(
    client, owner, colleague, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory(
        administration=owner.administration, title="Brouillon", problem="", posts=None
    )
    client.force_login(owner.user)
    url = reverse("projects:proposal-edit", args=[proposal.pk])

    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(url, FULL_PROPOSAL | {"action": "save"})
    proposal.refresh_from_db()
    assert saved.status_code == 302
    assert (proposal.title, proposal.posts, proposal.status) == (
        "Mieux orienter les usagers",
        2,
        ProposalStatus.DRAFT,
    )
    assert not mail.outbox

    with django_capture_on_commit_callbacks(execute=True):
        submitted = client.post(url, FULL_PROPOSAL | {"action": "submit"})

    proposal.refresh_from_db()
    assert submitted["Location"] == reverse("projects:proposal-detail", args=[proposal.pk])
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.submitted_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted([owner.user.email, colleague.user.email])
    assert "déposée" in message.subject
    assert "Mieux orienter les usagers" in message.body
    # Once submitted, the proposal is read-only.
    assert client.get(url)["Location"] == reverse("projects:proposal-detail", args=[proposal.pk])


def test_incomplete_submission_is_saved_as_draft_with_the_missing_fields_flagged(client, owner):
    proposal = ProposalFactory(administration=owner.administration)
    client.force_login(owner.user)

    response = client.post(
        reverse("projects:proposal-edit", args=[proposal.pk]),
        FULL_PROPOSAL | {"sponsor": "", "action": "submit"},
    )

    assert response.status_code == 200
    assert "Ce champ est requis pour déposer la proposition." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT
    assert proposal.title == FULL_PROPOSAL["title"]


def test_submission_after_the_deadline_is_refused_and_the_draft_kept(client, owner):
    proposal = ProposalFactory(administration=owner.administration, title="Version enregistrée")
    closes = proposal.cohort.challenges_call_closes
    client.force_login(owner.user)

    with time_machine.travel(
        timezone.make_aware(datetime.datetime.combine(closes, datetime.time(12)))
        + datetime.timedelta(days=1),
        tick=False,
    ):
        response = client.post(
            reverse("projects:proposal-edit", args=[proposal.pk]),
            FULL_PROPOSAL | {"title": "Version tapée trop tard", "action": "submit"},
        )

    html = response.content.decode()
    assert response.status_code == 409
    assert "est clos depuis le" in html
    assert "Votre brouillon est conservé" in html
    assert 'value="Version tapée trop tard"' in html
    proposal.refresh_from_db()
    assert (proposal.status, proposal.title) == (ProposalStatus.DRAFT, "Version enregistrée")


def test_after_the_deadline_the_proposal_is_read_only(client, owner):
    proposal = ProposalFactory(
        administration=owner.administration, cohort=OpenCallCohortFactory(**closed_call_dates())
    )
    client.force_login(owner.user)

    edit = client.get(reverse("projects:proposal-edit", args=[proposal.pk]))
    detail = client.get(reverse("projects:proposal-detail", args=[proposal.pk]))

    assert edit["Location"] == reverse("projects:proposal-detail", args=[proposal.pk])
    assert "ne peut plus être modifiée ni déposée" in detail.content.decode()
    assert reverse("projects:proposal-edit", args=[proposal.pk]) not in detail.content.decode()


@pytest.mark.parametrize("name", ["proposal-detail", "proposal-edit"])
def test_agent_cannot_see_other_administrations_proposal(client, owner, outsider_agent, name):
    other = ProposalFactory(administration=outsider_agent.administration)
    client.force_login(owner.user)

    assert client.get(reverse(f"projects:{name}", args=[other.pk])).status_code == 404


def test_agent_cannot_change_other_administrations_proposal(client, owner, outsider_agent):
    other = ProposalFactory(administration=outsider_agent.administration, title="Intact")
    client.force_login(owner.user)

    response = client.post(
        reverse("projects:proposal-edit", args=[other.pk]), FULL_PROPOSAL | {"action": "submit"}
    )

    assert response.status_code == 404
    other.refresh_from_db()
    assert (other.title, other.status) == ("Intact", ProposalStatus.DRAFT)


def test_space_lists_status_and_fellows_of_own_challenges(client, owner, outsider_agent):
    ProposalFactory(administration=owner.administration, title="Ma proposition", submitted=True)
    ProposalFactory(administration=outsider_agent.administration, title="Pas la mienne")
    challenge = ChallengeFactory(title="Mon défi", administrations=[owner.administration])
    from tests.factories import TeamMembershipFactory

    TeamMembershipFactory(challenge=challenge, person=PersonFactory(full_name="Léa Fellow"))
    client.force_login(owner.user)

    html = client.get(reverse("projects:space")).content.decode()

    assert "Ma proposition" in html
    assert "Déposée" in html
    assert "Pas la mienne" not in html
    assert "Mon défi" in html and "Léa Fellow" in html


def test_space_tells_a_user_without_administration_how_to_join(client):
    client.force_login(UserFactory())

    response = client.get(reverse("projects:space"))

    assert "Vous n'êtes rattaché à aucune administration" in response.content.decode()
    assert client.get(reverse("projects:proposal-new")).status_code == 404


def test_header_shows_the_space_to_agents_only(client, owner):
    client.force_login(owner.user)
    assert (
        "Espace administration" in client.get(reverse("projects:challenge-list")).content.decode()
    )

    client.force_login(UserFactory())
    assert (
        "Espace administration"
        not in client.get(reverse("projects:challenge-list")).content.decode()
    )


# --- Invitations ---------------------------------------------------------------------------------


def test_agent_invites_a_colleague_who_accepts(client, owner, django_capture_on_commit_callbacks):
    colleague = VerifiedUserFactory(email="collegue@example.fr")
    client.force_login(owner.user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("projects:invitation-new"),
            {"administration": owner.administration.pk, "email": "collegue@example.fr"},
        )

    assert mail.outbox[0].to == ["collegue@example.fr"]
    link = re.search(r"https?://\S+/espace-administration/invitations/\S+/", mail.outbox[0].body)
    path = "/" + link.group(0).split("/", 3)[3]
    client.force_login(colleague)
    assert "Accepter l'invitation" in client.get(path).content.decode()
    response = client.post(path)
    assert response["Location"] == reverse("projects:space")
    assert rules.is_agent_of(colleague, owner.administration.pk)
    # The link is used once.
    assert "pas valide" in client.get(path).content.decode()


def test_invitation_is_refused_to_another_address(client):
    invitation = InvitationFactory(email="bonne@example.fr")
    from projects.services import invitation_token

    intruder = VerifiedUserFactory(email="autre@example.fr")
    client.force_login(intruder)
    path = reverse("projects:invitation-accept", args=[invitation_token(invitation=invitation)])

    response = client.post(path)

    assert response.status_code == 400
    assert "une autre adresse e-mail" in response.content.decode()
    assert not AdministrationMembership.objects.filter(user=intruder).exists()


def test_forged_invitation_token_is_refused(client):
    client.force_login(VerifiedUserFactory())

    response = client.post(reverse("projects:invitation-accept", args=["faux:jeton"]))

    assert "pas valide" in response.content.decode()
    assert not AdministrationMembership.objects.exists()


def test_agent_cannot_invite_to_another_administration(client, owner, outsider_agent):
    client.force_login(owner.user)

    response = client.post(
        reverse("projects:invitation-new"),
        {"administration": outsider_agent.administration.pk, "email": "x@example.fr"},
    )

    assert response.status_code == 200
    assert "Autre direction" not in response.content.decode()
    assert not mail.outbox


def test_space_query_count_does_not_grow_with_the_proposals(client, owner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(owner.user)
    ProposalFactory(administration=owner.administration)
    ChallengeFactory(administrations=[owner.administration])
    client.get(reverse("projects:space"))  # warm the caches (session, site settings)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("projects:space"))
    for _ in range(4):
        ProposalFactory(administration=owner.administration)
        ChallengeFactory(administrations=[owner.administration])
    client.get(reverse("projects:space"))  # new data makes the cached header stale: warm again
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("projects:space"))

    assert len(many) == len(few)
