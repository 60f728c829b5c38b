"""Who may see and do what in the alumni network: one place for every object-level rule.

Views, querysets and the directory's search all go through these functions. Someone without the
right to an object gets a 404, never a hint that it exists.
"""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from alumni.models import DirectoryProfile, Position
from cohorts.models import Fellowship, Person, ended_cohorts_q


def user_person(user) -> Person | None:
    """The person linked to ``user``'s account, or None."""
    if user is None or not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).first()


def person_is_fellow(person: Person | None) -> bool:
    """Whether ``person`` was or is a fellow of a cohort (current fellow or alumnus)."""
    return person is not None and Fellowship.objects.filter(person=person).exists()


def person_is_alumnus(person: Person, *, today: datetime.date | None = None) -> bool:
    """Whether ``person`` is an alumnus: one of their cohorts has ended (derived, not stored)."""
    today = today or timezone.localdate()
    return Fellowship.objects.filter(ended_cohorts_q(today, "cohort__"), person=person).exists()


def user_is_network_member(user) -> bool:
    """Fellows and alumni: they have a profile and positions of their own.

    One query, remembered on the user object for the rest of the request (the header asks on
    every page)."""
    if user is None or not user.is_authenticated:
        return False
    cached = getattr(user, "_alumni_is_network_member", None)
    if cached is None:
        cached = Fellowship.objects.filter(person__user=user).exists()
        user._alumni_is_network_member = cached
    return cached


def user_can_browse_directory(user) -> bool:
    """The directory is open to fellows, alumni and the program's staff only."""
    if user is None or not user.is_authenticated:
        return False
    return (user.is_staff and user.has_perm("cohorts.view_person")) or user_is_network_member(user)


def positions_editable_by(user) -> QuerySet[Position]:
    """The positions ``user`` may edit or delete: their own, and nobody else's (staff included,
    who use the admin)."""
    person = user_person(user)
    if person is None or not person_is_fellow(person):
        return Position.objects.none()
    return Position.objects.filter(person=person)


def directory_profiles_visible_to(user) -> QuerySet[DirectoryProfile]:
    """The directory entries ``user`` may see: fellows and alumni who chose to be listed."""
    if not user_can_browse_directory(user):
        return DirectoryProfile.objects.none()
    fellow = Fellowship.objects.filter(person=OuterRef("person"))
    return DirectoryProfile.objects.filter(Q(listed=True), Exists(fellow))


def visible_items(profile: DirectoryProfile) -> dict[str, bool]:
    """Which items of a listed profile the directory shows: only those consented to."""
    return {
        "email": profile.show_email,
        "positions": profile.show_positions,
        "links": profile.show_links,
        "presentation": profile.show_presentation,
    }
