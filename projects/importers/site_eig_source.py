"""Reading the former public site's data (``site-eig``) into checked, typed rows.

Nothing here touches the database. Every malformed value raises :class:`SourceError`, which
names the file, the record, the key and the reason, in French since the programme team reads it.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _

# Relative links of the former site are resolved against its address.
SITE_URL = "https://entrepreneur-interet-general.etalab.gouv.fr"

_CHALLENGE_LINK = re.compile(r"^/defis/(?P<year>\d{4})/(?P<slug>[\w.-]+)\.html$")
_PERSON_LINK = re.compile(r"^/communaute/(?P<year>\d{4})/(?P<slug>[\w.-]+)\.html$")
_MARKDOWN_NAME = re.compile(r"^(?P<year>\d{4})-\d{2}-\d{2}-(?P<slug>[\w.-]+)\.md$")
# The C parser when PyYAML was built with libyaml: several times faster on these files.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FRONT_MATTER = re.compile(
    r"\A---[ \t]*\r?\n(?P<header>.*?)^---[ \t]*\r?\n?(?P<body>.*)\Z", re.DOTALL | re.MULTILINE
)


class SourceError(Exception):
    """A file of the source cannot be read as expected."""

    def __init__(self, *, file: str, reason: str, key: str = "", record: str = ""):
        self.file, self.key, self.record, self.reason = file, key, record, reason
        where = [file]
        if record:
            where.append(_("fiche « %(record)s »") % {"record": record})
        if key:
            where.append(_("clé « %(key)s »") % {"key": key})
        super().__init__(f"{', '.join(where)} : {reason}")


@dataclass(frozen=True)
class CohortRow:
    key: str
    promotion: str  # "1".."4" or "dig"
    year: int
    tags: tuple[str, ...]  # the class tags that name this promotion on people


@dataclass(frozen=True)
class KeyFigureRow:
    amount: Decimal
    description: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class VideoRow:
    video_id: str
    platform: str
    description: str
    shown: bool
    intro: bool


@dataclass(frozen=True)
class AchievementRow:
    title: str
    description: str
    url: str  # may be empty or relative: the importer decides


@dataclass
class ChallengeRow:
    key: str
    title: str
    year: int
    slug: str
    promotion: str
    summary: str
    duration_months: int
    administration: str
    administration_website: str
    town: str
    skills: list[str]
    fellows: list[str]
    mentors: list[str]
    key_figures: list[KeyFigureRow]
    source_code: str
    website: str
    poster: str
    videos: list[VideoRow]
    achievements: list[AchievementRow]
    body: str | None = None  # None: no Markdown file for this challenge


@dataclass
class PersonRow:
    key: str
    title: str
    year: int
    slug: str
    profile: str
    classes: list[str]
    challenges: list[str]
    github: str
    gitlab: str
    twitter: str
    linkedin: str
    website: str
    biography: str | None = None  # None: no Markdown file for this person


@dataclass(frozen=True)
class MarkdownFile:
    name: str
    year: int
    slug: str
    header: dict
    body: str


@dataclass
class SiteSource:
    directory: Path
    cohorts: list[CohortRow]
    challenges: list[ChallengeRow]
    people: list[PersonRow]
    # Markdown files that no challenge or person points to, and files whose name is not
    # ``YYYY-MM-DD-slug.md``.
    orphan_files: list[str] = field(default_factory=list)


class _Record:
    """Typed access to one mapping of a file, raising SourceError with its context."""

    def __init__(self, file: str, record: str, data: Any):
        self.file, self.record = file, record
        if not isinstance(data, dict):
            raise SourceError(
                file=file,
                record=record,
                reason=_("une liste de clés est attendue, pas %(found)s")
                % {"found": _describe(data)},
            )
        self.data = data

    def error(self, key: str, reason: str) -> SourceError:
        return SourceError(file=self.file, record=self.record, key=key, reason=reason)

    def _get(self, key: str, required: bool) -> Any:
        if key not in self.data:
            if required:
                raise self.error(key, _("clé obligatoire absente"))
            return None
        return self.data[key]

    def text(
        self,
        key: str,
        *,
        required: bool = False,
        max_length: int | None = None,
        allow_number: bool = False,
    ) -> str:
        value = self._get(key, required)
        if value is None:
            if required:
                raise self.error(key, _("valeur obligatoire vide"))
            return ""
        if allow_number and isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise self.error(
                key, _("un texte est attendu, pas %(found)s") % {"found": _describe(value)}
            )
        value = value.strip()
        if required and not value:
            raise self.error(key, _("valeur obligatoire vide"))
        if max_length is not None and len(value) > max_length:
            raise self.error(
                key,
                _("texte trop long (%(length)d caractères, %(max)d au plus)")
                % {"length": len(value), "max": max_length},
            )
        return value

    def integer(self, key: str, *, required: bool = False, minimum: int = 0) -> int | None:
        value = self._get(key, required)
        if value is None and not required:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.error(
                key, _("un nombre entier est attendu, pas %(found)s") % {"found": _describe(value)}
            )
        if value < minimum:
            raise self.error(key, _("le nombre doit valoir au moins %(min)d") % {"min": minimum})
        return value

    def number(self, key: str) -> Decimal:
        value = self._get(key, True)
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise self.error(
                key, _("un nombre est attendu, pas %(found)s") % {"found": _describe(value)}
            )
        try:
            number = Decimal(str(value).replace(" ", "").replace(",", "."))
        except InvalidOperation:
            raise self.error(
                key, _("un nombre est attendu, pas %(found)s") % {"found": _describe(value)}
            ) from None
        if not number.is_finite():
            raise self.error(key, _("un nombre fini est attendu"))
        return number

    def text_list(self, key: str, *, required: bool = False) -> list[str]:
        value = self._get(key, required)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(
                key, _("une liste est attendue, pas %(found)s") % {"found": _describe(value)}
            )
        items = []
        for item in value:
            if not isinstance(item, str):
                raise self.error(
                    key,
                    _("la liste ne doit contenir que des textes, pas %(found)s")
                    % {"found": _describe(item)},
                )
            if item.strip():
                items.append(item.strip())
        return items

    def records(self, key: str) -> list["_Record"]:
        value = self._get(key, False)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(
                key, _("une liste est attendue, pas %(found)s") % {"found": _describe(value)}
            )
        return [
            _Record(self.file, f"{self.record} › {key}[{index + 1}]", item)
            for index, item in enumerate(value)
        ]

    def flag(self, key: str, *, default: bool) -> bool:
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.error(
                key, _("vrai ou faux est attendu, pas %(found)s") % {"found": _describe(value)}
            )
        return value


def _describe(value: Any) -> str:
    kinds = {
        str: _("un texte"),
        int: _("un nombre"),
        float: _("un nombre"),
        bool: _("un booléen"),
        list: _("une liste"),
        dict: _("une liste de clés"),
        type(None): _("une valeur vide"),
    }
    kind = kinds.get(type(value), type(value).__name__)
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return f"{kind} (« {value} »)"
    return kind


def _load_yaml(directory: Path, name: str) -> dict:
    path = directory / name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceError(
            file=name, reason=_("fichier introuvable dans %(dir)s") % {"dir": directory}
        ) from None
    except UnicodeDecodeError:
        raise SourceError(file=name, reason=_("le fichier n'est pas encodé en UTF-8")) from None
    try:
        data = yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as error:
        raise SourceError(file=name, reason=_yaml_reason(error)) from None
    if not isinstance(data, dict):
        raise SourceError(
            file=name,
            reason=_("le fichier doit contenir une liste de clés, pas %(found)s")
            % {"found": _describe(data)},
        )
    return data


def _yaml_reason(error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    if mark is not None:
        return _("YAML invalide à la ligne %(line)d, colonne %(column)d : %(problem)s") % {
            "line": mark.line + 1,
            "column": mark.column + 1,
            "problem": problem,
        }
    return _("YAML invalide : %(problem)s") % {"problem": problem}


def _read_markdown_dir(
    directory: Path, folder: str
) -> tuple[dict[tuple[int, str], MarkdownFile], list[str]]:
    """The Markdown files of ``folder`` by (year, slug), and the names that could not be keyed."""
    path = directory / folder
    if not path.is_dir():
        raise SourceError(
            file=f"{folder}/", reason=_("dossier introuvable dans %(dir)s") % {"dir": directory}
        )
    files: dict[tuple[int, str], MarkdownFile] = {}
    unkeyed: list[str] = []
    for file_path in sorted(path.glob("*.md")):
        name = f"{folder}/{file_path.name}"
        match = _MARKDOWN_NAME.match(file_path.name)
        if match is None:
            unkeyed.append(name)
            continue
        try:
            text = file_path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise SourceError(file=name, reason=_("le fichier n'est pas encodé en UTF-8")) from None
        front = _FRONT_MATTER.match(text)
        if front is None:
            raise SourceError(
                file=name, reason=_("en-tête YAML (entre deux lignes « --- ») absent")
            )
        try:
            header = yaml.load(front["header"], Loader=_YAML_LOADER)  # noqa: S506
        except yaml.YAMLError as error:
            raise SourceError(file=name, reason=_yaml_reason(error)) from None
        if not isinstance(header, dict):
            raise SourceError(file=name, reason=_("l'en-tête doit être une liste de clés"))
        key = (int(match["year"]), match["slug"])
        if key in files:
            unkeyed.append(name)
            continue
        files[key] = MarkdownFile(
            name=name, year=key[0], slug=key[1], header=header, body=front["body"].strip()
        )
    return files, unkeyed


def _promotion(record: _Record, key: str = "promotion") -> str:
    value = record._get(key, True)
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return str(value)
    if isinstance(value, str) and (value.strip().isdigit() or value.strip().lower() == "dig"):
        return value.strip().lower()
    raise record.error(
        key,
        _("un numéro de promotion ou « dig » est attendu, pas %(found)s")
        % {"found": _describe(value)},
    )


def _read_cohorts(directory: Path) -> list[CohortRow]:
    rows = []
    for key, data in _load_yaml(directory, "promos.yml").items():
        record = _Record("promos.yml", str(key), data)
        promotion = _promotion(record)
        classes = record.text("class", required=True).split()
        years = [int(token) for token in classes if re.fullmatch(r"\d{4}", token)]
        if len(years) != 1:
            raise record.error(
                "class", _("une seule année est attendue, par exemple « 2017 eig-1 »")
            )
        tags = {token.lower() for token in classes if not token.isdigit()}
        tags.add("dig" if promotion == "dig" else f"eig-{promotion}")
        rows.append(
            CohortRow(
                key=str(key).strip(), promotion=promotion, year=years[0], tags=tuple(sorted(tags))
            )
        )
    return rows


def _read_challenges(directory: Path, lengths: dict[str, int]) -> list[ChallengeRow]:
    rows = []
    for key, data in _load_yaml(directory, "defis.yml").items():
        record = _Record("defis.yml", str(key), data)
        link_to = record.text("link_to", required=True)
        match = _CHALLENGE_LINK.match(link_to)
        if match is None:
            raise record.error(
                "link_to",
                _("adresse de la forme /defis/AAAA/identifiant.html attendue, pas « %(value)s »")
                % {"value": link_to},
            )
        figures = [
            KeyFigureRow(
                amount=figure.number("amount"),
                description=figure.text(
                    "description", required=True, max_length=lengths["figure_description"]
                ),
                prefix=figure.text("before", max_length=lengths["figure_affix"]),
                suffix=figure.text("after", max_length=lengths["figure_affix"]),
            )
            for figure in record.records("key_figures")
        ]
        videos = [
            VideoRow(
                video_id=video.text("id", required=True, allow_number=True),
                platform=video.text("platform", required=True).lower(),
                description=video.text("description"),
                shown=video.flag("show", default=True),
                intro=intro,
            )
            for intro, videos_key in ((True, "intro_videos"), (False, "end_of_project_videos"))
            for video in record.records(videos_key)
        ]
        achievements = [
            AchievementRow(
                title=project.text("title", max_length=lengths["link_title"]),
                description=project.text("description"),
                url=project.text("url"),
            )
            for project in record.records("projects")
        ]
        rows.append(
            ChallengeRow(
                key=str(key).strip(),
                title=record.text("title", required=True, max_length=lengths["challenge_title"]),
                year=int(match["year"]),
                slug=match["slug"],
                promotion=_promotion(record),
                summary=record.text("description", max_length=lengths["challenge_summary"]),
                duration_months=record.integer("duration_months", minimum=1) or 10,
                administration=record.text("administration", required=True),
                administration_website=record.text("administration_website"),
                town=record.text("ville", max_length=lengths["challenge_town"]),
                skills=record.text_list("skills"),
                fellows=record.text_list("eigs"),
                mentors=record.text_list("mentors"),
                key_figures=figures,
                source_code=record.text("source_code"),
                website=record.text("website"),
                poster=record.text("poster"),
                videos=videos,
                achievements=achievements,
            )
        )
    return rows


def _read_people(directory: Path, lengths: dict[str, int]) -> list[PersonRow]:
    rows = []
    for key, data in _load_yaml(directory, "personnes.yml").items():
        name = str(key).strip()
        record = _Record("personnes.yml", name, data)
        link_to = record.text("link_to", required=True)
        match = _PERSON_LINK.match(link_to)
        if match is None:
            raise record.error(
                "link_to",
                _(
                    "adresse de la forme /communaute/AAAA/identifiant"
                    ".html attendue, pas « %(value)s »"
                )
                % {"value": link_to},
            )
        if len(name) > lengths["person_name"]:
            raise record.error(
                "",
                _("nom trop long (%(length)d caractères, %(max)d au plus)")
                % {"length": len(name), "max": lengths["person_name"]},
            )
        rows.append(
            PersonRow(
                key=name,
                title=record.text("title"),
                year=int(match["year"]),
                slug=match["slug"],
                profile=record.text("profil"),
                classes=[tag.lower() for tag in record.text_list("class")],
                challenges=record.text_list("defis"),
                github=record.text("github", allow_number=True),
                gitlab=record.text("gitlab", allow_number=True),
                twitter=record.text("twitter", allow_number=True),
                linkedin=record.text("linkedin"),
                website=record.text("website"),
            )
        )
    return rows


def _field_lengths() -> dict[str, int]:
    from cohorts.models import Person
    from projects.models import Challenge, ChallengeLink, KeyFigure

    return {
        "challenge_title": Challenge._meta.get_field("title").max_length,
        "challenge_summary": Challenge._meta.get_field("summary").max_length,
        "challenge_town": Challenge._meta.get_field("town").max_length,
        "figure_description": KeyFigure._meta.get_field("description").max_length,
        "figure_affix": KeyFigure._meta.get_field("prefix").max_length,
        "link_title": ChallengeLink._meta.get_field("title").max_length,
        "person_name": Person._meta.get_field("full_name").max_length,
    }


def site_source_read(*, directory: Path) -> SiteSource:
    """Read and check every file of the ``site-eig`` data in ``directory``.

    Challenges and people get the body of their Markdown file (``YYYY-MM-DD-slug.md``, matched
    on the year and slug of their ``link_to``); files matched by nothing are listed apart.
    """
    directory = Path(directory)
    lengths = _field_lengths()
    cohorts = _read_cohorts(directory)
    challenges = _read_challenges(directory, lengths)
    people = _read_people(directory, lengths)
    orphans: list[str] = []

    challenge_files, unkeyed = _read_markdown_dir(directory, "defis")
    orphans += unkeyed
    for challenge in challenges:
        markdown = challenge_files.pop((challenge.year, challenge.slug), None)
        if markdown is not None:
            challenge.body = markdown.body
    orphans += [markdown.name for markdown in challenge_files.values()]

    person_files, unkeyed = _read_markdown_dir(directory, "communaute")
    orphans += unkeyed
    used: set[tuple[int, str]] = set()
    for person in people:
        markdown = person_files.get((person.year, person.slug))
        if markdown is None:
            continue
        if not isinstance(markdown.header.get("nom"), str) or not markdown.header["nom"].strip():
            raise SourceError(
                file=markdown.name, key="nom", reason=_("nom de la personne absent de l'en-tête")
            )
        person.biography = markdown.body
        used.add((person.year, person.slug))
    orphans += [markdown.name for key, markdown in person_files.items() if key not in used]
    return SiteSource(
        directory=directory,
        cohorts=cohorts,
        challenges=challenges,
        people=people,
        orphan_files=sorted(orphans),
    )
