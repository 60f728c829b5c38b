"""Evaluation reports: the indicators written out as an HTML document, then a tagged PDF.

The HTML is built section by section (cover, contents, summary, one section per indicator family,
cohort comparison, one page per challenge, methodology annex), each reporting progress; WeasyPrint
then lays it out with the report's own print stylesheet and writes a PDF/UA-1 (tagged) file.
Nothing here writes to the database: see evaluation.services for the report's life.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from cohorts import selectors as cohort_selectors
from core.charts import chart_number_text
from evaluation.indicators import SELECTED_STATUSES, IndicatorResults
from evaluation.indicators.objectives import ObjectiveStanding, objective_standings
from evaluation.indicators.scope import _Scope
from projects import selectors as project_selectors
from projects.models import TeamRole

# The report's print stylesheet, a static file of its own (the site's DSFR CSS is for screens).
REPORT_STYLESHEET = "eig/report.css"
# Tagged PDF for accessibility: PDF/UA-1 implies tags, the document's title and language.
PDF_VARIANT = "pdf/ua-1"

ProgressCallback = Callable[[int], None]


@dataclass(frozen=True)
class TeamGroup:
    role: str
    names: list[str]
    # Members who did not consent to appear publicly: counted, never named.
    unnamed: int


@dataclass(frozen=True)
class ChallengeSheet:
    anchor: str
    title: str
    cohort: str
    administrations: list[str]
    summary: str
    town: str
    outcome: str
    key_figures: list[str]
    team: list[TeamGroup]
    # Each objective, in words: its baseline, last value and date, target and status.
    objectives: list[str] = field(default_factory=list)

    @property
    def unnamed(self) -> int:
        return sum(group.unnamed for group in self.team)


def key_figure_text(*, amount: Decimal, prefix: str, suffix: str, description: str) -> str:
    places = max(0, -Decimal(amount).normalize().as_tuple().exponent)
    number = number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)
    return f"{prefix}{number}{suffix} {description}".strip()


def objective_text(standing: ObjectiveStanding) -> str:
    progress, unit = standing.progress, standing.unit
    parts = [
        _("départ %(value)s") % {"value": chart_number_text(standing.baseline, unit)},
        _("dernière valeur %(value)s le %(date)s")
        % {
            "value": chart_number_text(progress.last_value, unit),
            "date": date_format(progress.last_on, "j F Y"),
        }
        if progress.last_value is not None
        else _("aucune valeur mesurée"),
        _("cible %(value)s") % {"value": chart_number_text(standing.target, unit)},
    ]
    text = f"{standing.name} : {', '.join(parts)} — {progress.status_label}"
    if progress.progress is not None:
        text += _(" (%(percent)s du chemin)") % {
            "percent": chart_number_text(round(progress.progress_percent), "%")
        }
    if standing.source:
        text += ". " + _("Source : %(source)s") % {"source": standing.source}
    return text


def challenge_sheets_build(*, results: IndicatorResults) -> list[ChallengeSheet]:
    """One sheet per selected challenge of the scope, in the cohorts' order then by title."""
    data = results.data
    cohorts = data.cohorts
    if results.cohort is not None:
        cohorts = cohorts[cohorts["id"] == results.cohort["id"]]
    order = {cohort_id: index for index, cohort_id in enumerate(cohorts["id"])}
    cohort_names = dict(zip(cohorts["id"], cohorts["name"], strict=True))
    challenges = data.challenges[
        data.challenges["cohort_id"].isin(list(order))
        & data.challenges["status"].isin(SELECTED_STATUSES)
    ]
    challenges = challenges.assign(order=challenges["cohort_id"].map(order)).sort_values(
        ["order", "title"], kind="stable"
    )
    ids = set(challenges["id"])

    admin_names = dict(zip(data.administrations["id"], data.administrations["name"], strict=True))
    links = data.challenge_administrations
    hosts: dict[int, list[str]] = {}
    for challenge_id, administration_id in zip(
        links["challenge_id"], links["administration_id"], strict=True
    ):
        if challenge_id in ids:
            hosts.setdefault(challenge_id, []).append(admin_names.get(administration_id, ""))

    figures: dict[int, list[str]] = {}
    for row in data.key_figures[data.key_figures["challenge_id"].isin(ids)].itertuples():
        figures.setdefault(row.challenge_id, []).append(
            key_figure_text(
                amount=row.amount, prefix=row.prefix, suffix=row.suffix, description=row.description
            )
        )

    roles = [
        (TeamRole.FELLOW.value, _("EIG")),
        (TeamRole.MENTOR.value, _("Mentors")),
        (TeamRole.SPONSOR.value, _("Porteurs et porteuses")),
    ]
    members: dict[tuple[int, str], tuple[list[str], list[int]]] = {}
    team_rows = data.memberships[data.memberships["challenge_id"].isin(ids)]
    for row in team_rows.itertuples():
        names, unnamed = members.setdefault((row.challenge_id, row.role), ([], [0]))
        if bool(row.public_consent):
            names.append(row.full_name)
        else:
            unnamed[0] += 1

    objectives: dict[int, list[str]] = {}
    scope = _Scope(data, results.cohort["id"] if results.cohort is not None else None)
    for standing in objective_standings(scope):
        objectives.setdefault(standing.challenge_id, []).append(objective_text(standing))

    outcomes = project_selectors.challenge_outcome_labels()
    sheets = []
    for row in challenges.itertuples():
        team = []
        for role, label in roles:
            names, unnamed = members.get((row.id, role), ([], [0]))
            if names or unnamed[0]:
                team.append(TeamGroup(role=label, names=sorted(names), unnamed=unnamed[0]))
        sheets.append(
            ChallengeSheet(
                anchor=f"defi-{row.id}",
                title=row.title,
                cohort=cohort_names[row.cohort_id],
                administrations=sorted(hosts.get(row.id, [])),
                summary=row.summary,
                town=row.town,
                outcome=outcomes.get(row.outcome, row.outcome),
                key_figures=figures.get(row.id, []),
                team=team,
                objectives=objectives.get(row.id, []),
            )
        )
    return sheets


