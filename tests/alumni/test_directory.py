"""The alumni directory shows fellows and alumni who chose to be listed, and of each only what
they agreed to show."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from alumni import rules
from alumni.models import DirectoryProfile, Sector
from cohorts.models import Profile
from tests.alumni_factories import DirectoryProfileFactory
from tests.factories import (
    CohortFactory,
    FellowshipFactory,
    PersonFactory,
    PositionFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

DIRECTORY = "/reseau/annuaire/"


def text_of(response) -> str:
    without_tags = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(without_tags))


def listed_fellow(full_name: str, *, cohort=None, profile=Profile.DEVELOPER, **consents):
    person = PersonFactory(full_name=full_name, email=f"{full_name.split()[0].lower()}@example.fr")
    FellowshipFactory(person=person, profile=profile, **({"cohort": cohort} if cohort else {}))
    directory_profile = DirectoryProfileFactory(person=person, **consents)
    return person, directory_profile


def test_a_fellow_becomes_an_alumnus_when_the_cohort_ends():
    cohort = CohortFactory(
        year=2024, start_date=datetime.date(2024, 1, 15), end_date=datetime.date(2024, 11, 15)
    )
    person = FellowshipFactory(cohort=cohort).person

    assert not rules.person_is_alumnus(person, today=datetime.date(2024, 11, 15))
    assert rules.person_is_alumnus(person, today=datetime.date(2024, 11, 16))


def test_without_an_end_date_a_cohort_is_over_once_the_next_year_is(client, alumnus_user):
    """The 2017–2020 public data records no end dates: a 2018 promotion is long over."""
    old = CohortFactory(year=2018, start_date=None, end_date=None)
    current = CohortFactory(year=2025, start_date=None, end_date=None)
    veteran, _ = listed_fellow("Vera Ancienne", cohort=old)
    newcomer, _ = listed_fellow("Nina Nouvelle", cohort=current)
    today = datetime.date(2026, 11, 29)

    assert rules.person_is_alumnus(veteran, today=today)
    assert not rules.person_is_alumnus(newcomer, today=today)
    assert rules.person_is_alumnus(newcomer, today=datetime.date(2027, 1, 1))


def test_directory_lists_only_people_who_chose_to_be_listed(client, alumnus_user):
    listed_fellow("Bertrand Listé")
    listed_fellow("Chloé Discrète", listed=False)
    client.force_login(alumnus_user)

    page = text_of(client.get(DIRECTORY))

    assert "Bertrand Listé" in page
    assert "Chloé Discrète" not in page


def test_directory_hides_every_item_not_consented_to(client, alumnus_user):
    person, _profile = listed_fellow("Bertrand Listé", linkedin="https://linkedin.com/in/bertrand")
    PositionFactory(person=person, organisation="Cour des comptes")
    client.force_login(alumnus_user)

    page = client.get(DIRECTORY).content.decode()

    assert "Bertrand Listé" in page
    assert "Cour des comptes" not in page
    assert "bertrand@example.fr" not in page
    assert "linkedin.com/in/bertrand" not in page


def test_directory_shows_the_items_consented_to(client, alumnus_user):
    person, _profile = listed_fellow(
        "Bertrand Listé", shows_everything=True, linkedin="https://linkedin.com/in/bertrand"
    )
    PositionFactory(person=person, organisation="Cour des comptes")
    client.force_login(alumnus_user)

    page = client.get(DIRECTORY).content.decode()

    assert "Cour des comptes" in page
    assert "bertrand@example.fr" in page
    assert "linkedin.com/in/bertrand" in page


def test_consent_withdrawn_on_the_profile_page_hides_the_item_at_once(client, alumnus_user):
    person = alumnus_user.person
    PositionFactory(person=person, organisation="Cour des comptes")
    DirectoryProfileFactory(person=person, shows_everything=True)
    client.force_login(alumnus_user)
    assert "Cour des comptes" in client.get(DIRECTORY).content.decode()

    response = client.post(
        reverse("alumni:profile"),
        {"headline": "Designer", "listed": "on", "show_email": "on"},
    )

    assert response.status_code == 302
    profile = DirectoryProfile.objects.get(person=person)
    assert (profile.show_positions, profile.show_email) == (False, True)
    assert profile.consent_updated_at is not None
    assert "Cour des comptes" not in client.get(DIRECTORY).content.decode()


def test_filtering_by_sector_does_not_reveal_hidden_positions(client, alumnus_user):
    hidden, _ = listed_fellow("Hugo Caché")
    PositionFactory(person=hidden, sector=Sector.PRIVATE)
    shown, _ = listed_fellow("Sarah Visible", show_positions=True)
    PositionFactory(person=shown, sector=Sector.PRIVATE)
    client.force_login(alumnus_user)

    page = text_of(client.get(DIRECTORY, {"sector": Sector.PRIVATE}))

    assert "Sarah Visible" in page
    assert "Hugo Caché" not in page


def test_directory_searches_by_cohort_profile_and_skill(client, alumnus_user):
    cohort = CohortFactory(name="EIG 9", number=9)
    python = SkillFactory(name="Python")
    _, designer_profile = listed_fellow(
        "Dana Designer", cohort=cohort, profile=Profile.DESIGNER, show_presentation=True
    )
    designer_profile.skills.add(python)
    listed_fellow("Paul Autre")
    client.force_login(alumnus_user)

    by_cohort = text_of(client.get(DIRECTORY, {"cohort": cohort.pk}))
    by_profile = text_of(client.get(DIRECTORY, {"profile": Profile.DESIGNER}))
    by_skill = text_of(client.get(DIRECTORY, {"skill": python.pk}))

    for page in (by_cohort, by_profile, by_skill):
        assert "Dana Designer" in page
        assert "Paul Autre" not in page


def test_staff_browse_the_directory(client, staff_user):
    listed_fellow("Bertrand Listé")
    client.force_login(staff_user)

    assert "Bertrand Listé" in text_of(client.get(DIRECTORY))


def test_the_directory_is_closed_to_users_who_are_not_fellows(client, outsider_user):
    listed_fellow("Bertrand Listé")
    client.force_login(outsider_user)

    response = client.get(DIRECTORY)

    assert response.status_code == 404
    assert "Bertrand Listé" not in response.content.decode()


def test_the_directory_sends_anonymous_visitors_to_the_login(client):
    response = client.get(DIRECTORY)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_directory_query_count_does_not_grow_with_the_entries(
    client, alumnus_user, django_assert_max_num_queries
):
    def add_entries(count: int, start: int):
        for n in range(start, start + count):
            person, profile = listed_fellow(f"Personne {n}", shows_everything=True)
            PositionFactory(person=person)
            profile.skills.add(SkillFactory())

    client.force_login(alumnus_user)
    add_entries(2, 0)
    # The page's own queries are 8 (filters' choices, count, profiles, fellowships, positions,
    # skills); the rest is the session, the user and the site's header and footer.
    with django_assert_max_num_queries(30) as few:
        client.get(DIRECTORY)
    add_entries(8, 10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(DIRECTORY)

    assert text_of(response).count("Personne ") == 10


def test_the_header_offers_the_network_spaces_to_alumni(client, alumnus_user):
    client.force_login(alumnus_user)

    page = client.get(reverse("alumni:profile")).content.decode()

    assert reverse("alumni:directory") in page
    assert "Mon profil d&#x27;ancien" in page or "Mon profil d'ancien" in page
