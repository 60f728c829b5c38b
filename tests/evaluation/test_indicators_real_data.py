"""Indicators on the program's real data, checked against counts taken straight from the YAML
files, independently of the importer."""

import re
import unicodedata
from collections import Counter, defaultdict
from io import StringIO

import pytest
import yaml
from django.core.management import call_command
from django.db import transaction

from evaluation.indicators import indicator_data_load, indicators_compute
from tests.conftest import SITE_EIG_DIR

# Every test is marked: pytest-django creates the test database only when some test asks for it.
pytestmark = pytest.mark.django_db

FELLOW_PROFILES_EXCLUDED = {"Mentor", "Accompagnement"}


def fold(text: str) -> str:
    """Case, accents, apostrophes, dashes and punctuation do not tell two spellings apart."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", " ", plain).strip()


def administration_key(name: str) -> str:
    """An administration's name without its trailing acronym in brackets or stray comma."""
    name = name.strip().rstrip(",").strip()
    return fold(re.sub(r"\s*\([^()]*\)$", "", name))


class SiteFiles:
    """What the YAML files say, read with PyYAML alone."""

    def __init__(self, directory):
        self.promos = yaml.safe_load((directory / "promos.yml").read_text(encoding="utf-8"))
        self.defis = yaml.safe_load((directory / "defis.yml").read_text(encoding="utf-8"))
        self.people = yaml.safe_load((directory / "personnes.yml").read_text(encoding="utf-8"))
        # promotion value in defis.yml ("1", "dig"…) → cohort name ("EIG 1", "DIG"…)
        self.cohort_names = {str(p["promotion"]): name for name, p in self.promos.items()}

    def tag(self, promotion: str) -> str:
        return "dig" if promotion == "dig" else f"eig-{promotion}"

    def challenges_per_cohort(self) -> dict[str, int]:
        counts = Counter(str(defi["promotion"]) for defi in self.defis.values())
        return {self.cohort_names[promotion]: n for promotion, n in counts.items()}

    def administrations(self) -> set[str]:
        return {administration_key(d["administration"]) for d in self.defis.values()}

    def fellows_per_cohort(self) -> dict[str, int]:
        """A fellow of a promotion is listed among the ``eigs`` of one of its challenges, or
        carries the promotion's tag on a fellow's profile, unless their page also says mentor
        and a challenge of that promotion lists them as mentor."""
        listed, mentors = defaultdict(set), defaultdict(set)
        for defi in self.defis.values():
            promotion = str(defi["promotion"])
            listed[promotion] |= {fold(name) for name in defi.get("eigs") or []}
            mentors[promotion] |= {fold(name) for name in defi.get("mentors") or []}
        result = {}
        for promotion, cohort in self.cohort_names.items():
            fellows = set(listed[promotion])
            for name, person in self.people.items():
                tags = person.get("class") or []
                if self.tag(promotion) not in tags or person.get("profil") in (
                    FELLOW_PROFILES_EXCLUDED
                ):
                    continue
                if "mentor" in tags and fold(name) in mentors[promotion]:
                    continue
                fellows.add(fold(name))
            result[cohort] = len(fellows)
        return result

    def key_figures(self) -> tuple[int, int]:
        figures = [len(d.get("key_figures") or []) for d in self.defis.values()]
        return sum(figures), sum(1 for n in figures if n)


@pytest.fixture(scope="module")
def files():
    return SiteFiles(SITE_EIG_DIR)


@pytest.fixture(scope="module")
def real_results(django_db_setup, django_db_blocker):
    """The indicators computed once on the imported real data; the import is rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("import_site_eig", str(SITE_EIG_DIR), stdout=StringIO())
        results = indicators_compute(data=indicator_data_load())
        transaction.set_rollback(True)
    return results


def values_by_label(indicator, index=0):
    breakdown = indicator.breakdowns[index]
    return {
        label: int(value) for label, value in zip(breakdown.labels, breakdown.values, strict=True)
    }


def test_challenges_per_cohort_match_the_files(real_results, files):
    selected = real_results.get("challenges_selected")

    assert values_by_label(selected) == files.challenges_per_cohort()
    assert selected.value == len(files.defis) == 71


def test_host_structures_match_the_distinct_administrations_of_the_files(real_results, files):
    everything = real_results.get("host_structures_all")
    top = real_results.get("host_structures_top")

    assert everything.value == len(files.administrations()) == 60
    # The files give no hierarchy: every structure is its own top, and the report says so.
    assert top.value == everything.value
    assert "n'ont pas de rattachement renseigné" in top.missing


def test_fellows_per_cohort_match_the_files(real_results, files):
    fellows = real_results.get("fellows_per_cohort")

    expected = files.fellows_per_cohort()
    assert values_by_label(fellows) == expected
    assert fellows.value == sum(expected.values()) == 134


def test_fellows_per_profile_cover_every_fellowship(real_results):
    per_profile = real_results.get("fellows_per_profile")

    assert sum(per_profile.breakdowns[0].values) == per_profile.n == 134
    assert {"Designer", "Data scientist", "Développeur ou développeuse"} <= set(
        per_profile.breakdowns[0].labels
    )


def test_key_figures_match_the_files(real_results, files):
    total, challenges_with_figures = files.key_figures()

    assert real_results.get("key_figures_count").value == total == 144
    share = real_results.get("challenges_with_key_figures_share")
    assert share.value == round(100 * challenges_with_figures / len(files.defis), 1)


def test_what_the_files_do_not_hold_is_reported_missing(real_results):
    continued = real_results.get("challenges_continued_share")
    alumni = real_results.get("alumni_public_sector_one_year")

    assert continued.n == 0 and "Devenir non renseigné pour 71 défis" in continued.missing
    assert alumni.n == 0 and "Aucun poste n'est enregistré" in alumni.missing
    assert real_results.get("applicants_women_share").n == 0
    assert real_results.get("applications_per_post").n == 0
