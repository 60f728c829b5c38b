"""Indicators computed from the sources wired after the first reports: the call for challenges'
proposals, applications and their equality statistics, events and attendance, surveys. Each
expected value is counted by hand from the records made here."""

import csv
import io
from decimal import Decimal

import pytest

from alumni.models import QuestionKind, SurveyResponse
from alumni.selectors import survey_score_rows_list
from cohorts.events import AttendanceStatus
from cohorts.models import Profile
from evaluation.exports import indicators_csv_build
from evaluation.indicators import indicator_data_load, indicators_compute
from projects.models import ChallengeStatus, ProposalStatus
from selection.models import ApplicationStatus
from selection.selectors import equality_statistics_rows_list
from tests.alumni_factories import SurveyFactory, SurveyInvitationFactory, SurveyQuestionFactory
from tests.call_factories import ProposalFactory
from tests.factories import ChallengeFactory, CohortFactory, PersonFactory
from tests.program_life_factories import AttendanceFactory, EventFactory
from tests.selection.factories import ApplicationFactory, EqualityStatisticsFactory

pytestmark = pytest.mark.django_db


def compute(cohort=None):
    return indicators_compute(data=indicator_data_load(), cohort_id=cohort.pk if cohort else None)


def breakdown_of(indicator, index=0) -> dict[str, float]:
    breakdown = indicator.breakdowns[index]
    return dict(zip(breakdown.labels, breakdown.values, strict=True))


def submitted(cohort, **fields):
    return ApplicationFactory(cohort=cohort, first_choice=None, submitted=True, **fields)


# --- Call for challenges --------------------------------------------------------------------


def test_challenges_proposed_and_selected_count_the_call_proposals_once():
    legacy, called = CohortFactory(number=1), CohortFactory(number=2)
    ChallengeFactory.create_batch(2, cohort=legacy, status=ChallengeStatus.COMPLETED)
    ProposalFactory(cohort=called)  # a draft: not proposed
    ProposalFactory.create_batch(2, cohort=called, submitted=True)
    ProposalFactory(cohort=called, status=ProposalStatus.REJECTED)
    for cofunding in ("50 000 € sur le budget de la direction", ""):
        ProposalFactory(
            cohort=called,
            status=ProposalStatus.SELECTED,
            cofunding=cofunding,
            challenge=ChallengeFactory(cohort=called, status=ChallengeStatus.SELECTED),
        )

    results = compute()

    proposed = results.get("challenges_proposed")
    selected = results.get("challenges_selected")
    rate = results.get("challenges_selection_rate")
    # EIG 1: 2 challenges; EIG 2: 2 submitted + 1 rejected + 2 selected proposals (their
    # challenges are not counted a second time).
    assert (proposed.value, proposed.n) == (7, 7)
    assert breakdown_of(proposed) == {"EIG 1": 2, "EIG 2": 5}
    assert selected.value == 4
    assert breakdown_of(selected) == {"EIG 1": 2, "EIG 2": 2}
    # Only EIG 2 has its call recorded: 2 selected out of 5.
    assert (rate.value, rate.n) == (40.0, 5)
    assert "EIG 1" in rate.missing and "EIG 2" not in rate.missing
    mine = compute(called)
    assert mine.get("challenges_proposed").value == 5
    assert mine.get("challenges_selection_rate").value == 40.0
    assert (
        mine.get("challenges_cofunding_declared").value,
        mine.get("challenges_cofunding_declared").n,
    ) == (50.0, 2)


