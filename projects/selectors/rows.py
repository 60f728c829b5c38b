"""Plain rows for the evaluation indicators: one query each, whatever the number of cohorts;
and the labels of the choices they hold."""

from typing import Any

from django.db.models import F

from projects.models import (
    Administration,
    Challenge,
    ChallengeProposal,
    KeyFigure,
    Outcome,
    TeamMembership,
)

ADMINISTRATION_ROW_FIELDS = ("id", "name", "acronym", "kind", "parent_id")
CHALLENGE_ROW_FIELDS = (
    "id",
    "cohort_id",
    "title",
    "slug",
    "summary",
    "status",
    "is_published",
    "outcome",
    "posts",
    "town",
)
KEY_FIGURE_ROW_FIELDS = (
    "id",
    "challenge_id",
    "amount",
    "prefix",
    "suffix",
    "description",
    "position",
)


def administration_rows_list() -> list[dict[str, Any]]:
    """Every administration as a plain row; ``parent_id`` gives the hierarchy."""
    return list(Administration.objects.order_by("id").values(*ADMINISTRATION_ROW_FIELDS))


def challenge_rows_list() -> list[dict[str, Any]]:
    """Every challenge, whatever its status, as a plain row."""
    return list(Challenge.objects.order_by("id").values(*CHALLENGE_ROW_FIELDS))


def challenge_administration_rows_list() -> list[dict[str, Any]]:
    """Every link between a challenge and one of its host administrations."""
    through = Challenge.administrations.through
    return list(through.objects.order_by("id").values("challenge_id", "administration_id"))


def team_membership_rows_list() -> list[dict[str, Any]]:
    """Every team membership, with the person's name and whether the person consented to
    appear publicly."""
    return list(
        TeamMembership.objects.order_by("challenge_id", "role", "person__full_name").values(
            "challenge_id",
            "person_id",
            "role",
            full_name=F("person__full_name"),
            public_consent=F("person__public_consent"),
        )
    )


def key_figure_rows_list() -> list[dict[str, Any]]:
    """Every key figure of every challenge, in each challenge's order."""
    return list(
        KeyFigure.objects.order_by("challenge_id", "position", "id").values(*KEY_FIGURE_ROW_FIELDS)
    )


def challenge_proposal_rows_list() -> list[dict[str, Any]]:
    """Every proposal made to a call for challenges, drafts included (the indicators leave them
    out), as a plain row: its cohort, status, the challenge it became, its posts, whether it
    states a co-funding (the co-funding text itself is not read) and the amounts, in euros, the
    administration commits and the program is asked for (``None`` when not given)."""
    from django.db.models import BooleanField, Case, When

    return list(
        ChallengeProposal.objects.order_by("id").values(
            "id",
            "cohort_id",
            "status",
            "challenge_id",
            "posts",
            "administration_funding_amount",
            "program_funding_amount",
            has_cofunding=Case(
                When(cofunding="", then=False), default=True, output_field=BooleanField()
            ),
        )
    )


def challenge_outcome_labels() -> dict[str, str]:
    """Each outcome of a finished challenge, its label by value, in the outcomes' order."""
    return {value: str(label) for value, label in Outcome.choices}
