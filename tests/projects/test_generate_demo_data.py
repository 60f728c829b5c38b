"""Synthetic demonstration data: N times the real data, plainly synthetic, reproducible."""

from io import StringIO

import pytest
import yaml
from django.core.management import CommandError, call_command

from cohorts.models import Cohort, Fellowship, Person
from projects.models import Administration, Challenge, KeyFigure, TeamMembership, TeamRole
from tests.factories import PersonFactory

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def real_sizes(site_eig_dir) -> dict[str, int]:
    def entries(name):
        return yaml.load((site_eig_dir / name).read_text(encoding="utf-8"), Loader=LOADER)

    return {
        "cohorts": len(entries("promos.yml")),
        "challenges": len(entries("defis.yml")),
        "people": len(entries("personnes.yml")),
    }


def generate(*options: str) -> str:
    out = StringIO()
    call_command("generate_demo_data", *options, stdout=out)
    return out.getvalue()


def fingerprint() -> list[tuple]:
    """What the synthetic data says, without the database's ids."""
    return [
        (
            challenge.slug,
            challenge.cohort.slug,
            challenge.town,
            sorted(challenge.administrations.values_list("name", flat=True)),
            sorted(challenge.skills.values_list("code", flat=True)),
            sorted(challenge.memberships.values_list("person__slug", "role")),
            [(figure.amount, figure.description) for figure in challenge.key_figures.all()],
        )
        for challenge in Challenge.objects.order_by("slug").select_related("cohort")
    ]


def test_scale_two_creates_twice_the_real_cohorts_challenges_and_people(db, site_eig_dir):
    real = real_sizes(site_eig_dir)

    generate("--scale", "2")

    assert Cohort.objects.count() == 2 * real["cohorts"]
    assert Challenge.objects.count() == 2 * real["challenges"]
    assert Person.objects.count() == 2 * real["people"]
    for challenge in Challenge.objects.all():
        roles = set(challenge.memberships.values_list("role", flat=True))
        assert roles == {TeamRole.FELLOW, TeamRole.MENTOR}, challenge
        assert challenge.administrations.exists()
    for fellowship in Fellowship.objects.all():
        assert TeamMembership.objects.filter(
            person=fellowship.person, role=TeamRole.FELLOW, challenge__cohort=fellowship.cohort
        ).exists()
    assert KeyFigure.objects.exists()


def test_synthetic_records_say_so_and_do_not_collide_with_the_real_slugs(db, site_eig_dir):
    real_people = yaml.load(
        (site_eig_dir / "personnes.yml").read_text(encoding="utf-8"), Loader=LOADER
    )
    real_slugs = {
        entry["link_to"].rsplit("/", 1)[-1].removesuffix(".html") for entry in real_people.values()
    }

    generate("--scale", "1")

    assert all("synthétique" in name for name in Person.objects.values_list("full_name", flat=True))
    assert all(
        "synthétique" in title for title in Challenge.objects.values_list("title", flat=True)
    )
    assert all(
        "synthétique" in name for name in Administration.objects.values_list("name", flat=True)
    )
    assert not real_slugs & set(Person.objects.values_list("slug", flat=True))


def test_a_second_run_refuses_and_changes_nothing(db):
    generate("--scale", "1")
    before = fingerprint()

    with pytest.raises(CommandError, match="--replace"):
        generate("--scale", "1")

    assert fingerprint() == before


def test_replace_gives_the_same_data_again_and_keeps_the_real_records(db):
    real_person = PersonFactory(full_name="Camille Réelle", slug="camille-reelle")
    generate("--scale", "1")
    first = fingerprint()
    people = Person.objects.count()

    generate("--scale", "1", "--replace")

    assert fingerprint() == first
    assert Person.objects.count() == people
    assert Person.objects.filter(pk=real_person.pk).exists()
