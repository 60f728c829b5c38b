"""Safety of the site-eig import: dry run, malformed files, one transaction, reconciliation
corner cases. Each test works on a copy of the real data cut down to the first promotion, so
that it imports in a fraction of the full run."""

import re
import shutil
import unicodedata
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.apps import apps
from django.core.management import CommandError, call_command

from cohorts.models import Cohort, Person, Track
from projects.models import TeamMembership, TeamRole

FIRST_PROMOTION = 1

# The C parser when available: the real files are large for the pure Python one.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def fold(text: str) -> str:
    letters = unicodedata.normalize("NFKD", text)
    letters = "".join(c for c in letters if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", letters))


def read_yaml(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)


def write_yaml(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def small_site(site_eig_dir, tmp_path) -> Path:
    """The real data of the first promotion: its challenges, the people listed on them or
    listing them, and their Markdown files."""
    directory = tmp_path / "site-eig"
    directory.mkdir()
    shutil.copy(site_eig_dir / "promos.yml", directory)
    defis = {
        key: entry
        for key, entry in read_yaml(site_eig_dir / "defis.yml").items()
        if entry["promotion"] == FIRST_PROMOTION
    }
    names = {
        fold(name)
        for entry in defis.values()
        for name in (entry["eigs"] or []) + (entry["mentors"] or [])
    }
    keys = {fold(key) for key in defis}
    people = {
        name: entry
        for name, entry in read_yaml(site_eig_dir / "personnes.yml").items()
        if fold(name) in names or keys & {fold(key) for key in entry["defis"] or []}
    }
    write_yaml(directory / "defis.yml", defis)
    write_yaml(directory / "personnes.yml", people)
    for folder, links in (
        ("defis", [e["link_to"] for e in defis.values()]),
        ("communaute", [e["link_to"] for e in people.values()]),
    ):
        (directory / folder).mkdir()
        for link in links:
            year, slug = link.split("/")[2], link.split("/")[3].removesuffix(".html")
            for path in (site_eig_dir / folder).glob(f"{year}-*-{slug}.md"):
                shutil.copy(path, directory / folder)
    return directory


def run_import(directory: Path, *options: str) -> str:
    out = StringIO()
    call_command("import_site_eig", str(directory), *options, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    """Rows of every table of the programme's data, their history included."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"cohorts", "projects", "alumni"}
    }


def test_dry_run_prints_the_same_summary_and_leaves_the_database_empty(db, small_site):
    before = row_counts()

    dry = run_import(small_site, "--dry-run")

    assert row_counts() == before
    assert "Simulation (--dry-run)" in dry
    real = run_import(small_site)
    assert dry.replace("Simulation (--dry-run) : rien n'a été enregistré.\n", "") == real
    assert row_counts() != before


def test_a_failure_while_writing_rolls_everything_back(db, small_site):
    cohort = Cohort.objects.create(
        track=Track.EIG, number=FIRST_PROMOTION, name="EIG 1", slug="eig-1", year=2000
    )
    path = small_site / "defis.yml"
    defis = read_yaml(path)
    last = list(defis)[-1]
    defis[last]["skills"] = ["competence-inconnue"]
    write_yaml(path, defis)
    before = row_counts()

    with pytest.raises(CommandError) as error:
        run_import(small_site)

    assert "defis.yml" in str(error.value) and "skills" in str(error.value)
    assert last in str(error.value)
    assert row_counts() == before
    cohort.refresh_from_db()
    assert cohort.year == 2000


def break_yaml(directory: Path) -> tuple[str, str]:
    path = directory / "personnes.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\nNom: [non fermé\n", encoding="utf-8")
    return "personnes.yml", "ligne"


def remove_required_key(directory: Path) -> tuple[str, str]:
    path = directory / "defis.yml"
    defis = read_yaml(path)
    del defis[next(iter(defis))]["link_to"]
    write_yaml(path, defis)
    return "defis.yml", "link_to"


def give_a_wrong_type(directory: Path) -> tuple[str, str]:
    path = directory / "defis.yml"
    defis = read_yaml(path)
    defis[next(iter(defis))]["duration_months"] = "dix"
    write_yaml(path, defis)
    return "defis.yml", "duration_months"


def remove_a_biography_name(directory: Path) -> tuple[str, str]:
    path = next((directory / "communaute").glob("*.md"))
    path.write_text("---\nlayout: personne\n---\nSans nom.\n", encoding="utf-8")
    return f"communaute/{path.name}", "nom"


@pytest.mark.parametrize(
    "corrupt", [break_yaml, remove_required_key, give_a_wrong_type, remove_a_biography_name]
)
def test_a_malformed_file_is_named_with_its_key_and_nothing_is_written(db, small_site, corrupt):
    file, key = corrupt(small_site)
    before = row_counts()

    with pytest.raises(CommandError) as error:
        run_import(small_site)

    assert file in str(error.value)
    assert key in str(error.value)
    assert row_counts() == before


def test_a_link_listed_only_on_the_person_side_becomes_a_membership(db, small_site):
    path = small_site / "defis.yml"
    defis = read_yaml(path)
    people = read_yaml(small_site / "personnes.yml")
    key, name, person = next(
        (key, name, person)
        for key, entry in defis.items()
        for name in entry["eigs"]
        for person, person_entry in people.items()
        if fold(name) == fold(person) and key in person_entry["defis"]
    )
    defis[key]["eigs"].remove(name)
    write_yaml(path, defis)

    summary = run_import(small_site)

    assert TeamMembership.objects.filter(
        challenge__title=defis[key]["title"], person__full_name=person, role=TeamRole.FELLOW
    ).exists()
    assert f"« {person} » EIG sur « {key} » : listé sur sa fiche, pas sur le défi" in summary


def test_a_person_naming_an_unknown_challenge_is_reported_unplaced(db, small_site):
    path = small_site / "personnes.yml"
    people = read_yaml(path)
    name = next(iter(people))
    people[name]["defis"] = [*(people[name]["defis"] or []), "Défi qui n'existe pas"]
    write_yaml(path, people)

    summary = run_import(small_site)

    unplaced = summary.split("Non placés", 1)[1].split("\n\n", 1)[0]
    assert f"« {name} » : défi « Défi qui n'existe pas » introuvable" in unplaced
    assert Person.objects.filter(full_name=name).exists()


def test_a_new_import_keeps_a_withdrawn_consent_and_what_the_files_leave_empty(db, small_site):
    run_import(small_site)
    person = Person.objects.filter(public_consent=True, linkedin="").first()
    person.public_consent = False
    person.linkedin = "https://www.linkedin.com/in/ajoute-par-l-equipe/"
    person.save()

    run_import(small_site)

    person.refresh_from_db()
    assert person.public_consent is False
    assert person.linkedin == "https://www.linkedin.com/in/ajoute-par-l-equipe/"
