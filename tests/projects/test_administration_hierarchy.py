"""The administrations' hierarchy (ministry → directorate → service) is climbed one way
everywhere: a service's challenge counts for its ministry in the program's figures, the evaluation
indicators, the challenge filters and the challenge page."""

import pytest

from evaluation.indicators import indicator_data_load, indicators_compute
from projects.selectors import (
    administration_ancestry,
    administration_lineages,
    administration_public_tree,
    administration_root_id,
    program_key_figures,
    program_totals,
)
from tests.factories import AdministrationFactory, ChallengeFactory


def test_the_climb_goes_from_a_service_up_to_its_ministry():
    parents = {3: 2, 2: 1, 1: None, 4: None}

    assert administration_ancestry(administration_id=3, parents=parents) == [3, 2, 1]
    assert administration_root_id(administration_id=3, parents=parents) == 1
    assert administration_root_id(administration_id=4, parents=parents) == 4


def test_a_loop_in_the_hierarchy_stops_the_climb():
    parents = {1: 2, 2: 1}

    assert administration_ancestry(administration_id=1, parents=parents) == [1, 2]


@pytest.mark.django_db
def test_every_count_of_host_structures_climbs_to_the_same_ministry():
    ministry = AdministrationFactory(name="Ministère de la Culture")
    directorate = AdministrationFactory(name="Direction du patrimoine", parent=ministry)
    service = AdministrationFactory(name="Service des archives", parent=directorate)
    agency = AdministrationFactory(name="Agence du numérique")
    ChallengeFactory(administrations=[service])
    ChallengeFactory(administrations=[directorate])
    ChallengeFactory(administrations=[agency])

    results = indicators_compute(data=indicator_data_load())

    assert program_totals().structures == 2
    assert program_key_figures().total.structures == 2
    assert results.get("host_structures_top").value == 2
    assert [(node.label, node.depth) for node in administration_public_tree()] == [
        ("Agence du numérique", 0),
        ("Ministère de la Culture", 0),
        ("Direction du patrimoine", 1),
        ("Service des archives", 2),
    ]
    assert [
        [a.name for a in line] for line in administration_lineages(administrations=[service])
    ] == [["Ministère de la Culture", "Direction du patrimoine", "Service des archives"]]
