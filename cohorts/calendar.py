"""Calendar feeds of the program's events (iCalendar, RFC 5545): the public events at
/evenements.ics, and each person's events at a private address holding a renewable token.

A cancelled event stays in the feeds with the status CANCELLED, so that calendars which
imported it show the cancellation instead of keeping a stale entry.
"""

import datetime

import icalendar
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.events import CalendarFeed, Event, Rsvp, calendar_token
from cohorts.models import Person
from cohorts.rules_events import TEAM_ROLES

# Past events a feed still carries: calendars keep what they imported, so older entries only
# weigh on every poll.
FEED_PAST_DAYS = 180
FEED_MAX_EVENTS = 500


def _recent(events: QuerySet[Event], now: datetime.datetime | None) -> QuerySet[Event]:
    since = (now or timezone.now()) - datetime.timedelta(days=FEED_PAST_DAYS)
    return events.filter(starts_at__gte=since).select_related("cohort").order_by("starts_at", "pk")


def public_events(*, now: datetime.datetime | None = None) -> list[Event]:
    """The events staff marked public, recent and upcoming. One query."""
    return list(_recent(Event.objects.filter(is_public=True), now)[:FEED_MAX_EVENTS])


def person_events(*, person: Person, now: datetime.datetime | None = None) -> list[Event]:
    """The events of ``person``'s cohorts (as a fellow, or as a fellow or mentor of one of the
    cohort's challenges), recent and upcoming, each with ``own_rsvp`` (their answer or None).
    Two queries, whatever their number."""
    events = _recent(
        Event.objects.filter(
            Q(cohort__fellowships__person=person)
            | Q(
                cohort__challenges__memberships__person=person,
                cohort__challenges__memberships__role__in=TEAM_ROLES,
            )
        ).distinct(),
        now,
    )
    events = list(events[:FEED_MAX_EVENTS])
    answers = {
        rsvp.event_id: rsvp
        for rsvp in Rsvp.objects.filter(person=person, event__in=[event.pk for event in events])
    }
    for event in events:
        event.own_rsvp = answers.get(event.pk)
    return events


def feed_for_token(token: str) -> CalendarFeed | None:
    """The feed whose token is ``token``, or None (unknown or revoked)."""
    if not token or len(token) > 64:
        return None
    return CalendarFeed.objects.select_related("person").filter(token=token).first()


def feed_existing(person: Person) -> CalendarFeed | None:
    """``person``'s feed if they asked for one."""
    return CalendarFeed.objects.filter(person=person).first()


@transaction.atomic
def feed_renew(person: Person) -> CalendarFeed:
    """Give ``person``'s feed a new token (creating the feed on first use): the former
    address stops answering at once."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(person=person)
    if not created:
        feed.token = calendar_token()
        feed.save(update_fields=["token"])
    return feed


def calendar_response(body: bytes, *, filename: str, private: bool) -> HttpResponse:
    """``body`` served as a calendar file; a private feed is never stored by a cache."""
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if private:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    else:
        response["Cache-Control"] = "public, max-age=900"
    return response


def calendar_bytes(*, events: list[Event], name: str, domain: str, url_of=None, now=None) -> bytes:
    """The iCalendar text of ``events``. ``url_of(event)`` gives the address of an event's page,
    if it has one; an event's answer (``own_rsvp``) is written in its description."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Entrepreneurs d'intérêt général//Calendrier//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = now or timezone.now()
    for event in events:
        entry = icalendar.Event()
        entry.add("uid", f"evenement-{event.pk}@{domain}")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.starts_at)
        if event.ends_at:
            entry.add("dtend", event.ends_at)
        entry.add("summary", event.title)
        if event.place:
            entry.add("location", event.place)
        description = [event.description] if event.description else []
        rsvp = getattr(event, "own_rsvp", None)
        if rsvp is not None:
            description.append(
                _("Votre réponse : %(status)s") % {"status": rsvp.get_status_display()}
            )
        if description:
            entry.add("description", "\n\n".join(description))
        if url_of is not None:
            entry.add("url", url_of(event))
        entry.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
        calendar.add_component(entry)
    return calendar.to_ical()
