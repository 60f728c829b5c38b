"""The import of the real site-eig data, run once for the whole module.

Every expected value is derived here from the YAML files, with a folding of names written for
the tests, independently of the importer's own reconciliation.
"""

import re
import unicodedata
from collections import defaultdict
from io import StringIO

import pytest
import yaml
from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from cohorts.models import Cohort, Fellowship, Person
from projects.models import Administration, Challenge, ChallengeLink, LinkKind, TeamMembership
from tests.conftest import SITE_EIG_DIR

FELLOW_PROFILS = {
    "Développeur",
    "Développeuse",
    "Data scientist",
    "Data engineer",
    "Designer",
    "Designeuse",
}

# The C parser when available: the real files are large for the pure Python one.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def fold(text: str) -> str:
    """Case, accents and punctuation aside."""
    letters = unicodedata.normalize("NFKD", text)
    letters = "".join(c for c in letters if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", letters))


def load(name: str) -> dict:
    return yaml.load((SITE_EIG_DIR / name).read_text(encoding="utf-8"), Loader=LOADER)


def slug_of(link_to: str) -> str:
    return link_to.rsplit("/", 1)[-1].removesuffix(".html")


@pytest.fixture(scope="module")
def files():
    if not SITE_EIG_DIR.is_dir():
        pytest.fail(f"The real data is missing: {SITE_EIG_DIR}")
    promos, defis, people = load("promos.yml"), load("defis.yml"), load("personnes.yml")
    cohort_name = {str(promo["promotion"]): name for name, promo in promos.items()}
    person_slug = {}
    for name, entry in people.items():
        person_slug.setdefault(fold(name), slug_of(entry["link_to"]))
    for entry in people.values():
        person_slug.setdefault(fold(entry["title"]), slug_of(entry["link_to"]))
    return {
        "promos": promos,
        "defis": defis,
        "people": people,
        "cohort_name": cohort_name,
        "person_slug": person_slug,
    }


@pytest.fixture(scope="module")
def summary(django_db_setup, django_db_blocker, files):
    """Import once; every test of the module reads the result inside its own savepoint."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("import_site_eig", str(SITE_EIG_DIR), stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def challenge_of(files, key: str) -> Challenge:
    entry = files["defis"][key]
    return Challenge.objects.get(
        cohort__name=files["cohort_name"][str(entry["promotion"])], slug=slug_of(entry["link_to"])
    )


def test_cohorts_come_from_promos_with_their_year_and_no_invented_dates(db, summary, files):
    expected = {
        name: int(re.search(r"\d{4}", promo["class"])[0]) for name, promo in files["promos"].items()
    }

    cohorts = {cohort.name: cohort for cohort in Cohort.objects.all()}

    assert {name: cohort.year for name, cohort in cohorts.items()} == expected
    assert cohorts["DIG"].track == "dig"
    assert all(
        cohort.start_date is None and cohort.candidates_call_opens is None
        for cohort in cohorts.values()
    )


def test_each_cohort_gets_the_challenges_of_its_promotion(db, summary, files):
    expected = defaultdict(int)
    for entry in files["defis"].values():
        expected[files["cohort_name"][str(entry["promotion"])]] += 1

    for name, count in expected.items():
        assert Challenge.objects.filter(cohort__name=name).count() == count, name


def test_fellows_per_cohort_are_those_of_its_challenges_and_tags(db, summary, files):
    expected = defaultdict(set)
    tag_cohort = {
        f"eig-{p}" if p != "dig" else "dig": name for p, name in files["cohort_name"].items()
    }
    for entry in files["people"].values():
        # A fellow's promotion tags; a fellow who also mentored carries the mentoring's tags too,
        # so that person's promotions are read from the challenges only.
        if entry["profil"] in FELLOW_PROFILS and "mentor" not in entry["class"]:
            for tag in entry["class"]:
                if tag in tag_cohort:
                    expected[tag_cohort[tag]].add(slug_of(entry["link_to"]))
    for entry in files["defis"].values():
        for name in entry["eigs"] or []:
            expected[files["cohort_name"][str(entry["promotion"])]].add(
                files["person_slug"][fold(name)]
            )

    for cohort, slugs in expected.items():
        found = set(
            Fellowship.objects.filter(cohort__name=cohort).values_list("person__slug", flat=True)
        )
        assert found == slugs, cohort


def test_mentors_only_are_never_fellows(db, summary, files):
    by_slug = defaultdict(set)
    for entry in files["people"].values():
        by_slug[slug_of(entry["link_to"])].add(entry["profil"])
    mentors = [slug for slug, profils in by_slug.items() if profils == {"Mentor"}]

    assert mentors
    assert not Fellowship.objects.filter(person__slug__in=mentors).exists()


def test_every_link_listed_on_either_side_becomes_a_membership(db, summary, files):
    challenge_by_name = {}
    for key, entry in files["defis"].items():
        challenge_by_name[fold(key)] = key
    listed = set()
    for key, entry in files["defis"].items():
        for name in (entry["eigs"] or []) + (entry["mentors"] or []):
            if fold(name) in files["person_slug"]:
                listed.add((key, files["person_slug"][fold(name)]))
    for entry in files["people"].values():
        for name in entry["defis"] or []:
            listed.add((challenge_by_name[fold(name)], slug_of(entry["link_to"])))

    for key, slug in listed:
        assert TeamMembership.objects.filter(
            challenge=challenge_of(files, key), person__slug=slug
        ).exists(), (key, slug)


def test_links_listed_on_one_side_only_are_kept(db, summary, files):
    on_person_side = defaultdict(set)
    for entry in files["people"].values():
        on_person_side[slug_of(entry["link_to"])] |= {fold(name) for name in entry["defis"]}
    on_challenge_side = defaultdict(set)
    for key, entry in files["defis"].items():
        for name in (entry["eigs"] or []) + (entry["mentors"] or []):
            on_challenge_side[files["person_slug"].get(fold(name))].add(fold(key))
    one_sided = [
        (key, slug)
        for slug, keys in on_challenge_side.items()
        if slug
        for key in keys - on_person_side[slug]
    ]
    one_sided += [
        (key, slug)
        for slug, keys in on_person_side.items()
        for key in keys - on_challenge_side[slug]
    ]
    keys = {fold(key): key for key in files["defis"]}

    assert one_sided, "the real data has links listed on one side only"
    for key, slug in one_sided:
        person = Person.objects.get(slug=slug)
        assert TeamMembership.objects.filter(
            challenge=challenge_of(files, keys[key]), person=person
        ).exists()
        assert person.full_name in summary


def test_a_fellow_listed_as_mentor_on_a_challenge_stays_a_fellow(db, summary, files):
    entries = defaultdict(list)
    for name, entry in files["people"].items():
        entries[slug_of(entry["link_to"])].append((name, entry))
    # People whose every entry is a fellow's, without the mentor tag.
    fellows = {
        fold(name): name
        for both in entries.values()
        for name, _entry in both
        if all(
            entry["profil"] in FELLOW_PROFILS and "mentor" not in entry["class"]
            for _name, entry in both
        )
    }
    misplaced = [
        (key, fellows[fold(name)])
        for key, entry in files["defis"].items()
        for name in entry["mentors"] or []
        if fold(name) in fellows
    ]

    assert misplaced
    corrections = summary.split("Rôles corrigés", 1)[1].split("\n\n", 1)[0]
    for key, name in misplaced:
        roles = set(
            TeamMembership.objects.filter(
                challenge=challenge_of(files, key), person__full_name=name
            ).values_list("role", flat=True)
        )
        assert roles == {"fellow"}, (key, name)
        assert f"« {name} » sur « {key} »" in corrections


def test_names_on_a_challenge_without_a_person_entry_become_private_people(db, summary, files):
    unknown = {
        name: key
        for key, entry in files["defis"].items()
        for name in (entry["eigs"] or []) + (entry["mentors"] or [])
        if fold(name) not in files["person_slug"]
    }

    assert unknown
    for name, key in unknown.items():
        person = Person.objects.get(full_name=name)
        assert person.public_consent is False
        assert person.memberships.filter(challenge=challenge_of(files, key)).exists()
        assert f"« {name} »" in summary


def test_people_of_the_public_site_are_public_without_a_consent_date(db, summary, files):
    slugs = {slug_of(entry["link_to"]) for entry in files["people"].values()}

    people = Person.objects.filter(slug__in=slugs)

    assert people.count() == len(slugs)
    assert not people.filter(public_consent=False).exists()
    assert not people.filter(public_consent_at__isnull=False).exists()


def test_a_person_listed_twice_is_one_person_and_the_merge_is_reported(db, summary, files):
    entries = defaultdict(list)
    for name, entry in files["people"].items():
        entries[slug_of(entry["link_to"])].append(name)
    doubles = {slug: names for slug, names in entries.items() if len(names) > 1}

    assert doubles
    for slug, names in doubles.items():
        assert Person.objects.filter(slug=slug).count() == 1
        line = next(line for line in summary.splitlines() if f"fiche {slug}" in line)
        assert all(f"« {name} »" in line for name in names)


@pytest.mark.parametrize(
    "folded_name", ["direction interministerielle du numerique", "cour de cassation"]
)
def test_spellings_of_one_administration_merge_and_are_reported(db, summary, files, folded_name):
    spellings = {
        entry["administration"]
        for entry in files["defis"].values()
        if fold(entry["administration"]).removesuffix(" dinum") == folded_name
    }
    keys = [key for key, entry in files["defis"].items() if entry["administration"] in spellings]
    websites = {files["defis"][key]["administration_website"] for key in keys}

    administrations = Administration.objects.filter(
        challenges__in=[challenge_of(files, key) for key in keys]
    ).distinct()

    assert len(spellings) > 1
    assert administrations.count() == 1
    assert administrations.get().website in websites
    merge = next(
        line
        for line in summary.splitlines()
        if line.strip().startswith("- Administration")
        and all(f"« {spelling} »" in line for spelling in spellings)
    )
    assert "→" in merge


def test_a_challenge_carries_its_texts_skills_links_and_key_figures(db, summary, files):
    key, entry = next(
        (key, entry)
        for key, entry in files["defis"].items()
        if entry.get("key_figures") and entry.get("source_code") and entry.get("ville")
    )
    markdown = next((SITE_EIG_DIR / "defis").glob(f"*-{slug_of(entry['link_to'])}.md"))
    body = markdown.read_text(encoding="utf-8").split("---", 2)[2].strip()

    challenge = challenge_of(files, key)

    assert challenge.title == entry["title"]
    assert challenge.summary == entry["description"]
    assert challenge.body == body
    assert challenge.town == entry["ville"]
    assert challenge.duration_months == entry["duration_months"]
    assert challenge.status == "completed" and challenge.is_published
    assert set(challenge.skills.values_list("code", flat=True)) == set(entry["skills"])
    assert challenge.links.filter(kind=LinkKind.SOURCE_CODE, url=entry["source_code"]).exists()
    assert [(figure.amount, figure.description) for figure in challenge.key_figures.all()] == [
        (figure["amount"], figure["description"]) for figure in entry["key_figures"]
    ]


def test_achievements_keep_their_title_and_description(db, summary, files):
    projects = [
        (project, key)
        for key, entry in files["defis"].items()
        for project in entry.get("projects") or []
        if str(project.get("url") or "").startswith("https://")
    ]

    assert projects
    for project, key in projects:
        link = ChallengeLink.objects.get(
            challenge=challenge_of(files, key), kind=LinkKind.ACHIEVEMENT, url=project["url"]
        )
        assert (link.title, link.description) == (
            project["title"].strip(),
            (project.get("description") or "").strip(),
        )


def test_a_second_run_changes_nothing_and_says_so(db, summary):
    models = [
        model for model in apps.get_models() if model._meta.app_label in {"cohorts", "projects"}
    ]
    before = {model: model.objects.count() for model in models}
    out = StringIO()

    call_command("import_site_eig", str(SITE_EIG_DIR), stdout=out)

    assert {model: model.objects.count() for model in models} == before
    assert "Aucun changement" in out.getvalue()
    assert "Aucun changement" not in summary


LIST_LINE = re.compile(r"^ {0,3}(?:[-*+]|\d+[.)])[ \t]+\S", re.MULTILINE)


def test_every_challenge_page_keeps_its_lists_and_links(db, summary, files):
    from core.markdown import markdown_to_html

    with_list = 0
    for path in sorted((SITE_EIG_DIR / "defis").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("---", 2)[-1]
        # The file is named YYYY-MM-DD-slug.md after its promotion's year.
        challenge = Challenge.objects.filter(
            slug=path.stem[11:], cohort__year=int(path.name[:4])
        ).first()
        if challenge is None:
            continue
        html = str(markdown_to_html(challenge.body))
        if LIST_LINE.search(body):
            with_list += 1
            assert "<ul>" in html or "<ol>" in html, path.name
        for url in re.findall(r"\]\((https?://[^)\s]+)\)", body):
            assert f'href="{url}' in html.replace("&amp;", "&"), (path.name, url)
    assert with_list >= 14
