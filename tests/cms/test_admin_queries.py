"""The admin lists run as many queries for 20 rows as for one."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alumni.models import Position
from cohorts.models import Cohort, Fellowship, Person
from projects.models import (
    Administration,
    Challenge,
    ChallengeLink,
    KeyFigure,
    Skill,
    TeamMembership,
    Theme,
)
from tests.factories import (
    AdministrationFactory,
    ChallengeFactory,
    ChallengeLinkFactory,
    CohortFactory,
    FellowshipFactory,
    KeyFigureFactory,
    PositionFactory,
    SkillFactory,
    TeamMembershipFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def a_challenge():
    # Each row brings its own cohort, administrations, theme and skill.
    challenge = ChallengeFactory(administrations=[AdministrationFactory(), AdministrationFactory()])
    challenge.themes.add(ThemeFactory())
    challenge.skills.add(SkillFactory())
    return challenge


def a_person():
    fellowship = FellowshipFactory()
    FellowshipFactory(person=fellowship.person)
    return fellowship.person


def an_administration():
    return AdministrationFactory(parent=AdministrationFactory())


ROW_MAKERS = {
    Challenge: a_challenge,
    Person: a_person,
    Cohort: CohortFactory,
    Fellowship: FellowshipFactory,
    Administration: an_administration,
    TeamMembership: TeamMembershipFactory,
    KeyFigure: KeyFigureFactory,
    ChallengeLink: ChallengeLinkFactory,
    Theme: ThemeFactory,
    Skill: SkillFactory,
    Position: PositionFactory,
}


def list_queries(client, model) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(model.snippet_viewset.get_url_name("list")))
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("model", ROW_MAKERS, ids=lambda model: model.__name__)
def test_admin_list_query_count_does_not_grow_with_rows(client, staff_user, model):
    make_row = ROW_MAKERS[model]
    make_row()
    client.force_login(staff_user)
    list_queries(client, model)  # warm the caches (content types, session)
    for_one_row, _ = list_queries(client, model)
    for _ in range(19):
        make_row()

    for_twenty_rows, page = list_queries(client, model)

    rows = model.objects.count()
    assert rows >= 20
    assert f"{rows} {model._meta.verbose_name_plural}" in html.unescape(page)
    assert for_twenty_rows == for_one_row
