"""The public pages of the promotions and of the people who consented to appear."""

import html

import pytest
from django.urls import reverse

from cohorts.models import Profile
from projects.models import TeamRole
from tests.factories import (
    ChallengeFactory,
    CohortFactory,
    FellowshipFactory,
    PersonFactory,
    TeamMembershipFactory,
)
from tests.public_data import a_full_challenge, get_query_count, many_full_challenges

pytestmark = pytest.mark.django_db

COHORT_LIST_URL = reverse("projects:cohort-list")


def cohort_url(cohort) -> str:
    return reverse("projects:cohort-detail", kwargs={"slug": cohort.slug})


def person_url(person) -> str:
    return reverse("projects:person-detail", kwargs={"slug": person.slug})


# --- Promotions ------------------------------------------------------------------------------


def test_cohort_list_shows_each_promotion_with_its_public_challenges_and_fellows(client):
    cohort = CohortFactory(name="EIG 2", year=2018)
    ChallengeFactory(cohort=cohort)
    ChallengeFactory(cohort=cohort)
    ChallengeFactory(cohort=cohort, draft=True)
    FellowshipFactory(cohort=cohort)
    FellowshipFactory(cohort=cohort, person=PersonFactory(private=True))

    content = client.get(COHORT_LIST_URL).content.decode()

    assert "EIG 2" in content
    assert cohort_url(cohort) in content
    assert "2 défis" in content
    assert (
        "2 entrepreneurs et designers d&#x27;intérêt général" in content
        or "2 entrepreneurs et designers d'intérêt général" in content
    )


def test_cohort_list_query_count_does_not_grow_with_promotions(client):
    a_full_challenge()
    one = get_query_count(client, COHORT_LIST_URL)

    many_full_challenges(49)
    fifty = get_query_count(client, COHORT_LIST_URL)

    assert one == fifty


def test_cohort_page_lists_its_published_challenges_and_consenting_fellows(client):
    cohort = CohortFactory(name="EIG 4")
    ChallengeFactory(cohort=cohort, title="Défi publié")
    ChallengeFactory(cohort=cohort, title="Brouillon secret", draft=True)
    ChallengeFactory(title="Défi d'une autre promotion")
    FellowshipFactory(
        cohort=cohort, profile=Profile.GEOMATICIAN, person=PersonFactory(full_name="Alice Martin")
    )
    FellowshipFactory(
        cohort=cohort,
        person=PersonFactory(full_name="Camille Secrète", slug="camille-secrete", private=True),
    )

    content = client.get(cohort_url(cohort)).content.decode()

    assert "Défi publié" in content
    assert "Brouillon secret" not in content
    assert "autre promotion" not in content
    assert "Alice Martin</a>, Géomaticien ou géomaticienne" in content
    assert "Camille Secrète" not in content
    assert "camille-secrete" not in content
    assert "Et 1 autre membre de la promotion." in content


def test_cohort_page_query_count_does_not_grow_with_challenges(client):
    cohort = CohortFactory()
    a_full_challenge(cohort=cohort)
    one = get_query_count(client, cohort_url(cohort))

    many_full_challenges(49, cohort=cohort)
    fifty = get_query_count(client, cohort_url(cohort))

    assert one == fifty


def test_unknown_cohort_is_not_found(client):
    assert (
        client.get(reverse("projects:cohort-detail", kwargs={"slug": "eig-99"})).status_code == 404
    )


def test_cohort_pages_escape_html_in_challenge_titles(client):
    cohort = CohortFactory()
    ChallengeFactory(cohort=cohort, title='<script>alert("x")</script>', slug="defi-script")

    content = client.get(cohort_url(cohort)).content.decode()

    assert "<script>alert" not in content
    assert html.escape('<script>alert("x")</script>') in content


# --- People ----------------------------------------------------------------------------------


def test_person_page_shows_biography_promotions_and_public_challenges_with_roles(client):
    person = PersonFactory(
        full_name="Alice Martin", biography="Data scientist, **passionnée**.", github="alicem"
    )
    cohort = CohortFactory(name="EIG 3")
    FellowshipFactory(person=person, cohort=cohort, profile=Profile.DATA_SCIENTIST)
    TeamMembershipFactory(
        person=person, challenge=ChallengeFactory(cohort=cohort, title="Défi visible")
    )
    TeamMembershipFactory(
        person=person, role=TeamRole.MENTOR, challenge=ChallengeFactory(title="Défi mentoré")
    )
    TeamMembershipFactory(
        person=person, challenge=ChallengeFactory(title="Brouillon secret", draft=True)
    )

    content = client.get(person_url(person)).content.decode()

    assert "<h1>Alice Martin</h1>" in content
    assert "<strong>passionnée</strong>" in content
    assert "EIG 3 · Data scientist" in content
    assert "Défi visible" in content
    assert "Défi mentoré" in content and "Mentor" in content
    assert "Brouillon secret" not in content
    assert "https://github.com/alicem" in content


def test_person_page_of_someone_without_consent_is_not_found(client):
    person = PersonFactory(private=True)
    TeamMembershipFactory(person=person)

    assert client.get(person_url(person)).status_code == 404


def test_person_page_shows_html_in_the_biography_as_text(client):
    person = PersonFactory(
        full_name="<b>Alice</b>", biography='<script>alert("bio")</script> <img src=x onerror=a()>'
    )

    content = client.get(person_url(person)).content.decode()

    assert "<script>alert" not in content
    assert "<img src=x" not in content
    assert "&lt;script&gt;alert" in content
    assert "<b>Alice</b>" not in content
    assert "&lt;b&gt;Alice&lt;/b&gt;" in content


def test_person_page_never_shows_the_email_address(client):
    person = PersonFactory(email="alice.martin@example.fr")

    assert "alice.martin@example.fr" not in client.get(person_url(person)).content.decode()
