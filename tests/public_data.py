"""Builders and helpers shared by the tests of the public pages, downloads and API."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cohorts.models import Profile
from projects.models import LinkKind, TeamRole
from tests.factories import (
    AdministrationFactory,
    ChallengeFactory,
    ChallengeLinkFactory,
    CohortFactory,
    FellowshipFactory,
    KeyFigureFactory,
    PersonFactory,
    SkillFactory,
    TeamMembershipFactory,
    ThemeFactory,
)


def a_full_challenge(*, cohort=None, **fields):
    """A published challenge with everything its pages show: two host administrations under a
    ministry, a theme, a skill, a fellow who consented (with a fellowship in the cohort), one who
    did not, a mentor, a sponsor, a key figure and two links."""
    cohort = cohort or CohortFactory()
    ministry = AdministrationFactory()
    challenge = ChallengeFactory(
        cohort=cohort,
        administrations=[
            AdministrationFactory(parent=ministry),
            AdministrationFactory(parent=AdministrationFactory(parent=ministry)),
        ],
        **fields,
    )
    challenge.themes.add(ThemeFactory())
    challenge.skills.add(SkillFactory())
    for person, role in (
        (PersonFactory(), TeamRole.FELLOW),
        (PersonFactory(private=True), TeamRole.FELLOW),
        (PersonFactory(), TeamRole.MENTOR),
        (PersonFactory(), TeamRole.SPONSOR),
    ):
        TeamMembershipFactory(challenge=challenge, person=person, role=role)
        if role == TeamRole.FELLOW:
            FellowshipFactory(person=person, cohort=cohort, profile=Profile.DATA_SCIENTIST)
    KeyFigureFactory(challenge=challenge)
    ChallengeLinkFactory(challenge=challenge, kind=LinkKind.SOURCE_CODE)
    ChallengeLinkFactory(challenge=challenge, kind=LinkKind.WEBSITE)
    return challenge


def many_full_challenges(count: int, *, cohort=None) -> list:
    """``count`` challenges of ``a_full_challenge``, made fast: Wagtail's reference index, which
    the public pages never read, is not updated on each save."""
    from wagtail.signal_handlers import disable_reference_index_auto_update

    with disable_reference_index_auto_update():
        return [a_full_challenge(cohort=cohort) for _ in range(count)]


def get_query_count(client, url: str) -> int:
    """The number of queries of an anonymous GET of ``url``, page cache emptied, after a first
    request that warms up what Django and Wagtail cache per process."""
    cache.clear()
    assert client.get(url).status_code == 200
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)
