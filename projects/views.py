"""Public pages of the challenges, the program's key figures and its open data."""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.cache import cache_public_page, site_cache_version_for, version_memo
from core.charts import bar_chart_svg
from projects import objective_charts, open_data, selectors
from projects.forms import ChallengeFilterForm

CHALLENGES_PER_PAGE = 24


def pagination_pages(page: Page) -> Page:
    """Set ``page.pages_list`` for DSFR's pagination: the first, last, current and
    neighbouring page numbers, with "…" for the gaps."""
    last = page.paginator.num_pages
    numbers = sorted(
        {1, 2, page.number - 1, page.number, page.number + 1, last - 1, last}
        & set(range(1, last + 1))
    )
    pages: list[int | str] = []
    for number in numbers:
        if pages and number - pages[-1] == 2:
            pages.append(number - 1)
        elif pages and number - pages[-1] > 2:
            pages.append("…")
        pages.append(number)
    page.pages_list = pages
    return page


@cache_public_page
@require_safe
def challenge_list(request: HttpRequest) -> HttpResponse:
    # The filters' choices change only with the data: read (and their options written) once
    # per site version.
    options = version_memo(
        key="challenge-filter-options",
        version=site_cache_version_for(request),
        compute=lambda: ChallengeFilterForm.options(selectors.challenge_filter_choices()),
    )
    form = ChallengeFilterForm(request.GET or None, options=options)
    rows = selectors.challenge_card_rows(selectors.challenge_public_search(filters=form.filters()))
    page = pagination_pages(Paginator(rows, CHALLENGES_PER_PAGE).get_page(request.GET.get("page")))
    return render(
        request,
        "projects/challenge_list.html",
        {
            "form": form,
            "page_obj": page,
            "cards": selectors.challenge_cards(
                rows=page.object_list,
                labels=selectors.challenge_card_labels_kept(
                    version=site_cache_version_for(request)
                ),
            ),
        },
    )


@cache_public_page
@require_safe
def challenge_detail(request: HttpRequest, cohort_slug: str, slug: str) -> HttpResponse:
    detail = selectors.challenge_public_detail(cohort_slug=cohort_slug, slug=slug)
    if detail is None:
        raise Http404(_("Ce défi n'existe pas ou n'est pas publié."))
    return render(
        request,
        "projects/challenge_detail.html",
        {
            "detail": detail,
            "challenge": detail.challenge,
            "objectives": objective_charts.objective_displays(detail.objectives),
        },
    )


@dataclass(frozen=True)
class Chart:
    title: str
    svg: SafeString


def key_figure_charts(figures: selectors.ProgramFigures) -> list[Chart]:
    """The charts of the key figures page; the page's table gives the same figures."""
    labels = [row.cohort.name for row in figures.cohorts]
    specifications = [
        (
            _("Défis par promotion"),
            labels,
            [row.challenges for row in figures.cohorts],
            {"unit": _("défis"), "chart_id": "chart-challenges"},
        ),
        (
            _("Entrepreneurs d'intérêt général par promotion"),
            labels,
            [row.fellows for row in figures.cohorts],
            {"unit": _("EIG"), "chart_id": "chart-fellows"},
        ),
        (
            _("Entrepreneurs d'intérêt général par profil, toutes promotions"),
            [profile.label for profile in figures.profiles],
            figures.total.profile_counts,
            {"unit": _("EIG"), "chart_id": "chart-profiles"},
        ),
        (
            _("Structures d'accueil par promotion"),
            labels,
            [row.structures for row in figures.cohorts],
            {
                "description": _(
                    "Ministères, établissements ou organismes, chacun compté "
                    "une fois avec ses directions et services."
                ),
                "chart_id": "chart-structures",
            },
        ),
    ]
    # bar_chart_svg renders an escaped template: its output is safe to insert.
    return [
        Chart(
            title=title,
            svg=mark_safe(bar_chart_svg(title=title, labels=labels, values=values, **options)),  # noqa: S308
        )
        for title, labels, values, options in specifications
    ]


@cache_public_page
@require_safe
def key_figures(request: HttpRequest) -> HttpResponse:
    figures = selectors.program_key_figures()
    return render(
        request,
        "projects/key_figures.html",
        {"figures": figures, "charts": key_figure_charts(figures)},
    )


@cache_public_page
@require_safe
def open_data_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "projects/open_data.html",
        {
            "kinds": [
                (
                    "defis",
                    _("Les défis"),
                    _(
                        "Défis publiés, administrations d'accueil, équipes (personnes "
                        "ayant accepté d'apparaître), chiffres clés, liens et devenir."
                    ),
                ),
                (
                    "promotions",
                    _("Les promotions"),
                    _("Promotions avec leurs dates, leur nombre de défis et d'EIG."),
                ),
                (
                    "administrations",
                    _("Les administrations d'accueil"),
                    _("Administrations accueillant un défi publié, avec leur rattachement."),
                ),
            ],
            "licence_name": open_data.LICENCE_NAME,
            "licence_url": settings.EIG_DATA_LICENCE_URL,
            "credit": settings.EIG_DATA_CREDIT,
        },
    )


CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


@cache_public_page
@open_data.allow_any_origin
@require_safe
def export(request: HttpRequest, kind: str, format: str) -> HttpResponse:  # noqa: A002
    if kind not in open_data.EXPORT_KINDS or format not in open_data.EXPORT_FORMATS:
        raise Http404
    records = open_data.export_records(kind=kind)
    if format == "csv":
        content = open_data.records_to_csv(kind=kind, records=records)
    else:
        content = open_data.records_to_json(records=records)
    response = HttpResponse(content, content_type=CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="eig-{kind}.{format}"'
    response["Link"] = open_data.link_header()
    return response
