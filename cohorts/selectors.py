"""Reads on cohorts, people and fellowships, for the other apps."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from cohorts.models import Cohort, Fellowship, Person, Profile

# --- Plain rows for the evaluation indicators (one query each, whatever the number of cohorts) --

COHORT_ROW_FIELDS = ("id", "name", "slug", "track", "number", "year", "start_date", "end_date")
FELLOWSHIP_ROW_FIELDS = ("id", "person_id", "cohort_id", "profile")


def cohort_rows_list() -> list[dict[str, Any]]:
    """Every cohort as a plain row, in the cohorts' order (year, track, number)."""
    return list(Cohort.objects.order_by("year", "track", "number").values(*COHORT_ROW_FIELDS))


def fellowship_rows_list() -> list[dict[str, Any]]:
    """Every fellowship (a person in a cohort, with a profile) as a plain row."""
    return list(Fellowship.objects.order_by("id").values(*FELLOWSHIP_ROW_FIELDS))


def cohort_list() -> QuerySet[Cohort]:
    """Every cohort, in order (year, track, number)."""
    return Cohort.objects.order_by("year", "track", "number")


# --- The public site: people are shown only with their consent -----------------------------


def profile_labels() -> dict[str, str]:
    """Each profile's label, by value: for lists, where Django's ``get_profile_display()``
    would hash every translated choice on each call."""
    return {value: str(label) for value, label in Profile.choices}


def cohort_public_list() -> QuerySet[Cohort]:
    """Every promotion, newest first, with ``fellow_count`` (all its fellows, as a number)."""
    return Cohort.objects.annotate(fellow_count=Count("fellowships")).order_by(
        "-year", "track", "number"
    )


def cohort_public_detail(*, slug: str) -> Cohort | None:
    """The promotion ``slug``, or None."""
    return Cohort.objects.filter(slug=slug).first()


def cohort_public_fellows(*, cohort: Cohort) -> tuple[list[Fellowship], int]:
    """The promotion's fellows who consented to appear (with their person, and their profile's
    label as ``profile_label``), by name, and how many others there are."""
    fellowships = list(
        cohort.fellowships.filter(person__public_consent=True)
        .select_related("person")
        .order_by("person__full_name", "pk")
    )
    labels = profile_labels()
    for fellowship in fellowships:
        fellowship.profile_label = labels.get(fellowship.profile, fellowship.profile)
    hidden = cohort.fellowships.aggregate(n=Count("pk", filter=Q(person__public_consent=False)))[
        "n"
    ]
    return fellowships, hidden


def person_public_detail(*, slug: str) -> Person | None:
    """The person ``slug`` if they consented to appear publicly (else None), with their
    fellowships and promotions."""
    return (
        Person.objects.filter(slug=slug, public_consent=True)
        .prefetch_related(
            Prefetch(
                "fellowships", Fellowship.objects.select_related("cohort").order_by("cohort__year")
            )
        )
        .first()
    )


def person_public_list() -> QuerySet[Person]:
    """Everyone who consented to appear publicly, by name, with their fellowships."""
    return (
        Person.objects.filter(public_consent=True)
        .order_by("full_name", "pk")
        .prefetch_related(
            Prefetch(
                "fellowships", Fellowship.objects.select_related("cohort").order_by("cohort__year")
            )
        )
    )


def fellow_person_count() -> int:
    """How many people have been fellows, each counted once whatever their promotions."""
    return Fellowship.objects.order_by().values("person_id").distinct().count()


def fellow_count_by_cohort() -> dict[int, int]:
    """How many fellows each promotion has (promotions without any are absent)."""
    return dict(
        Fellowship.objects.order_by()
        .values("cohort_id")
        .annotate(n=Count("pk"))
        .values_list("cohort_id", "n")
    )


def fellowship_profiles_by_person_and_cohort(
    *, person_ids: list[int], cohort_ids: list[int]
) -> dict[tuple[int, int], str]:
    """The profile label of each (person, promotion) pair among these people and promotions."""
    labels = profile_labels()
    rows = Fellowship.objects.filter(person_id__in=person_ids, cohort_id__in=cohort_ids)
    return {
        (person_id, cohort_id): labels.get(profile, profile)
        for person_id, cohort_id, profile in rows.values_list("person_id", "cohort_id", "profile")
    }


# --- The calls of the public site's home page and its search -------------------------------


@dataclass(frozen=True)
class ProgramCall:
    """A call for challenges or for candidates of a promotion, open now or upcoming."""

    cohort: Cohort
    kind: str  # "challenges" or "candidates"
    opens: datetime.date
    closes: datetime.date | None
    is_open: bool


def cohort_open_calls(*, today: datetime.date) -> list[ProgramCall]:
    """The calls (for challenges, for candidates) open on ``today`` or opening later, the
    soonest first. A call without an opening date is not announced; one without a closing date
    stays open once opened."""
    open_or_upcoming = Q()
    for kind in ("challenges", "candidates"):
        opens, closes = f"{kind}_call_opens", f"{kind}_call_closes"
        open_or_upcoming |= Q(**{f"{opens}__isnull": False}) & (
            Q(**{f"{closes}__isnull": True}) | Q(**{f"{closes}__gte": today})
        )
    calls = []
    for cohort in Cohort.objects.filter(open_or_upcoming):
        for kind in ("challenges", "candidates"):
            opens = getattr(cohort, f"{kind}_call_opens")
            closes = getattr(cohort, f"{kind}_call_closes")
            if opens is None or (closes is not None and closes < today):
                continue
            calls.append(
                ProgramCall(
                    cohort=cohort, kind=kind, opens=opens, closes=closes, is_open=opens <= today
                )
            )
    return sorted(calls, key=lambda call: (call.opens, call.kind != "challenges", call.cohort.pk))


def cohorts_open_for_candidates(*, today: datetime.date) -> list[Cohort]:
    """The cohorts whose call for candidates is open on ``today``."""
    return list(
        Cohort.objects.filter(candidates_call_opens__isnull=False, candidates_call_opens__lte=today)
        .filter(Q(candidates_call_closes__isnull=True) | Q(candidates_call_closes__gte=today))
        .order_by("candidates_call_closes", "pk")
    )


def person_public_search(*, text: str, limit: int = 20) -> list[Person]:
    """People who consented to appear publicly whose name holds every word of ``text``,
    ignoring case and accents."""
    from core.text_search import folded_contains

    words = text.split()[:10]
    if not words:
        return []
    condition = Q()
    for word in words:
        condition &= folded_contains("full_name", word)
    return list(
        Person.objects.filter(condition, public_consent=True).order_by("full_name", "pk")[:limit]
    )


# --- Plain rows for the evaluation indicators: events (one query each) ---------------------


def event_rows_list() -> list[dict[str, Any]]:
    """Every event of a cohort as a plain row."""
    from cohorts.events import Event

    return list(Event.objects.order_by("id").values("id", "cohort_id", "kind"))


def attendance_rows_list() -> list[dict[str, Any]]:
    """Every recorded attendance: its event and its status (present, absent, excused); the
    person is not given."""
    from cohorts.events import Attendance

    return list(Attendance.objects.order_by("event_id", "id").values("event_id", "status"))
