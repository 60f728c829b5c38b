"""Staff manage the program's data in the Wagtail admin; nobody else gets in."""

import html
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from cohorts.models import Cohort, Person
from projects.models import Challenge, ChallengeStatus
from tests.factories import (
    AdministrationFactory,
    ChallengeFactory,
    CohortFactory,
    FellowshipFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def admin_url(model, view, *args) -> str:
    return reverse(model.snippet_viewset.get_url_name(view), args=args)


def text_of(response) -> str:
    """The page's text as a reader gets it: tags removed, entities decoded, spaces folded."""
    without_tags = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(without_tags))


def listed_rows(response) -> list[str]:
    """The text of each row of the listing's table body."""
    body = re.search(r"<tbody>(.*?)</tbody>", response.content.decode(), re.S)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1), re.S) if body else []
    return [
        re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", row))).strip() for row in rows
    ]


def test_anonymous_visitor_is_sent_to_the_admin_login(client):
    url = admin_url(Challenge, "list")

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


def test_logged_in_non_staff_user_is_refused(client, outsider_user):
    ChallengeFactory(title="Lab santé")
    client.force_login(outsider_user)

    response = client.get(admin_url(Challenge, "list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert [str(m).strip() for m in get_messages(response.wsgi_request)] == [
        "Vous n’avez pas l’autorisation d’accéder à l’administration."
    ]
    login_page = client.get(response["Location"])
    assert "Lab santé" not in text_of(login_page)


def test_staff_list_shows_each_challenge_with_its_cohort_and_administration(client, staff_user):
    ChallengeFactory(
        title="Lab santé",
        cohort=CohortFactory(name="EIG 3", number=3),
        administrations=[AdministrationFactory(name="Agence du numérique en santé")],
    )
    client.force_login(staff_user)

    response = client.get(admin_url(Challenge, "list"))

    assert response.status_code == 200
    [row] = listed_rows(response)
    assert "Lab santé" in row
    assert "EIG 3" in row
    assert "Agence du numérique en santé" in row
    assert "Terminé" in row


def test_staff_search_keeps_only_matching_challenges(client, staff_user):
    ChallengeFactory(title="Lab santé")
    ChallengeFactory(title="Signaux faibles")
    client.force_login(staff_user)

    response = client.get(admin_url(Challenge, "list"), {"q": "santé"})

    rows = listed_rows(response)
    assert len(rows) == 1
    assert "Lab santé" in rows[0]


def test_staff_filter_by_status_keeps_only_challenges_in_that_status(client, staff_user):
    ChallengeFactory(title="Lab santé", draft=True)
    ChallengeFactory(title="Signaux faibles")
    client.force_login(staff_user)

    response = client.get(admin_url(Challenge, "list"), {"status": ChallengeStatus.DRAFT})

    rows = listed_rows(response)
    assert len(rows) == 1
    assert "Lab santé" in rows[0]


def test_staff_filter_by_administration_keeps_only_its_challenges(client, staff_user):
    health = AdministrationFactory(name="Agence du numérique en santé")
    ChallengeFactory(title="Lab santé", administrations=[health])
    ChallengeFactory(title="Signaux faibles")
    client.force_login(staff_user)

    response = client.get(admin_url(Challenge, "list"), {"administration": health.pk})

    rows = listed_rows(response)
    assert len(rows) == 1
    assert "Lab santé" in rows[0]


def test_staff_filter_people_by_cohort_lists_each_fellow_once(client, staff_user):
    first, second = CohortFactory(name="EIG 1", number=1), CohortFactory(name="EIG 2", number=2)
    fellow = PersonFactory(full_name="Camille Martin")
    FellowshipFactory(person=fellow, cohort=first)
    FellowshipFactory(person=fellow, cohort=second)
    FellowshipFactory(person=PersonFactory(full_name="Louis Bernard"), cohort=second)
    client.force_login(staff_user)

    response = client.get(admin_url(Person, "list"), {"cohort": first.pk})

    rows = listed_rows(response)
    assert len(rows) == 1
    assert "Camille Martin" in rows[0]
    assert "EIG 1" in rows[0] and "EIG 2" in rows[0]


def test_staff_filter_people_by_public_consent(client, staff_user):
    PersonFactory(full_name="Camille Martin")
    PersonFactory(full_name="Louis Bernard", private=True)
    client.force_login(staff_user)

    response = client.get(admin_url(Person, "list"), {"public_consent": "false"})

    rows = listed_rows(response)
    assert len(rows) == 1
    assert "Louis Bernard" in rows[0]


def test_staff_creates_a_challenge_through_the_admin_form(client, staff_user):
    cohort = CohortFactory(name="EIG 4", number=4)
    administration = AdministrationFactory(name="Cour des comptes")
    client.force_login(staff_user)
    form_page = client.get(admin_url(Challenge, "add"))
    assert "Administrations d'accueil" in text_of(form_page)

    response = client.post(
        admin_url(Challenge, "add"),
        {
            "cohort": cohort.pk,
            "title": "Data jurid",
            "slug": "data-jurid",
            "administrations": [administration.pk],
            "duration_months": 10,
            "status": ChallengeStatus.SELECTED,
            "outcome": "",
        },
    )

    assert response.status_code == 302
    challenge = Challenge.objects.get(slug="data-jurid")
    assert challenge.cohort == cohort
    assert list(challenge.administrations.all()) == [administration]
    listing = client.get(response["Location"])
    assert "Data jurid" in listed_rows(listing)[0]


def test_staff_edit_form_shows_the_challenge_values(client, staff_user):
    challenge = ChallengeFactory(title="Lab santé", town="Lyon")
    client.force_login(staff_user)

    response = client.get(admin_url(Challenge, "edit", challenge.pk))

    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Lab santé"' in page
    assert 'value="Lyon"' in page
    assert "Mieux servir les usagers grâce aux données." in page


def test_staff_inspect_page_shows_the_challenge_fields(client, staff_user):
    challenge = ChallengeFactory(
        title="Lab santé",
        cohort=CohortFactory(name="EIG 3", number=3),
        administrations=[AdministrationFactory(name="Cour des comptes")],
    )
    client.force_login(staff_user)

    response = client.get(admin_url(Challenge, "inspect", challenge.pk))

    text = text_of(response)
    assert "Lab santé" in text
    assert "Promotion EIG 3" in text
    assert "Administrations d'accueil Cour des comptes" in text
    assert "État Terminé" in text


def test_invalid_edit_keeps_the_typed_values_and_explains_the_error_in_french(client, staff_user):
    cohort = CohortFactory(name="EIG 2", number=2)
    client.force_login(staff_user)

    response = client.post(
        admin_url(Cohort, "edit", cohort.pk),
        {
            "name": "EIG 2 — promotion test",
            "slug": cohort.slug,
            "track": cohort.track,
            "number": cohort.number,
            "year": cohort.year,
            "start_date": "2018-01-15",
            "end_date": "2017-11-15",
        },
    )

    assert response.status_code == 200
    assert 'value="EIG 2 — promotion test"' in response.content.decode()
    text = text_of(response)
    assert "La fin du programme doit suivre son début." in text
    assert "n'a pas pu être enregistré(e) à cause d'erreurs" in text
    cohort.refresh_from_db()
    assert cohort.name == "EIG 2"


def test_program_data_is_grouped_in_three_admin_menus(rf, staff_user):
    request = rf.get("/admin/")
    request.user = staff_user

    menus = {
        str(item.label): [str(sub.label) for sub in item.menu.menu_items_for_request(request)]
        for item in admin_menu.menu_items_for_request(request)
        if hasattr(item, "menu")
    }

    assert menus["Promotions"] == ["Promotions", "Personnes", "Parcours d'EIG"]
    assert menus["Défis"] == [
        "Administrations",
        "Défis",
        "Membres d'équipe",
        "Chiffres clés",
        "Liens",
        "Objectifs de défi",
        "Valeurs d'objectif",
        "Thématiques",
        "Compétences",
    ]
    assert menus["Alumni"] == ["Postes"]
