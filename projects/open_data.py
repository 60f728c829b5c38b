"""The program's open data: public records of challenges, promotions, administrations and
people, as served by the downloads (CSV, JSON) and by the API.

Each record carries only what the public site shows: published challenges, and people named only
when they consented (the others are counted). Every file and every API answer carries the
licence and the source credit.

CSV files follow RFC 4180: comma separator, double quotes, CRLF line ends, UTF-8 without a byte
order mark, one header line, written by ``core.tabular``: a cell that a spreadsheet would read
as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is prefixed
with an apostrophe. Lists inside a cell are separated by `` | ``. The last two columns,
``licence`` and ``source``, repeat the licence and the credit on each line, so that they stay
with any extract of the file.
"""

import functools
import json
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import urlencode

from cohorts.models import Cohort, Person, Profile, Track
from core.fast_reverse import reverse_maker
from core.tabular import LIST_SEPARATOR, tabular_csv
from projects import selectors
from projects.models import (
    Administration,
    AdministrationKind,
    Challenge,
    ChallengeStatus,
    LinkKind,
    Outcome,
)

LICENCE_NAME = "Licence Ouverte / Open Licence version 2.0"

EXPORT_KINDS = ("defis", "promotions", "administrations")
EXPORT_FORMATS = ("csv", "json")


# --- Licence and source ---------------------------------------------------------------------


