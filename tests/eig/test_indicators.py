"""Evaluation indicators computed from the records: each says its value, its n and what is
missing."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alumni.models import Sector
from cohorts.models import Profile
from eig.indicators import (
    IndicatorData,
    frame_from_rows,
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


@pytest.mark.parametrize(
    "key",
    [
        "fellows_women_share",
        "fellows_average_age",
        "applications_per_post",
        "events_count",
        "events_attendance_rate",
        "surveys_response_rate",
        "surveys_average_score",
    ],
)
def test_indicator_without_recorded_source_says_there_is_no_data(key):
    FellowshipFactory()

    indicator = compute().get(key)

    assert indicator.n == 0
    assert indicator.value is None
    assert indicator.value_text == "non disponible"
    assert "pas encore enregistré" in indicator.missing or "pas enregistré" in indicator.missing


def test_indicators_fill_in_once_their_sources_are_recorded():
    cohort = CohortFactory(number=1)
    fellowships = FellowshipFactory.create_batch(4, cohort=cohort)
    ChallengeFactory(cohort=cohort, posts=2)
    ChallengeFactory(cohort=cohort, posts=3)
    loaded = indicator_data_load()
    ids = [f.pk for f in fellowships]
    data = IndicatorData(
        **{
            **loaded.__dict__,
            "demographics": frame_from_rows(
                [
                    {"fellowship_id": ids[0], "is_woman": True, "age_at_start": 30},
                    {"fellowship_id": ids[1], "is_woman": False, "age_at_start": 40},
                    {"fellowship_id": ids[2], "is_woman": True, "age_at_start": None},
                ],
                schema="demographics",
            ),
            "applications": frame_from_rows(
                [{"id": n, "cohort_id": cohort.pk} for n in range(60)], schema="applications"
            ),
            "events": frame_from_rows([{"id": 1, "cohort_id": cohort.pk}], schema="events"),
            "attendances": frame_from_rows(
                [{"event_id": 1, "person_id": n, "attended": n < 3} for n in range(4)],
                schema="attendances",
            ),
            "survey_invitations": frame_from_rows(
                [{"id": n, "cohort_id": cohort.pk, "responded": n < 2} for n in range(4)],
                schema="survey_invitations",
            ),
            "survey_scores": frame_from_rows(
                [{"invitation_id": 0, "score": 8}, {"invitation_id": 1, "score": 9}],
                schema="survey_scores",
            ),
        }
    )

    results = indicators_compute(data=data)

    women = results.get("fellows_women_share")
    assert (women.value, women.n) == (66.7, 3)
    assert "1 parcours sur 4" in women.missing
    assert (results.get("fellows_average_age").value, results.get("fellows_average_age").n) == (
        35.0,
        2,
    )
    assert results.get("applications_per_post").value == 12.0  # 60 applications, 5 posts
    assert results.get("events_count").value == 1
    assert results.get("events_attendance_rate").value == 75.0
    assert results.get("surveys_response_rate").value == 50.0
    assert results.get("surveys_average_score").value == 8.5


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
            fellowship = FellowshipFactory(cohort=cohort)
            PositionFactory(person=fellowship.person)
        with CaptureQueriesContext(connection) as queries:
            compute()
        return len(queries)

    few = queries_for_cohorts(1)
    many = queries_for_cohorts(6)

    assert few == many == 8