def _stylesheet_path() -> str:
    path = finders.find(REPORT_STYLESHEET)
    if not path:
        raise ImproperlyConfigured(f"The report stylesheet {REPORT_STYLESHEET} is missing.")
    return path


def report_html_build(
    *,
    results: IndicatorResults,
    challenge_pages: bool = True,
    generated_at: datetime.datetime | None = None,
    on_progress: ProgressCallback | None = None,
) -> str:
    """The report as one HTML document; ``on_progress`` gets 0–100 as sections render."""
    generated_at = generated_at or timezone.now()
    sheets = challenge_sheets_build(results=results) if challenge_pages else []
    title = _("Rapport d'évaluation du programme Entrepreneurs d'intérêt général — %(scope)s") % {
        "scope": results.scope_label
    }
    context = {
        "results": results,
        "report_title": title,
        "generated_at": generated_at,
        "read_at": results.read_at,
        "challenge_pages": challenge_pages,
        "sheets": sheets,
        "profiles": cohort_selectors.profile_labels(),
        "data_credit": settings.EIG_DATA_CREDIT,
        "data_licence_url": settings.EIG_DATA_LICENCE_URL,
    }
    sections: list[tuple[str, dict]] = [
        ("evaluation/reports/_cover.html", {}),
        ("evaluation/reports/_contents.html", {}),
        ("evaluation/reports/_summary.html", {}),
    ]
    sections += [
        ("evaluation/reports/_family.html", {"family": family}) for family in results.families
    ]
    sections.append(("evaluation/reports/_comparison.html", {}))
    if challenge_pages:
        sections.append(("evaluation/reports/_challenges_intro.html", {}))
        sections += [("evaluation/reports/_challenge.html", {"sheet": sheet}) for sheet in sheets]
    sections.append(("evaluation/reports/_annex.html", {}))

    rendered = []
    reported = -1
    for index, (template, extra) in enumerate(sections, start=1):
        rendered.append(render_to_string(template, {**context, **extra}))
        percent = 100 * index // len(sections)
        if on_progress and percent != reported:
            on_progress(percent)
            reported = percent
    return render_to_string("evaluation/reports/report.html", {**context, "sections": rendered})


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    pages: int


def report_pdf_render(*, html: str, on_progress: ProgressCallback | None = None) -> RenderedPdf:
    """Lay out ``html`` with the report stylesheet and write a tagged PDF (PDF/UA-1)."""
    from weasyprint import CSS, HTML

    stylesheet = CSS(filename=_stylesheet_path())
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(
        stylesheets=[stylesheet], pdf_variant=PDF_VARIANT
    )
    if on_progress:
        on_progress(80)
    content = document.write_pdf(pdf_variant=PDF_VARIANT)
    if on_progress:
        on_progress(100)
    return RenderedPdf(content=content, pages=len(document.pages))
