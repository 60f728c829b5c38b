"""The key figures page: per promotion, charts and the same figures as a table."""

import re

import pytest
from django.urls import reverse

from cohorts.models import Profile
from projects.selectors import program_key_figures
from tests.factories import (
    AdministrationFactory,
    ChallengeFactory,
    CohortFactory,
    FellowshipFactory,
    PersonFactory,
)
from tests.public_data import a_full_challenge, get_query_count, many_full_challenges

pytestmark = pytest.mark.django_db

URL = reverse("projects:key-figures")


@pytest.fixture
def two_promotions():
    """EIG 1: two challenges in two directions of one ministry, and one in an agency; three
    fellows. EIG 2: one challenge in the same ministry; a fellow of EIG 1 again, another
    profile."""
    eig1 = CohortFactory(name="EIG 1", number=1, year=2017)
    eig2 = CohortFactory(name="EIG 2", number=2, year=2018)
    ministry = AdministrationFactory(name="Ministère des Armées")
    direction_a = AdministrationFactory(name="Direction A", parent=ministry)
    direction_b = AdministrationFactory(name="Direction B", parent=ministry)
    agency = AdministrationFactory(name="Agence C")
    ChallengeFactory(cohort=eig1, administrations=[direction_a])
    ChallengeFactory(cohort=eig1, administrations=[direction_b, agency])
    ChallengeFactory(cohort=eig1, administrations=[agency])
    ChallengeFactory(cohort=eig1, draft=True, administrations=[AdministrationFactory()])
    ChallengeFactory(cohort=eig2, administrations=[ministry])
    returning = PersonFactory()
    FellowshipFactory(cohort=eig1, person=returning, profile=Profile.DEVELOPER)
    FellowshipFactory(cohort=eig1, profile=Profile.DEVELOPER)
    FellowshipFactory(cohort=eig1, profile=Profile.DESIGNER, person=PersonFactory(private=True))
    FellowshipFactory(cohort=eig2, person=returning, profile=Profile.DATA_SCIENTIST)
    return eig1, eig2


def test_key_figures_count_challenges_fellows_by_profile_and_host_hierarchy(two_promotions):
    figures = program_key_figures()

    eig1, eig2 = figures.cohorts
    assert [p.value for p in figures.profiles] == ["developer", "data_scientist", "designer"]
    assert (eig1.challenges, eig1.fellows, eig1.profile_counts) == (3, 3, [2, 0, 1])
    # The ministry (through its two directions) and the agency; three named hosts.
    assert (eig1.structures, eig1.services) == (2, 3)
    assert (eig2.challenges, eig2.fellows, eig2.structures, eig2.services) == (1, 1, 1, 1)
    # In total, the returning fellow and the ministry count once.
    total = figures.total
    assert (total.challenges, total.fellows, total.structures, total.services) == (4, 3, 2, 4)
    assert total.profile_counts == [2, 1, 1]


def test_key_figures_page_shows_charts_and_the_same_figures_as_a_table(client, two_promotions):
    content = client.get(URL).content.decode()

    assert content.count('<svg class="eig-chart"') == 4
    assert "Défis par promotion" in content
    assert "EIG 1 : 3" in content  # the chart's text alternative
    table = content[content.index("<table>") : content.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)
    cells = [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", rows[1], flags=re.S)
    ]
    assert cells == ["EIG 1", "2017", "3", "3", "2", "0", "1", "2", "3"]


def test_key_figures_page_carries_the_data_credit(client, settings, two_promotions):
    content = client.get(URL).content.decode()

    assert settings.EIG_DATA_LICENCE_URL in content
    assert "Etalab / DINUM, site-eig" in content


def test_key_figures_page_query_count_does_not_grow_with_challenges(client):
    a_full_challenge()
    one = get_query_count(client, URL)

    many_full_challenges(49)
    fifty = get_query_count(client, URL)

    assert one == fifty


def test_key_figures_page_escapes_html_in_promotion_names(client):
    cohort = CohortFactory(name="<script>alert(1)</script>", slug="promo-script")
    ChallengeFactory(cohort=cohort)

    content = client.get(URL).content.decode()

    assert "<script>alert" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