def test_cofunding_is_a_share_of_selected_proposals_and_its_amount_is_said_missing():
    legacy, called = CohortFactory(number=1), CohortFactory(number=2)
    ChallengeFactory.create_batch(2, cohort=legacy, status=ChallengeStatus.COMPLETED)
    ProposalFactory(cohort=called, submitted=True)  # not selected: not in the population
    for cofunding in ("50 000 € sur le budget de la direction", "", "Moitié du coût"):
        ProposalFactory(
            cohort=called,
            status=ProposalStatus.SELECTED,
            cofunding=cofunding,
            challenge=ChallengeFactory(cohort=called, status=ChallengeStatus.IN_PROGRESS),
        )

    cofunding = compute().get("challenges_cofunding_declared")

    assert (cofunding.value, cofunding.n) == (66.7, 3)
    assert breakdown_of(cofunding) == {"EIG 2": 66.7}
    assert "2 défis retenus ont été enregistrés sans proposition" in cofunding.missing
    assert "Répartition du financement des défis retenus" in cofunding.definition


def test_funding_split_is_the_program_share_over_selected_proposals_with_both_amounts():
    legacy, called = CohortFactory(number=1), CohortFactory(number=2)
    ChallengeFactory.create_batch(2, cohort=legacy, status=ChallengeStatus.COMPLETED)
    # Not selected: not in the population, whatever its amounts.
    ProposalFactory(
        cohort=called,
        submitted=True,
        administration_funding_amount=Decimal("1000000"),
        program_funding_amount=Decimal("1000000"),
    )
    amounts = [("50000", "150000"), ("30000", "70000"), (None, "100000"), (None, None)]
    for administration, program in amounts:
        ProposalFactory(
            cohort=called,
            status=ProposalStatus.SELECTED,
            administration_funding_amount=administration and Decimal(administration),
            program_funding_amount=program and Decimal(program),
            challenge=ChallengeFactory(cohort=called, status=ChallengeStatus.SELECTED),
        )

    split = compute().get("challenges_funding_split")

    # Two selected proposals with both amounts: program 150 000 + 70 000 = 220 000,
    # administrations 50 000 + 30 000 = 80 000; 220 000 / 300 000 = 73.3 %.
    assert (split.value, split.n) == (73.3, 2)
    assert breakdown_of(split, 0) == {"Programme": 73.3, "Administrations": 26.7}
    assert breakdown_of(split, 1) == {
        "Demandé au programme": 220000.0,
        "Financé par les administrations": 80000.0,
    }
    assert breakdown_of(split, 2) == {"EIG 2": 73.3}
    assert "2 propositions retenues sur 4 n'ont pas leurs deux montants" in split.missing
    assert "2 défis retenus ont été enregistrés sans proposition" in split.missing
    mine = compute(called).get("challenges_funding_split")
    assert (mine.value, mine.n) == (73.3, 2)
    assert "sans proposition" not in mine.missing


def test_funding_split_without_any_known_amount_is_not_available():
    called = CohortFactory(number=2)
    ProposalFactory(
        cohort=called,
        status=ProposalStatus.SELECTED,
        program_funding_amount=Decimal("90000"),
        challenge=ChallengeFactory(cohort=called, status=ChallengeStatus.SELECTED),
    )

    split = compute().get("challenges_funding_split")

    assert (split.value, split.n) == (None, 0)
    assert split.value_text == "non disponible"
    assert "1 proposition retenue sur 1 n'a pas ses deux montants" in split.missing
    assert split.breakdowns == ()


# --- Applications ---------------------------------------------------------------------------


