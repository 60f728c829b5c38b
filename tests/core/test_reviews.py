"""The review engine on plain values: who scores, what a score is, what counts in a ranking."""

from dataclasses import dataclass

import pytest

from core import reviews
from core.reviews import Criterion, ReviewLine, ReviewRefused

CRITERIA = [Criterion(key="impact", label="Impact"), Criterion(key="risk", label="Risque")]


@pytest.mark.parametrize(
    ("conflict", "code"),
    [(None, reviews.CONFLICT_UNDECLARED), (True, reviews.CONFLICT_DECLARED), (False, None)],
)
def test_only_a_reviewer_without_a_conflict_scores(conflict, code):
    refusal = reviews.review_score_refusal(conflict=conflict)

    assert (refusal.code if refusal else None) == code
    assert reviews.review_may_read(conflict=conflict) is (code is None)


def test_a_closed_round_or_another_reviewer_cannot_score():
    closed = reviews.review_score_refusal(conflict=False, is_open=False)
    stranger = reviews.review_score_refusal(conflict=False, is_reviewer=False)

    assert (closed.code, stranger.code) == (reviews.ROUND_CLOSED, reviews.NOT_REVIEWER)
    assert "close" in closed.messages[0]


def test_scores_are_whole_numbers_within_the_criterions_range():
    assert reviews.review_scores_clean(criteria=CRITERIA, scores={"impact": "4", "risk": 0}) == {
        "impact": 4,
        "risk": 0,
    }
    for bad in (6, -1, "4,5", 4.5, True, "quatre"):
        with pytest.raises(ReviewRefused) as error:
            reviews.review_scores_clean(criteria=CRITERIA, scores={"impact": bad, "risk": 1})
        assert error.value.code == reviews.SCORE_INVALID
        assert error.value.messages == ["Chaque note va de 0 à 5."]


def test_every_required_criterion_needs_a_score_and_unknown_ones_are_refused():
    with pytest.raises(ReviewRefused) as missing:
        reviews.review_scores_clean(criteria=CRITERIA, scores={"impact": 3})
    with pytest.raises(ReviewRefused) as unknown:
        reviews.review_scores_clean(criteria=CRITERIA, scores={"impact": 3, "risk": 3, "style": 3})
    optional = [CRITERIA[0], Criterion(key="bonus", label="Bonus", required=False)]

    assert missing.value.code == reviews.SCORE_MISSING and "Risque" in missing.value.messages[0]
    assert unknown.value.code == reviews.SCORE_UNKNOWN
    assert reviews.review_scores_clean(criteria=optional, scores={"impact": 2}) == {"impact": 2}
    assert isinstance(missing.value, ValueError)


def test_a_review_is_complete_without_conflict_and_with_every_score():
    full = {"impact": 3, "risk": 4}

    assert reviews.review_is_complete(conflict=False, criteria=CRITERIA, scores=full)
    assert not reviews.review_is_complete(conflict=True, criteria=CRITERIA, scores=full)
    assert not reviews.review_is_complete(conflict=False, criteria=CRITERIA, scores={"risk": 4})
    assert reviews.review_total(keys=["impact", "risk"], scores=full) == 7
    assert reviews.review_total(keys=["impact", "risk"], scores={"impact": 3}) is None


@dataclass(frozen=True)
class Subject:
    pk: int
    name: str


def test_ranking_leaves_out_conflicted_and_unscored_reviews_and_puts_unscored_subjects_last():
    good, weak, unread = Subject(1, "good"), Subject(2, "weak"), Subject(3, "unread")
    lines = [
        ReviewLine(subject_key=1, conflict=False, scores={"impact": 4, "risk": 5}),
        ReviewLine(subject_key=1, conflict=False, scores={"impact": 2, "risk": 3}),
        ReviewLine(subject_key=2, conflict=False, scores={"impact": 3, "risk": 2}),
        ReviewLine(subject_key=2, conflict=True, scores={"impact": 5, "risk": 5}),
        ReviewLine(subject_key=2, conflict=False, scores={}),
        ReviewLine(subject_key=3, conflict=None),
    ]

    rows = reviews.review_ranking(subjects=[unread, weak, good], criteria=CRITERIA, reviews=lines)

    assert [row.subject for row in rows] == [good, weak, unread]
    assert (rows[0].average, rows[0].averages, rows[0].total) == (3.5, [3.0, 4.0], 7.0)
    assert (rows[1].average, rows[1].reviewers, rows[1].scored, rows[1].conflicts) == (2.5, 3, 1, 1)
    assert (rows[2].average, rows[2].total, rows[2].scored) == (None, None, 0)


def test_ranking_by_total_counts_only_complete_reviews():
    one, two = Subject(1, "one"), Subject(2, "two")
    lines = [
        ReviewLine(subject_key=1, conflict=False, scores={"impact": 5, "risk": 1}),
        ReviewLine(subject_key=2, conflict=False, scores={"impact": 4, "risk": 4}),
        ReviewLine(subject_key=2, conflict=False, scores={"impact": 5}),  # partial: no total
    ]

    by_average = reviews.review_ranking(subjects=[one, two], criteria=CRITERIA, reviews=lines)
    by_total = reviews.review_ranking(
        subjects=[one, two], criteria=CRITERIA, reviews=lines, by="total"
    )

    assert [row.subject for row in by_average] == [two, one]
    assert [(row.subject, row.total) for row in by_total] == [(two, 8.0), (one, 6.0)]


def test_equal_subjects_keep_the_order_they_were_given():
    first, second = Subject(1, "a"), Subject(2, "b")
    lines = [
        ReviewLine(subject_key=2, conflict=False, scores={"impact": 3, "risk": 3}),
        ReviewLine(subject_key=1, conflict=False, scores={"impact": 3, "risk": 3}),
    ]

    rows = reviews.review_ranking(subjects=[first, second], criteria=CRITERIA, reviews=lines)

    assert [row.subject for row in rows] == [first, second]


def test_score_field_offers_zero_to_the_maximum():
    field = reviews.score_choice_field(Criterion(key=1, label="Impact", maximum=3), initial=2)

    assert [value for value, _label in field.choices] == ["", "0", "1", "2", "3"]
    assert field.choices[-1][1] == "3 / 3" and field.initial == 2 and field.required
    assert field.clean("3") == 3
