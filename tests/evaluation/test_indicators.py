"""Evaluation indicators computed from the records: each says its value, its n and what is
missing."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alumni.models import Sector
from cohorts.models import Profile
from evaluation.indicators import (
    IndicatorData,
    indicator_data_load,
    indicators_compute,
)
from projects.models import AdministrationKind, ChallengeStatus, Outcome, TeamRole
from tests.factories import (
    AdministrationFactory,
    ChallengeFactory,
    CohortFactory,
    FellowshipFactory,
    KeyFigureFactory,
    PersonFactory,
    PositionFactory,
    TeamMembershipFactory,
)
from tests.program_life_factories import ObjectiveValueFactory

pytestmark = pytest.mark.django_db


def compute(cohort=None):
    return indicators_compute(data=indicator_data_load(), cohort_id=cohort.pk if cohort else None)


def breakdown_of(indicator, index=0) -> dict[str, float]:
    breakdown = indicator.breakdowns[index]
    return dict(zip(breakdown.labels, breakdown.values, strict=True))


def test_proposed_challenges_count_every_status_but_drafts():
    eig1, eig2 = CohortFactory(number=1), CohortFactory(number=2)
    ChallengeFactory.create_batch(2, cohort=eig1, status=ChallengeStatus.COMPLETED)
    ChallengeFactory(cohort=eig1, status=ChallengeStatus.REJECTED)
    ChallengeFactory(cohort=eig1, draft=True)
    ChallengeFactory(cohort=eig2, status=ChallengeStatus.IN_PROGRESS)

    results = compute()

    proposed = results.get("challenges_proposed")
    selected = results.get("challenges_selected")
    assert (proposed.value, proposed.n) == (4, 4)
    assert breakdown_of(proposed) == {"EIG 1": 3, "EIG 2": 1}
    assert selected.value == 3
    assert breakdown_of(selected) == {"EIG 1": 2, "EIG 2": 1}
    # EIG 2 recorded only its selected challenge: its proposals are a minimum.
    assert "EIG 2" in proposed.missing and "EIG 1" not in proposed.missing


def test_selection_rate_uses_only_cohorts_whose_rejected_proposals_are_recorded():
    eig1, eig2 = CohortFactory(number=1), CohortFactory(number=2)
    ChallengeFactory(cohort=eig1, status=ChallengeStatus.COMPLETED)
    ChallengeFactory.create_batch(3, cohort=eig1, status=ChallengeStatus.REJECTED)
    ChallengeFactory.create_batch(5, cohort=eig2, status=ChallengeStatus.COMPLETED)

    rate = compute().get("challenges_selection_rate")

    assert rate.value == 25.0
    assert rate.n == 4
    assert rate.value_text == "25\N{NO-BREAK SPACE}%"
    assert "EIG 2" in rate.missing


def test_selection_rate_is_unavailable_when_no_rejected_proposal_is_recorded():
    ChallengeFactory(status=ChallengeStatus.COMPLETED)

    rate = compute().get("challenges_selection_rate")

    assert rate.value is None and rate.n == 0
    assert "ne peut pas être calculé" in rate.missing


def test_host_structures_climb_the_ministry_hierarchy():
    ministry = AdministrationFactory(
        name="Ministère de la Culture", kind=AdministrationKind.MINISTRY
    )
    directorate = AdministrationFactory(
        name="Direction générale des patrimoines",
        kind=AdministrationKind.DIRECTORATE,
        parent=ministry,
    )
    service = AdministrationFactory(
        name="Service des musées", kind=AdministrationKind.SERVICE, parent=directorate
    )
    agency = AdministrationFactory(name="Agence du numérique", kind=AdministrationKind.AGENCY)
    unused = AdministrationFactory(name="Direction sans défi")
    cohort = CohortFactory(number=1)
    ChallengeFactory(cohort=cohort, administrations=[service])
    ChallengeFactory(cohort=cohort, administrations=[directorate, agency])
    ChallengeFactory(cohort=cohort, administrations=[unused], status=ChallengeStatus.REJECTED)

    results = compute()

    top, everything = results.get("host_structures_top"), results.get("host_structures_all")
    assert everything.value == 3  # service, directorate, agency: the rejected one's host is not
    assert top.value == 2  # the ministry (through the service and the directorate) and the agency
    assert breakdown_of(top, 1) == {"Ministère de la Culture": 2, "Agence du numérique": 1}
    assert "1 structure d'accueil" in top.missing


def test_fellows_are_counted_per_cohort_and_per_profile():
    eig1, eig2 = CohortFactory(number=1), CohortFactory(number=2)
    twice = PersonFactory()
    FellowshipFactory(cohort=eig1, person=twice, profile=Profile.DEVELOPER)
    FellowshipFactory(cohort=eig2, person=twice, profile=Profile.DEVELOPER)
    FellowshipFactory(cohort=eig2, profile=Profile.DESIGNER)
    FellowshipFactory(cohort=eig2, profile=Profile.DATA_SCIENTIST)

    results = compute()

    per_cohort, per_profile = results.get("fellows_per_cohort"), results.get("fellows_per_profile")
    assert per_cohort.value == 4
    assert breakdown_of(per_cohort) == {"EIG 1": 1, "EIG 2": 3}
    assert breakdown_of(per_profile) == {
        str(Profile.DEVELOPER.label): 2,
        str(Profile.DATA_SCIENTIST.label): 1,
        str(Profile.DESIGNER.label): 1,
    }
    assert "1 personne a suivi plusieurs promotions" in per_cohort.missing


NOT_GIVEN = ["proposals", "applications", "equality_statistics", "events", "survey_scores"]


@pytest.mark.parametrize(
    "key",
    [
        "challenges_cofunding_declared",
        "applications_per_post",
        "applications_count",
        "applicants_women_share",
        "applicants_under_35_share",
        "events_count",
        "events_attendance_rate",
        "surveys_response_rate",
        "surveys_average_score",
    ],
)
def test_indicator_whose_source_frame_is_not_given_says_so(key):
    FellowshipFactory()
    loaded = indicator_data_load()
    data = IndicatorData(**{**loaded.__dict__, **dict.fromkeys(NOT_GIVEN)})

    indicator = indicators_compute(data=data).get(key)

    assert indicator.n == 0
    assert indicator.value is None
    assert indicator.value_text == "non disponible"
    assert "pas enregistré" in indicator.missing or "pas fourni" in indicator.missing
    assert loaded.unrecorded_sources == []
    assert data.unrecorded_sources == [
        "les propositions de l'appel à défis",
        "les candidatures",
        "les statistiques d'égalité des candidatures",
        "les événements et les présences",
        "les enquêtes de suivi",
    ]


def test_alumni_in_public_sector_one_year_after_their_cohort():
    cohort = CohortFactory(
        number=1,
        year=2019,
        start_date=datetime.date(2019, 1, 15),
        end_date=datetime.date(2019, 11, 15),
    )
    one_year_after = datetime.date(2020, 11, 15)
    public, private, left_before, unknown = (FellowshipFactory(cohort=cohort) for _ in range(4))
    PositionFactory(person=public.person, sector=Sector.PUBLIC, start=datetime.date(2020, 1, 1))
    PositionFactory(
        person=private.person,
        sector=Sector.PRIVATE,
        start=datetime.date(2019, 12, 1),
        end=one_year_after,
    )
    PositionFactory(
        person=left_before.person,
        sector=Sector.PUBLIC,
        start=datetime.date(2019, 12, 1),
        end=datetime.date(2020, 6, 30),
    )
    future = CohortFactory(
        number=9,
        year=2099,
        start_date=datetime.date(2099, 1, 15),
        end_date=datetime.date(2099, 11, 15),
    )
    FellowshipFactory(cohort=future)

    indicator = compute().get("alumni_public_sector_one_year")

    assert indicator.value == 50.0  # one public, one private among the two known at that date
    assert indicator.n == 2
    assert "1 parcours n'a pas encore un an de recul" in indicator.missing
    assert "pour 2 parcours" in indicator.missing  # left before, and no position at all
    assert breakdown_of(indicator) == {"EIG 1": 50.0}


def test_alumni_indicator_estimates_a_missing_cohort_end_and_says_so():
    cohort = CohortFactory(number=1, year=2018, start_date=None, end_date=None)
    fellowship = FellowshipFactory(cohort=cohort)
    PositionFactory(person=fellowship.person, sector=Sector.PUBLIC, start=datetime.date(2019, 6, 1))

    indicator = compute().get("alumni_public_sector_one_year")

    assert (indicator.value, indicator.n) == (100.0, 1)
    assert "31 décembre" in indicator.missing and "EIG 1" in indicator.missing


def test_share_of_challenges_continued_counts_only_known_outcomes():
    ChallengeFactory(outcome=Outcome.CONTINUED)
    ChallengeFactory(outcome=Outcome.REPLICATED)
    ChallengeFactory(outcome=Outcome.STOPPED)
    ChallengeFactory(outcome=Outcome.UNKNOWN)
    ChallengeFactory(status=ChallengeStatus.IN_PROGRESS)

    indicator = compute().get("challenges_continued_share")

    assert (indicator.value, indicator.n) == (66.7, 3)
    assert "Devenir non renseigné pour 1 défi terminé sur 4" in indicator.missing


def test_key_figures_are_counted_for_selected_challenges():
    with_figures = ChallengeFactory()
    KeyFigureFactory.create_batch(3, challenge=with_figures)
    ChallengeFactory()
    rejected = ChallengeFactory(status=ChallengeStatus.REJECTED)
    KeyFigureFactory(challenge=rejected)

    results = compute()

    assert results.get("key_figures_count").value == 3
    share = results.get("challenges_with_key_figures_share")
    assert (share.value, share.n) == (50.0, 2)


def test_cohort_scope_restricts_indicators_and_highlights_it_in_the_comparison():
    eig1, eig2 = CohortFactory(number=1), CohortFactory(number=2)
    ChallengeFactory.create_batch(2, cohort=eig1)
    ChallengeFactory.create_batch(5, cohort=eig2)
    team_challenge = ChallengeFactory(cohort=eig2)
    TeamMembershipFactory(challenge=team_challenge, role=TeamRole.FELLOW)

    results = compute(cohort=eig2)

    assert results.scope_label == "Promotion EIG 2"
    assert results.get("challenges_selected").value == 6
    assert results.comparison.highlighted == "EIG 2"
    assert [name for name, _values in results.comparison.rows] == ["EIG 1", "EIG 2"]
    assert [values[0] for _name, values in results.comparison.rows] == [2, 6]


def test_empty_data_gives_every_indicator_with_n_zero_and_a_reason():
    results = compute()

    assert results.is_empty
    for indicator in results.indicators:
        assert indicator.n == 0, indicator.key
        assert indicator.missing or indicator.value == 0, indicator.key
    assert results.comparison.rows == []


def test_reading_the_data_takes_the_same_queries_whatever_the_number_of_cohorts():
    def queries_for_cohorts(count):
        for number in range(1, count + 1):
            cohort = CohortFactory(number=number)
            challenge = ChallengeFactory(cohort=cohort)
            KeyFigureFactory(challenge=challenge)
            TeamMembershipFactory(challenge=challenge)
            ObjectiveValueFactory(objective__challenge=challenge)
            fellowship = FellowshipFactory(cohort=cohort)
            PositionFactory(person=fellowship.person)
        with CaptureQueriesContext(connection) as queries:
            compute()
        return len(queries)

    few = queries_for_cohorts(1)
    many = queries_for_cohorts(6)

    assert few == many == 18