def test_applications_are_counted_per_open_post_and_per_profile():
    eig1, eig2 = CohortFactory(number=1), CohortFactory(number=2)
    ChallengeFactory(cohort=eig1, status=ChallengeStatus.SELECTED, posts=2)
    ChallengeFactory(cohort=eig1, status=ChallengeStatus.SELECTED, posts=3)
    ChallengeFactory(cohort=eig2, status=ChallengeStatus.SELECTED, posts=1)
    # No application recorded for EIG 3 (before the online call): its posts are left out.
    ChallengeFactory(cohort=CohortFactory(number=3), status=ChallengeStatus.SELECTED, posts=4)
    for _n in range(4):
        submitted(eig1, profile=Profile.DATA_SCIENTIST)
    submitted(eig1, profile=Profile.DEVELOPER)
    submitted(eig2, profile=Profile.DEVELOPER)
    submitted(eig2, profile=Profile.DESIGNER)
    ApplicationFactory(cohort=eig1, first_choice=None)  # a draft
    ApplicationFactory(cohort=eig1, first_choice=None, status=ApplicationStatus.WITHDRAWN)

    results = compute()

    per_post = results.get("applications_per_post")
    count = results.get("applications_count")
    assert (per_post.value, per_post.n) == (1.2, 7)  # 7 applications, 6 posts (1.17)
    assert breakdown_of(per_post) == {"EIG 1": 1.0, "EIG 2": 2.0}
    assert "Aucune candidature n'est enregistrée pour EIG 3" in per_post.missing
    assert (count.value, count.n) == (7, 7)
    assert breakdown_of(count, 0) == {"EIG 1": 5, "EIG 2": 2, "EIG 3": 0}
    assert breakdown_of(count, 1) == {
        str(Profile.DEVELOPER.label): 2,
        str(Profile.DATA_SCIENTIST.label): 4,
        str(Profile.DESIGNER.label): 1,
    }
    assert compute(eig2).get("applications_per_post").value == 2.0


def test_women_share_and_age_bands_come_from_the_optional_statistics_only():
    cohort = CohortFactory(number=1)
    for gender, band in [
        ("woman", "25_34"),
        ("woman", "under_25"),
        ("man", "35_44"),
        ("", ""),  # answered "prefer not to say" to both
    ]:
        EqualityStatisticsFactory(application=submitted(cohort), gender=gender, age_band=band)
    submitted(cohort)  # no statistics at all
    EqualityStatisticsFactory(  # a draft: not counted
        application=ApplicationFactory(cohort=cohort, first_choice=None), gender="woman"
    )

    results = compute()

    women = results.get("applicants_women_share")
    young = results.get("applicants_under_35_share")
    assert (women.value, women.n) == (66.7, 3)
    assert "Genre non renseigné pour 2 candidatures sur 5" in women.missing
    assert breakdown_of(women, 0) == {"Femme": 66.7, "Homme": 33.3}
    assert breakdown_of(women, 1) == {"EIG 1": 66.7}
    assert (young.value, young.n) == (66.7, 3)
    assert breakdown_of(young) == {
        "Moins de 25 ans": 33.3,
        "De 25 à 34 ans": 33.3,
        "De 35 à 44 ans": 33.3,
    }
    assert "Tranche d'âge non renseigné pour 2 candidatures sur 5" in young.missing
    assert "l'âge moyen ne peut pas être calculé" in young.missing


def test_equality_rows_cannot_be_linked_to_an_application():
    EqualityStatisticsFactory(application=submitted(CohortFactory(number=1)))

    rows = equality_statistics_rows_list()

    assert [set(row) for row in rows] == [{"cohort_id", "gender", "age_band"}]


# --- Events ---------------------------------------------------------------------------------


def test_events_and_attendance_rates_per_cohort():
    eig1, eig2 = CohortFactory(number=1), CohortFactory(number=2)
    seminar, bootcamp = EventFactory(cohort=eig1), EventFactory(cohort=eig1)
    for status in (AttendanceStatus.PRESENT, AttendanceStatus.PRESENT, AttendanceStatus.ABSENT):
        AttendanceFactory(event=seminar, status=status)
    AttendanceFactory(event=bootcamp, status=AttendanceStatus.EXCUSED)
    AttendanceFactory(event=EventFactory(cohort=eig2), status=AttendanceStatus.PRESENT)
    EventFactory(cohort=eig2)  # nobody recorded yet

    results = compute()

    events = results.get("events_count")
    rate = results.get("events_attendance_rate")
    assert (events.value, events.n) == (4, 4)
    assert breakdown_of(events) == {"EIG 1": 2, "EIG 2": 2}
    assert (rate.value, rate.n) == (60.0, 5)  # 3 present out of 5 recorded
    assert breakdown_of(rate) == {"EIG 1": 50.0, "EIG 2": 100.0}
    assert "1 événement n'a aucune présence enregistrée" in rate.missing
    assert "1 absence excusée, comptée comme absence" in rate.missing
    column = results.comparison.columns.index("Taux de présence")
    assert [values[column] for _name, values in results.comparison.rows] == [50.0, 100.0]
    mine = compute(eig1)
    assert mine.get("events_count").value == 2
    assert mine.get("events_attendance_rate").value == 50.0


