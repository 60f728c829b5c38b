"""Public pages of the promotions and of the people who consented to appear."""

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from cohorts import calendar, selectors
from cohorts.models import Track
from core.cache import cache_public_page, site_cache_version_for
from core.fast_reverse import reverse_maker
from projects.selectors import (
    ChallengeFilters,
    challenge_card_labels_kept,
    challenge_card_rows,
    challenge_cards,
    challenge_public_count_by_cohort,
    challenge_public_list_for_person,
    challenge_public_search,
)


@dataclass(frozen=True)
class CohortCard:
    """What the list of promotions shows of each one, its texts ready."""

    name: str
    url: str
    counts: str
    detail: str


@cache_public_page
@require_safe
def cohort_list(request: HttpRequest) -> HttpResponse:
    challenge_counts = challenge_public_count_by_cohort()
    cohort_path = reverse_maker("projects:cohort-detail", "slug")
    tracks = dict(Track.choices)
    cards = []
    # The texts are written here rather than by the template's tags: a plural translation per
    # promotion costs more than the rest of its card.
    for cohort in selectors.cohort_public_list():
        challenges = challenge_counts.get(cohort.pk, 0)
        fellows = cohort.fellow_count
        counts = ngettext("%(count)d défi", "%(count)d défis", challenges) % {"count": challenges}
        counts += ", " + ngettext(
            "%(count)d entrepreneur ou designer d'intérêt général",
            "%(count)d entrepreneurs et designers d'intérêt général",
            fellows,
        ) % {"count": fellows}
        cards.append(
            CohortCard(
                name=cohort.name,
                url=cohort_path(slug=cohort.slug),
                counts=counts,
                detail=f"{cohort.year} · {tracks.get(cohort.track, cohort.track)}",
            )
        )
    return render(request, "cohorts/cohort_list.html", {"cards": cards})


@cache_public_page
@require_safe
def cohort_detail(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = selectors.cohort_public_detail(slug=slug)
    if cohort is None:
        raise Http404(_("Cette promotion n'existe pas."))
    fellowships, hidden_fellows = selectors.cohort_public_fellows(cohort=cohort)
    return render(
        request,
        "cohorts/cohort_detail.html",
        {
            "cohort": cohort,
            "cards": challenge_cards(
                rows=challenge_card_rows(
                    challenge_public_search(filters=ChallengeFilters(cohort=cohort.slug))
                ),
                labels=challenge_card_labels_kept(version=site_cache_version_for(request)),
            ),
            "fellowships": fellowships,
            "hidden_fellows": hidden_fellows,
        },
    )


@cache_public_page
@require_safe
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = selectors.person_public_detail(slug=slug)
    if person is None:
        raise Http404(_("Cette personne n'existe pas ou n'apparaît pas sur le site."))
    return render(
        request,
        "cohorts/person_detail.html",
        {
            "person": person,
            "person_challenges": challenge_public_list_for_person(person_id=person.pk),
        },
    )


@require_safe
def public_calendar(request: HttpRequest) -> HttpResponse:
    """/evenements.ics: the program's public events, for any calendar application."""
    body = calendar.calendar_bytes(
        events=calendar.public_events(),
        name=_("Entrepreneurs d'intérêt général — événements publics"),
        domain=request.get_host().split(":")[0],
    )
    return calendar.calendar_response(body, filename="evenements-eig.ics", private=False)
