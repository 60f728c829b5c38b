"""A challenge's objectives over time: its team defines them and records their values in the
team space; the public page shows the curve of those the team made public; where an objective
stands at a date is its last value against its target."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import ChallengeObjective, ObjectiveValue, TeamRole
from projects.objectives import ObjectiveStatus, objective_progress
from projects.selectors import challenge_objective_series
from tests.factories import ChallengeFactory, CohortFactory
from tests.program_life_factories import ObjectiveFactory, ObjectiveValueFactory, team_member

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 5, 4)


@pytest.fixture(autouse=True)
def frozen_today():
    # The clock ticks: the public cache names its versions after it.
    with time_machine.travel(datetime.datetime(2026, 5, 4, 10, 0)):
        yield


@pytest.fixture
def challenge():
    cohort = CohortFactory(
        name="EIG 9",
        slug="eig-9",
        number=9,
        year=2026,
        start_date=datetime.date(2026, 1, 5),
        end_date=datetime.date(2026, 10, 30),
    )
    return ChallengeFactory(cohort=cohort, title="Signaux faibles", slug="signaux-faibles")


@pytest.fixture
def fellow(challenge):
    return team_member(challenge=challenge, username="alice", full_name="Alice Martin")


@pytest.fixture
def mentor(challenge):
    return team_member(challenge=challenge, role=TeamRole.MENTOR, username="bruno")


@pytest.fixture
def objective(challenge):
    return ObjectiveFactory(
        challenge=challenge,
        name="Délai de réponse",
        unit="jours",
        baseline=Decimal("30"),
        target=Decimal("10"),
        is_public=True,
    )


@pytest.fixture
def other_team_member():
    """A fellow of another challenge: a team member, but not of this team."""
    return team_member(username="autre", full_name="Claude Ailleurs")


def value_url(challenge, objective):
    return reverse("team:objective-value-create", args=[challenge.pk, objective.pk])


def public_url(challenge):
    return reverse(
        "projects:challenge-detail",
        kwargs={"cohort_slug": challenge.cohort.slug, "slug": challenge.slug},
    )


# --- The team space ------------------------------------------------------------------------------


def test_fellow_adds_a_value_recorded_with_their_name(client, challenge, fellow, objective):
    client.force_login(fellow)

    response = client.post(
        value_url(challenge, objective),
        {"measured_on": "2026-03-02", "value": "22,5", "note": "Après la nouvelle file."},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("team:objectives", args=[challenge.pk])
    value = ObjectiveValue.objects.get()
    assert (value.objective, value.measured_on, value.value) == (
        objective,
        datetime.date(2026, 3, 2),
        Decimal("22.5"),
    )
    assert value.recorded_by == fellow.person
    page = client.get(reverse("team:objectives", args=[challenge.pk])).content.decode()
    assert "2 mars 2026" in page and "22,5\N{NO-BREAK SPACE}jours" in page
    assert "Après la nouvelle file." in page and "Alice Martin" in page


def test_mentor_defines_an_objective(client, challenge, mentor):
    client.force_login(mentor)

    response = client.post(
        reverse("team:objective-create", args=[challenge.pk]),
        {
            "name": "Dossiers traités par mois",
            "unit": "dossiers",
            "baseline": "1 200",
            "target": "1500,5",
            "source": "Tableau de bord",
            "is_public": "on",
            "order": "1",
        },
    )

    assert response.status_code == 302
    objective = ChallengeObjective.objects.get()
    assert (objective.challenge, objective.baseline, objective.target, objective.is_public) == (
        challenge,
        Decimal("1200"),
        Decimal("1500.5"),
        True,
    )


def test_a_value_edited_by_another_member_of_the_team(client, challenge, fellow, mentor, objective):
    value = ObjectiveValueFactory(objective=objective, recorded_by=fellow.person)
    client.force_login(mentor)

    response = client.post(
        reverse("team:objective-value-edit", args=[challenge.pk, value.pk]),
        {"measured_on": value.measured_on.isoformat(), "value": "25", "note": ""},
    )

    assert response.status_code == 302
    value.refresh_from_db()
    assert value.value == Decimal("25")
    assert value.recorded_by == fellow.person  # the first author stays


def test_another_teams_member_gets_404_everywhere(client, challenge, objective, other_team_member):
    value = ObjectiveValueFactory(objective=objective)
    own_challenge = other_team_member.person.memberships.get().challenge
    client.force_login(other_team_member)
    urls = [
        reverse("team:objectives", args=[challenge.pk]),
        reverse("team:objective-create", args=[challenge.pk]),
        reverse("team:objective-edit", args=[challenge.pk, objective.pk]),
        value_url(challenge, objective),
        reverse("team:objective-value-edit", args=[challenge.pk, value.pk]),
        # This team's objective and value under the address of their own challenge.
        reverse("team:objective-edit", args=[own_challenge.pk, objective.pk]),
        value_url(own_challenge, objective),
        reverse("team:objective-value-edit", args=[own_challenge.pk, value.pk]),
    ]

    for url in urls:
        assert client.get(url).status_code == 404, url
    for url in urls[1:]:  # the forms
        assert client.post(url, {"measured_on": "2026-03-02", "value": "1"}).status_code == 404
    assert list(ObjectiveValue.objects.all()) == [value]
    value.refresh_from_db()
    assert value.value == Decimal("120")


def test_anonymous_is_sent_to_login_and_nothing_is_saved(client, challenge, objective):
    response = client.post(
        value_url(challenge, objective), {"measured_on": "2026-03-02", "value": "1"}
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not ObjectiveValue.objects.exists()


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("9" * 400, "au plus 12 chiffres avant la virgule et 3 après"),
        ("1e400", "au plus 12 chiffres avant la virgule et 3 après"),
        ("1000000000000", "au plus 12 chiffres avant la virgule"),
        ("12,3456", "au plus 3 chiffres après la virgule"),
        ("Infinity", "Saisissez un nombre"),
        ("douze", "Saisissez un nombre"),
    ],
)
def test_an_unbounded_value_is_a_form_error_with_the_input_kept(
    client, challenge, fellow, objective, typed, error
):
    client.force_login(fellow)

    response = client.post(
        value_url(challenge, objective), {"measured_on": "2026-03-02", "value": typed}
    )

    assert response.status_code == 400
    content = response.content.decode()
    assert error in content.replace("&#x27;", "'")
    assert 'id="id_value-desc-error"' in content
    assert f'value="{typed}"' in content
    assert not ObjectiveValue.objects.exists()


@pytest.mark.parametrize(
    ("measured_on", "error"),
    [
        ("2026-05-05", "ne peut pas être dans le futur"),
        ("2025-12-31", "ne peut pas précéder le début de la promotion (5 janvier 2026)"),
        ("2026-02-02", "Une valeur est déjà enregistrée à cette date"),
    ],
)
def test_a_measure_date_is_refused_at_the_field(
    client, challenge, fellow, objective, measured_on, error
):
    ObjectiveValueFactory(objective=objective, measured_on=datetime.date(2026, 2, 2))
    client.force_login(fellow)

    response = client.post(
        value_url(challenge, objective), {"measured_on": measured_on, "value": "12"}
    )

    assert response.status_code == 400
    assert error in response.content.decode()
    assert 'id="id_measured_on-desc-error"' in response.content.decode()
    assert ObjectiveValue.objects.count() == 1


def test_a_target_equal_to_the_baseline_is_refused(client, challenge, fellow):
    client.force_login(fellow)

    response = client.post(
        reverse("team:objective-create", args=[challenge.pk]),
        {"name": "Taux", "baseline": "12,5", "target": "12.5", "order": "0"},
    )

    assert response.status_code == 400
    assert "La cible doit différer de la valeur de départ." in response.content.decode()
    assert 'value="12,5"' in response.content.decode()
    assert not ChallengeObjective.objects.exists()


# --- The public page ----------------------------------------------------------------------------


def test_public_page_shows_the_curve_of_public_objectives_only(client, challenge, objective):
    ObjectiveValueFactory(objective=objective, measured_on=datetime.date(2026, 2, 2), value=25)
    ObjectiveValueFactory(
        objective=objective, measured_on=datetime.date(2026, 4, 1), value=18, note="Note interne"
    )
    hidden = ObjectiveFactory(challenge=challenge, name="Indicateur confidentiel", is_public=False)
    ObjectiveValueFactory(objective=hidden)

    content = client.get(public_url(challenge)).content.decode()

    assert "Les objectifs au fil du temps" in content
    assert f'id="objectif-{objective.pk}-title">Délai de réponse au fil du temps</title>' in content
    assert "<polyline" in content
    assert (
        "2 février 2026 : 25\N{NO-BREAK SPACE}jours ; 1 avril 2026 : 18\N{NO-BREAK SPACE}jours"
        in content
    )
    assert "Dernière valeur : 18\N{NO-BREAK SPACE}jours le 1 avril 2026" in content
    assert "<td>18\N{NO-BREAK SPACE}jours</td>" in content  # the table after the chart
    assert "Indicateur confidentiel" not in content
    assert "Note interne" not in content


def test_public_page_without_a_public_objective_has_no_objectives_section(client, challenge):
    ObjectiveValueFactory(objective=ObjectiveFactory(challenge=challenge, is_public=False))

    content = client.get(public_url(challenge)).content.decode()

    assert "Les objectifs au fil du temps" not in content
    assert "<polyline" not in content


def test_making_an_objective_public_shows_it_on_the_cached_public_page(
    client, challenge, objective
):
    objective.is_public = False
    objective.save()
    assert "Délai de réponse" not in client.get(public_url(challenge)).content.decode()

    objective.is_public = True
    objective.save()

    assert "Délai de réponse" in client.get(public_url(challenge)).content.decode()


def test_objectives_are_read_in_two_queries_whatever_their_number(challenge):
    def queries_for(count):
        for _index in range(count):
            ObjectiveValueFactory(objective=ObjectiveFactory(challenge=challenge))
        with CaptureQueriesContext(connection) as queries:
            series = challenge_objective_series(challenge=challenge, public_only=True)
        assert len(series) == ChallengeObjective.objects.count()
        return len(queries)

    assert queries_for(1) == queries_for(5) == 2


# --- Where an objective stands at a date ----------------------------------------------------------

STARTS, ENDS = datetime.date(2026, 1, 1), datetime.date(2026, 11, 1)


def status_on(on, values, *, baseline="30", target="10"):
    return objective_progress(
        baseline=Decimal(baseline),
        target=Decimal(target),
        values=[(day, Decimal(value)) for day, value in values],
        on=on,
        starts=STARTS,
        ends=ENDS,
    )


def test_last_value_against_target_at_a_date():
    values = [(datetime.date(2026, 3, 1), "25"), (datetime.date(2026, 6, 1), "14")]

    before = status_on(datetime.date(2026, 2, 1), values)
    march = status_on(datetime.date(2026, 3, 1), values)
    april = status_on(datetime.date(2026, 4, 1), values)
    june = status_on(datetime.date(2026, 6, 1), values)

    assert (before.status, before.last_value) == (ObjectiveStatus.NO_VALUE, None)
    # 5 of the 20 days gained on March 1st, when 19 % of the time has passed: on track.
    assert (march.last_value, march.progress, march.status) == (
        Decimal("25"),
        0.25,
        ObjectiveStatus.ON_TRACK,
    )
    # Still 25 % of the way on April 1st, when 30 % of the time has passed: behind.
    assert (april.last_on, april.status) == (datetime.date(2026, 3, 1), ObjectiveStatus.NOT_REACHED)
    # 16 of 20 on June 1st, when 50 % of the time has passed.
    assert (june.last_on, june.progress_percent, june.status) == (
        datetime.date(2026, 6, 1),
        80.0,
        ObjectiveStatus.ON_TRACK,
    )


def test_an_objective_is_reached_at_or_beyond_its_target_in_either_direction():
    assert status_on(STARTS, [(STARTS, "10")]).status == ObjectiveStatus.REACHED
    assert status_on(STARTS, [(STARTS, "8")]).status == ObjectiveStatus.REACHED
    rising = status_on(STARTS, [(STARTS, "250")], baseline="100", target="200")
    assert (rising.progress, rising.status) == (1.5, ObjectiveStatus.REACHED)


def test_behind_schedule_or_after_the_end_it_is_not_reached():
    late = status_on(datetime.date(2026, 9, 1), [(datetime.date(2026, 9, 1), "25")])
    wrong_way = status_on(datetime.date(2026, 2, 1), [(datetime.date(2026, 2, 1), "35")])
    ended = status_on(datetime.date(2026, 12, 1), [(datetime.date(2026, 10, 1), "11")])

    assert late.status == ObjectiveStatus.NOT_REACHED  # 25 % of the way, 80 % of the time
    assert (wrong_way.progress, wrong_way.status) == (-0.25, ObjectiveStatus.NOT_REACHED)
    assert ended.status == ObjectiveStatus.NOT_REACHED
