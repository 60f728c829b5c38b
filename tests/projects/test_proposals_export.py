"""The agents' CSV of their administrations' proposals (administrations' space)."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.models import ProposalStatus
from tests.call_factories import MembershipFactory, ProposalFactory
from tests.factories import AdministrationFactory, CohortFactory, UserFactory

pytestmark = pytest.mark.django_db

EXPORT = reverse("projects:proposals-export")


def rows_of(response) -> list[dict[str, str]]:
    text = response.getvalue().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


@pytest.fixture
def agent():
    return MembershipFactory(administration__name="Direction des usagers")


def test_agent_downloads_only_the_proposals_of_their_administration(client, agent):
    cohort = CohortFactory(number=9, name="EIG 9")
    decided = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0))
    ProposalFactory(
        administration=agent.administration,
        cohort=cohort,
        title="Orienter les usagers",
        status=ProposalStatus.SELECTED,
        submitted_at=decided - datetime.timedelta(days=20),
        decided_at=decided,
        posts=3,
        administration_funding_amount=Decimal("50000"),
        program_funding_amount=Decimal("120000.50"),
    )
    ProposalFactory(administration=agent.administration, cohort=cohort, title="Brouillon")
    ProposalFactory(
        administration__name="Autre direction", title="Proposition d'ailleurs", submitted=True
    )
    client.force_login(agent.user)

    response = client.get(EXPORT)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="propositions-')
    rows = rows_of(response)
    assert [row["Titre du défi"] for row in rows] == ["Brouillon", "Orienter les usagers"]
    assert "Proposition d'ailleurs" not in response.getvalue().decode()
    selected = rows[1]
    assert selected["Administration"] == "Direction des usagers"
    assert selected["Promotion"] == "EIG 9"
    assert selected["État"] == "Retenue"
    assert selected["Décision"] == "Retenue"
    assert selected["Date de décision"] == "2026-03-02"
    assert selected["Date de dépôt"] == "2026-02-10"
    assert selected["Nombre de postes"] == "3"
    assert selected["Montant financé par l'administration (euros)"] == "50000"
    assert selected["Montant demandé au programme (euros)"] == "120000,5"
    draft = rows[0]
    assert (draft["État"], draft["Décision"], draft["Date de dépôt"]) == ("Brouillon", "", "")


def test_agent_of_two_administrations_gets_both_and_may_pick_one(client, agent):
    other = MembershipFactory(user=agent.user, administration__name="Direction du budget")
    ProposalFactory(administration=agent.administration, title="Défi des usagers")
    ProposalFactory(administration=other.administration, title="Défi du budget")
    ProposalFactory(administration__name="Troisième direction", title="Défi d'un tiers")
    client.force_login(agent.user)

    both = rows_of(client.get(EXPORT))
    one = rows_of(client.get(EXPORT, {"administration": other.administration.pk}))

    assert sorted(row["Titre du défi"] for row in both) == ["Défi des usagers", "Défi du budget"]
    assert [row["Titre du défi"] for row in one] == ["Défi du budget"]
    page = client.get(reverse("projects:space")).content.decode()
    assert "Direction du budget" in page
    assert "Troisième direction" not in page


def test_filter_on_another_administration_is_not_found(client, agent):
    stranger = AdministrationFactory(name="Autre direction")
    ProposalFactory(administration=stranger, title="Proposition d'ailleurs")
    client.force_login(agent.user)

    assert client.get(EXPORT, {"administration": stranger.pk}).status_code == 404
    assert client.get(EXPORT, {"administration": "abc"}).status_code == 404


def test_space_offers_no_administration_dropdown_beyond_the_agents_own(client, agent):
    AdministrationFactory(name="Administration voisine")
    ProposalFactory(administration=agent.administration)
    client.force_login(agent.user)

    page = client.get(reverse("projects:space")).content.decode()

    assert reverse("projects:proposals-export") in page
    assert "Administration voisine" not in page


def test_anonymous_is_sent_to_login_and_a_user_without_administration_gets_404(client):
    response = client.get(EXPORT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))

    client.force_login(UserFactory())
    assert client.get(EXPORT).status_code == 404


def test_cells_a_spreadsheet_would_run_as_formulas_are_neutralised(client, agent):
    for title in ('=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tTab", "\rRetour"):
        ProposalFactory(administration=agent.administration, title=title)
    ProposalFactory(administration=agent.administration, title="Titre ordinaire")
    client.force_login(agent.user)

    titles = {row["Titre du défi"] for row in rows_of(client.get(EXPORT))}

    assert titles == {
        '\'=HYPERLINK("http://x")',
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "'\tTab",
        "'\rRetour",
        "Titre ordinaire",
    }