# --- Surveys --------------------------------------------------------------------------------


def survey_with_answers(cohort, *, anonymous=True):
    survey = SurveyFactory(cohort=cohort, anonymous=anonymous)
    scale = SurveyQuestionFactory(survey=survey, label="Accompagnement", kind=QuestionKind.SCALE)
    recommendation = SurveyQuestionFactory(
        survey=survey, label="Recommanderiez-vous le programme ?", kind=QuestionKind.RECOMMENDATION
    )
    text = SurveyQuestionFactory(survey=survey, label="Commentaire", kind=QuestionKind.TEXT)
    for answered in (True, True, True, False):
        SurveyInvitationFactory(survey=survey, answered=answered)
    person = None if anonymous else PersonFactory()
    for values in (("4", "9", "Très bien"), ("5", "6", ""), ("3", "", "")):
        SurveyResponse.objects.create(
            survey=survey,
            person=person,
            answers=dict(zip([str(q.pk) for q in (scale, recommendation, text)], values)),
        )
    return survey


def test_survey_response_rate_and_scores_per_question_with_distributions():
    eig1, eig2 = CohortFactory(number=1), CohortFactory(number=2)
    survey_with_answers(eig1)
    SurveyInvitationFactory(survey=SurveyFactory(cohort=eig2), answered=False)

    results = compute()

    rate = results.get("surveys_response_rate")
    score = results.get("surveys_average_score")
    assert (rate.value, rate.n) == (60.0, 5)  # 3 answers out of 4 + 1 invitations
    assert breakdown_of(rate) == {"EIG 1": 75.0, "EIG 2": 0.0}
    # Out of 10: 4/5, 5/5 and 3/5 become 8, 10 and 6; then 9 and 6; the blank one is left out.
    assert (score.value, score.n) == (7.8, 5)
    assert breakdown_of(score, 0) == {
        "Accompagnement": 8.0,
        "Recommanderiez-vous le programme ?": 7.5,
    }
    assert breakdown_of(score, 1) == {"3/5": 1, "4/5": 1, "5/5": 1}
    assert breakdown_of(score, 2) == {"6/10": 1, "9/10": 1}


def test_survey_score_rows_never_name_who_answered():
    survey_with_answers(CohortFactory(number=1), anonymous=False)

    rows = survey_score_rows_list()

    assert len(rows) == 5
    assert {frozenset(row) for row in rows} == {
        frozenset({"cohort_id", "question", "scale", "score"})
    }


# --- Exports --------------------------------------------------------------------------------


def test_csv_export_carries_the_newly_wired_indicators():
    cohort = CohortFactory(number=1)
    event = EventFactory(cohort=cohort)
    AttendanceFactory(event=event, status=AttendanceStatus.PRESENT)
    AttendanceFactory(event=event, status=AttendanceStatus.ABSENT)

    content = indicators_csv_build(results=compute()).decode("utf-8-sig")

    rows = list(csv.reader(io.StringIO(content)))
    attendance = [row for row in rows if row[1] == "Taux de présence aux événements"]
    assert attendance[0][4:7] == ["50.0", "%", "2"]
    assert attendance[1][2:5] == ["Taux de présence par promotion", "EIG 1", "50.0"]
