"""The generic record helpers: unique slugs and the removal of accents, each written once and
used by the services that need them."""

import pytest

from core.records import unique_slug
from core.text_search import accents_removed, fold
from projects import services as project_services
from projects.naming import administration_name_key
from selection.models import Decision
from selection.services import application_decide
from tests.call_factories import ProposalFactory
from tests.factories import PersonFactory
from tests.selection.factories import ApplicationFactory


def test_a_free_slug_is_kept_as_it_is():
    assert unique_slug(base="orienter-les-usagers", taken=lambda slug: False) == (
        "orienter-les-usagers"
    )


def test_a_taken_slug_gets_the_first_free_number_from_two():
    taken = {"ada", "ada-2", "ada-3"}

    assert unique_slug(base="ada", taken=taken.__contains__) == "ada-4"
    assert unique_slug(base="lea", taken=taken.__contains__) == "lea"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Élysée", "Elysee"), ("Ministère", "Ministere"), ("Œuvre façonnée", "Œuvre faconnee")],
)
def test_accents_are_removed_keeping_case_and_ligatures(text, expected):
    assert accents_removed(text) == expected


def test_searching_and_comparing_administration_names_drop_the_same_accents():
    name = "Préfecture de l'Hérault, Île-de-France"

    assert administration_name_key(name) == "prefecture de l herault ile de france"
    assert fold(name) == "prefecture de l'herault, ile-de-france"


@pytest.mark.django_db
def test_two_proposals_of_one_title_become_challenges_of_distinct_slugs():
    first = ProposalFactory(title="Orienter les usagers", submitted=True)
    second = ProposalFactory(title="Orienter les usagers", submitted=True, cohort=first.cohort)

    project_services.proposal_decide(proposal=first, selected=True)
    project_services.proposal_decide(proposal=second, selected=True)

    assert [first.challenge.slug, second.challenge.slug] == [
        "orienter-les-usagers",
        "orienter-les-usagers-2",
    ]


@pytest.mark.django_db
def test_a_selected_candidate_named_like_someone_else_gets_a_person_of_their_own(
    settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    PersonFactory(full_name="Inès Retenue", slug="ines-retenue")
    application = ApplicationFactory(submitted=True, full_name="Inès Retenue")

    application_decide(application=application, decision=Decision.SELECTED)

    person = application.candidate.person
    assert person.slug == "ines-retenue-2"
    assert person.full_name == "Inès Retenue"