def allow_any_origin(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Let any web site read the view's GET answers from a browser (CORS): the data are
    public, read-only and carry no personal session."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if request.method in ("GET", "HEAD"):
            response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper


def absolute_url(path: str) -> str:
    """The address of ``path`` on the public site (from SITE_URL, never from the request)."""
    return f"{settings.SITE_URL}{path}"


def licence_record() -> dict[str, str]:
    return {"nom": LICENCE_NAME, "url": settings.EIG_DATA_LICENCE_URL}


def source_record() -> dict[str, str]:
    return {"credit": settings.EIG_DATA_CREDIT, "url": absolute_url(reverse("projects:open-data"))}


def link_header() -> str:
    """HTTP ``Link`` header giving the licence and the page that describes the data."""
    return (
        f'<{settings.EIG_DATA_LICENCE_URL}>; rel="license", '
        f'<{absolute_url(reverse("projects:open-data"))}>; rel="describedby"'
    )


# --- Records ---------------------------------------------------------------------------------


def _number(amount: Decimal) -> int | float:
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def choice_labels(choices: type[models.TextChoices]) -> dict[str, str]:
    """Each value's label, translated once for a whole batch of records."""
    return {value: str(label) for value, label in choices.choices}


def url_maker(name: str, *params: str) -> Callable[..., str]:
    """``absolute_url(reverse(name, kwargs=...))``, fast for a batch of records."""
    make_path = reverse_maker(name, *params)
    return lambda **values: absolute_url(make_path(**values))


def challenge_url(challenge: Challenge) -> str:
    return url_maker("projects:challenge-detail", "cohort_slug", "slug")(
        cohort_slug=challenge.cohort.slug, slug=challenge.slug
    )


def person_url(slug: str) -> str:
    return url_maker("projects:person-detail", "slug")(slug=slug)


def challenge_records(challenges: Iterable[Challenge]) -> list[dict[str, Any]]:
    """Records of challenges from ``selectors.challenge_public_full_list`` (its prefetches keep
    the number of queries fixed)."""
    challenges = list(challenges)
    teams = selectors.challenge_public_teams(challenges=challenges)
    challenge_url_of = url_maker("projects:challenge-detail", "cohort_slug", "slug")
    person_url_of = url_maker("projects:person-detail", "slug")
    statuses, outcomes = choice_labels(ChallengeStatus), choice_labels(Outcome)
    link_kinds = choice_labels(LinkKind)
    records = []
    for challenge in challenges:
        team = {role.role: role for role in teams[challenge.pk]}
        record = {
            "promotion": challenge.cohort.slug,
            "promotion_nom": challenge.cohort.name,
            "annee": challenge.cohort.year,
            "identifiant": challenge.slug,
            "titre": challenge.title,
            "resume": challenge.summary,
            "url": challenge_url_of(cohort_slug=challenge.cohort.slug, slug=challenge.slug),
            "administrations": [
                {"identifiant": a.pk, "nom": a.name, "sigle": a.acronym}
                for a in challenge.administrations.all()
            ],
            "ville": challenge.town,
            "duree_mois": challenge.duration_months,
            "etat": challenge.status,
            "etat_libelle": statuses[challenge.status],
            "thematiques": [theme.name for theme in challenge.themes.all()],
            "competences": [skill.name for skill in challenge.skills.all()],
        }
        for role, key in (("fellow", "eig"), ("mentor", "mentors"), ("sponsor", "porteurs")):
            record[key] = [
                {
                    "nom": member.full_name,
                    "url": person_url_of(slug=member.slug),
                    **({"profil": member.profile} if role == "fellow" else {}),
                }
                for member in team[role].members
            ]
            record[f"{key}_non_nommes"] = team[role].hidden_count
        record.update(
            {
                "chiffres_cles": [
                    {
                        "valeur": _number(figure.amount),
                        "prefixe": figure.prefix,
                        "suffixe": figure.suffix,
                        "description": figure.description,
                    }
                    for figure in challenge.key_figures.all()
                ],
                "liens": [
                    {
                        "nature": link.kind,
                        "nature_libelle": link_kinds.get(link.kind, link.kind),
                        "url": link.url,
                        "titre": link.title,
                    }
                    for link in challenge.links.all()
                ],
                "devenir": challenge.outcome,
                "devenir_libelle": outcomes.get(challenge.outcome, "") if challenge.outcome else "",
                "precisions_devenir": challenge.outcome_note,
            }
        )
        records.append(record)
    return records


def cohort_records(cohorts: Iterable[Cohort]) -> list[dict[str, Any]]:
    """Records of promotions; two queries for the counts, whatever their number."""
    from cohorts.selectors import fellow_count_by_cohort

    challenge_counts = selectors.challenge_public_count_by_cohort()
    fellow_counts = fellow_count_by_cohort()
    cohort_url_of = url_maker("projects:cohort-detail", "slug")
    tracks = choice_labels(Track)
    return [
        {
            "identifiant": cohort.slug,
            "nom": cohort.name,
            "programme": cohort.track,
            "programme_libelle": tracks.get(cohort.track, cohort.track),
            "numero": cohort.number,
            "annee": cohort.year,
            "debut": cohort.start_date.isoformat() if cohort.start_date else None,
            "fin": cohort.end_date.isoformat() if cohort.end_date else None,
            "nombre_defis": challenge_counts.get(cohort.pk, 0),
            "nombre_eig": fellow_counts.get(cohort.pk, 0),
            "url": cohort_url_of(slug=cohort.slug),
        }
        for cohort in cohorts
    ]


def administration_records(administrations: Iterable[Administration]) -> list[dict[str, Any]]:
    """Records of administrations from ``selectors.administration_public_list``."""
    counts = selectors.administration_public_challenge_counts()
    list_url = absolute_url(reverse("projects:challenge-list"))
    kinds = choice_labels(AdministrationKind)
    return [
        {
            "identifiant": administration.pk,
            "nom": administration.name,
            "sigle": administration.acronym,
            "nature": administration.kind,
            "nature_libelle": kinds.get(administration.kind, administration.kind),
            "rattachement": administration.parent_id,
            "site_web": administration.website,
            "nombre_defis": counts.get(administration.pk, 0),
            "url_defis": f"{list_url}?{urlencode({'administration': administration.pk})}",
        }
        for administration in administrations
    ]


def person_records(people: Iterable[Person]) -> list[dict[str, Any]]:
    """Minimal records of people who consented (``cohorts.selectors.person_public_list``)."""
    person_url_of = url_maker("projects:person-detail", "slug")
    profiles = choice_labels(Profile)
    return [
        {
            "nom": person.full_name,
            "identifiant": person.slug,
            "url": person_url_of(slug=person.slug),
            "parcours": [
                {
                    "promotion": fellowship.cohort.slug,
                    "profil": profiles.get(fellowship.profile, fellowship.profile),
                }
                for fellowship in person.fellowships.all()
            ],
        }
        for person in people
        if person.public_consent
    ]


def export_records(*, kind: str) -> list[dict[str, Any]]:
    """Every public record of ``kind`` (one of EXPORT_KINDS)."""
    from cohorts.selectors import cohort_public_list

    if kind == "defis":
        return challenge_records(selectors.challenge_public_full_list())
    if kind == "promotions":
        return cohort_records(cohort_public_list())
    if kind == "administrations":
        return administration_records(selectors.administration_public_list())
    raise ValueError(f"Unknown export kind: {kind}")


# --- CSV -------------------------------------------------------------------------------------


def _joined(values: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(values)


def _figure_text(figure: dict[str, Any]) -> str:
    value = figure["valeur"]
    amount = f"{figure['prefixe']}{value}{figure['suffixe']}"
    return f"{amount} {figure['description']}".strip()


def challenge_csv_row(record: dict[str, Any]) -> dict[str, Any]:
    row = {
        key: record[key]
        for key in ("promotion", "promotion_nom", "annee", "identifiant", "titre", "resume", "url")
    }
    row["administrations"] = _joined(a["nom"] for a in record["administrations"])
    row.update({key: record[key] for key in ("ville", "duree_mois")})
    row["etat"] = record["etat_libelle"]
    row["thematiques"] = _joined(record["thematiques"])
    row["competences"] = _joined(record["competences"])
    row["eig"] = _joined(
        f"{m['nom']} ({m['profil']})" if m["profil"] else m["nom"] for m in record["eig"]
    )
    row["eig_non_nommes"] = record["eig_non_nommes"]
    for key in ("mentors", "porteurs"):
        row[key] = _joined(m["nom"] for m in record[key])
        row[f"{key}_non_nommes"] = record[f"{key}_non_nommes"]
    row["chiffres_cles"] = _joined(_figure_text(f) for f in record["chiffres_cles"])
    row["liens"] = _joined(link["url"] for link in record["liens"])
    row["devenir"] = record["devenir_libelle"]
    row["precisions_devenir"] = record["precisions_devenir"]
    return row


def cohort_csv_row(record: dict[str, Any]) -> dict[str, Any]:
    row = dict(record)
    row["programme"] = row.pop("programme_libelle")
    return row


def administration_csv_row(record: dict[str, Any]) -> dict[str, Any]:
    row = dict(record)
    row["nature"] = row.pop("nature_libelle")
    return row


CSV_ROW_BUILDERS = {
    "defis": challenge_csv_row,
    "promotions": cohort_csv_row,
    "administrations": administration_csv_row,
}

# The columns of each file, in order; ``licence`` and ``source`` end every file.
CSV_COLUMNS = {
    "defis": [
        "promotion",
        "promotion_nom",
        "annee",
        "identifiant",
        "titre",
        "resume",
        "url",
        "administrations",
        "ville",
        "duree_mois",
        "etat",
        "thematiques",
        "competences",
        "eig",
        "eig_non_nommes",
        "mentors",
        "mentors_non_nommes",
        "porteurs",
        "porteurs_non_nommes",
        "chiffres_cles",
        "liens",
        "devenir",
        "precisions_devenir",
    ],
    "promotions": [
        "identifiant",
        "nom",
        "programme",
        "numero",
        "annee",
        "debut",
        "fin",
        "nombre_defis",
        "nombre_eig",
        "url",
    ],
    "administrations": [
        "identifiant",
        "nom",
        "sigle",
        "nature",
        "rattachement",
        "site_web",
        "nombre_defis",
        "url_defis",
    ],
}


def records_to_csv(*, kind: str, records: list[dict[str, Any]]) -> str:
    columns = [*CSV_COLUMNS[kind], "licence", "source"]
    licence = f"{LICENCE_NAME} — {settings.EIG_DATA_LICENCE_URL}"
    rows = (
        {**CSV_ROW_BUILDERS[kind](record), "licence": licence, "source": settings.EIG_DATA_CREDIT}
        for record in records
    )
    return tabular_csv(header=columns, rows=([row[column] for column in columns] for row in rows))


# --- JSON ------------------------------------------------------------------------------------


def json_text(data: Any) -> str:
    """JSON, UTF-8, with ``<``, ``>`` and ``&`` written as escapes: a text that holds HTML
    stays inert even if the file is opened as a web page."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def records_to_json(*, records: list[dict[str, Any]]) -> str:
    return json_text(
        {
            "licence": licence_record(),
            "source": source_record(),
            "nombre": len(records),
            "resultats": records,
        }
    )
