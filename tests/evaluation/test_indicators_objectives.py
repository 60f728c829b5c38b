"""The family « Objectifs des défis »: where each objective of the selected challenges stands
when the data are read (last value against target), the share of challenges that defined
objectives and the share of objectives reached; in the report's family section and on each
challenge's sheet."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from evaluation.indicators import IndicatorData, indicator_data_load, indicators_compute
from evaluation.reports import report_html_build
from projects.models import ChallengeStatus
from tests.factories import ChallengeFactory, CohortFactory
from tests.program_life_factories import ObjectiveFactory, ObjectiveValueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def read_on_june_1st():
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, 0)):
        yield


@pytest.fixture
def cohort():
    return CohortFactory(
        name="EIG 9",
        number=9,
        year=2026,
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 11, 1),
    )


def objective_with(challenge, *values, **fields):
    objective = ObjectiveFactory(
        challenge=challenge, unit="", baseline=Decimal("100"), target=Decimal("200"), **fields
    )
    for day, value in values:
        ObjectiveValueFactory(objective=objective, measured_on=day, value=Decimal(value))
    return objective


@pytest.fixture
def objectives(cohort):
    reaching = ChallengeFactory(cohort=cohort, title="Signaux faibles")
    behind = ChallengeFactory(cohort=cohort, title="Lab santé")
    ChallengeFactory(cohort=cohort, title="Sans objectif")
    rejected = ChallengeFactory(cohort=cohort, status=ChallengeStatus.REJECTED)
    march, may, july = (
        datetime.date(2026, 3, 1),
        datetime.date(2026, 5, 1),
        datetime.date(2026, 7, 1),
    )
    return {
        # 210 of 200 on May 1st: reached.
        "reached": objective_with(reaching, (march, "150"), (may, "210"), name="Dossiers"),
        # 160 on June 1st, 60 % of the way when 50 % of the time has passed: on track.
        "on_track": objective_with(
            behind,
            (march, "120"),
            (datetime.date(2026, 6, 1), "160"),
            name="Usagers",
            is_public=False,
        ),
        # 110 (10 %) on March 1st; a later value, after the reading date, does not count.
        "not_reached": objective_with(behind, (march, "110"), (july, "250"), name="Délais"),
        "no_value": objective_with(behind, name="Satisfaction"),
        "rejected": objective_with(rejected, (march, "500"), name="Hors champ"),
    }


def test_share_of_objectives_reached_by_last_value_at_the_reading_date(objectives):
    results = indicators_compute(data=indicator_data_load())

    reached = results.get("objectives_reached_share")
    assert (reached.n, reached.value) == (3, 33.3)
    assert "1 objectif n'a encore aucune valeur mesurée." in reached.missing
    statuses = reached.breakdowns[0]
    assert dict(zip(statuses.labels, statuses.values, strict=True)) == {
        "Atteint": 1.0,
        "En bonne voie": 1.0,
        "Non atteint": 1.0,
    }
    progress = reached.breakdowns[1]
    assert dict(zip(progress.labels, progress.values, strict=True)) == {
        "Dossiers": 110.0,
        "Usagers": 60.0,
        "Délais": 10.0,
    }


def test_share_of_selected_challenges_with_objectives(objectives):
    results = indicators_compute(data=indicator_data_load())

    defined = results.get("challenges_with_objectives_share")
    assert (defined.n, defined.value) == (3, 66.7)
    assert "1 défi retenu n'a défini aucun objectif." in defined.missing
    assert [i.key for i in results.families[-1].indicators] == [
        "challenges_with_objectives_share",
        "objectives_reached_share",
    ]
    assert results.families[-1].title == "Objectifs des défis"


def test_a_cohort_scope_counts_only_its_challenges_objectives(objectives, cohort):
    other = ChallengeFactory(cohort=CohortFactory(number=10))
    objective_with(other, (datetime.date(2027, 1, 1), "200"))

    results = indicators_compute(data=indicator_data_load(), cohort_id=cohort.pk)

    assert results.get("objectives_reached_share").n == 3


def test_objectives_not_given_say_so():
    data = indicator_data_load()
    without = IndicatorData(
        **{name: getattr(data, name) for name in data.__dataclass_fields__}
        | {"objectives": None, "objective_values": None}
    )

    reached = indicators_compute(data=without).get("objectives_reached_share")

    assert (reached.n, reached.value) == (0, None)
    assert "Les objectifs des défis et leurs valeurs ne sont pas fournis" in reached.missing


def test_report_has_the_family_and_each_challenges_objectives(objectives):
    html = report_html_build(results=indicators_compute(data=indicator_data_load()))

    assert "Objectifs des défis" in html
    assert "Objectifs atteints" in html
    assert (
        "Dossiers : départ 100, dernière valeur 210 le 1 mai 2026, cible 200 — Atteint "
        "(110\N{NO-BREAK SPACE}% du chemin)"
    ) in html
    # The report is for the program's staff: non-public objectives are in it too.
    assert "Usagers : départ 100, dernière valeur 160 le 1 juin 2026" in html
    assert "Satisfaction : départ 100, aucune valeur mesurée, cible 200 — Pas encore mesuré" in html
    assert "Hors champ" not in html
