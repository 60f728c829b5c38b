"""The funding split of a proposal: what the administration commits and what it asks the program
for, in euros (optional, never negative), next to the free-text co-funding."""

from decimal import Decimal

import pytest
from django.urls import reverse

from projects.call_forms import ProposalForm
from projects.models import ProposalStatus
from projects.selectors import challenge_proposal_rows_list
from tests.call_factories import MembershipFactory, ProposalFactory

pytestmark = pytest.mark.django_db

DRAFT = {
    "title": "Mieux orienter les usagers",
    "cofunding": "Budget de la direction, sur deux exercices",
}


@pytest.fixture
def owner():
    return MembershipFactory(administration__name="Direction des usagers")


def test_amounts_are_optional_and_saved_with_the_draft(client, owner):
    proposal = ProposalFactory(administration=owner.administration)
    client.force_login(owner.user)
    url = reverse("projects:proposal-edit", args=[proposal.pk])

    client.post(
        url,
        DRAFT | {"administration_funding_amount": "50000", "program_funding_amount": "120000.50"},
    )
    proposal.refresh_from_db()
    assert proposal.administration_funding_amount == Decimal("50000")
    assert proposal.program_funding_amount == Decimal("120000.50")
    assert proposal.cofunding == "Budget de la direction, sur deux exercices"

    client.post(url, DRAFT | {"administration_funding_amount": "", "program_funding_amount": ""})
    proposal.refresh_from_db()
    assert (proposal.administration_funding_amount, proposal.program_funding_amount) == (
        None,
        None,
    )


@pytest.mark.parametrize("field", ["administration_funding_amount", "program_funding_amount"])
def test_a_negative_amount_is_refused_in_french(field):
    form = ProposalForm(data=DRAFT | {field: "-1"}, instance=ProposalFactory.build())

    assert not form.is_valid()
    assert form.errors[field] == ["Le montant ne peut pas être négatif."]


def test_a_refused_amount_is_shown_next_to_the_field_and_the_typed_values_kept(client, owner):
    proposal = ProposalFactory(administration=owner.administration, program_funding_amount=None)
    client.force_login(owner.user)

    response = client.post(
        reverse("projects:proposal-edit", args=[proposal.pk]),
        DRAFT | {"administration_funding_amount": "-500", "program_funding_amount": "80000"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Le montant ne peut pas être négatif." in html
    assert 'value="-500"' in html
    assert 'value="80000"' in html
    assert 'aria-invalid="true"' in html
    proposal.refresh_from_db()
    assert proposal.program_funding_amount is None


def test_detail_page_shows_the_amounts(client, owner):
    proposal = ProposalFactory(
        administration=owner.administration,
        submitted=True,
        administration_funding_amount=Decimal("50000"),
        program_funding_amount=None,
    )
    client.force_login(owner.user)

    html = client.get(reverse("projects:proposal-detail", args=[proposal.pk])).content.decode()

    assert (
        "Montant financé par l'administration</dt><dd>50\N{NO-BREAK SPACE}000&nbsp;€</dd>" in html
    )
    assert "Montant demandé au programme</dt><dd>non renseigné</dd>" in html


def test_proposal_rows_carry_the_amounts():
    ProposalFactory(
        status=ProposalStatus.SELECTED,
        administration_funding_amount=Decimal("30000"),
        program_funding_amount=Decimal("70000"),
    )

    (row,) = challenge_proposal_rows_list()

    assert row["administration_funding_amount"] == Decimal("30000")
    assert row["program_funding_amount"] == Decimal("70000")
