"""Writes on cohorts, people and fellowships.

Each ``*_upsert`` function finds a record by its natural key, creates it when missing, and saves
only the fields whose value changed (core/records.py).
"""

from typing import Any

from cohorts.models import Cohort, Fellowship, Person, Profile, Track
from core.records import Outcome, given, record_changes_save, record_values_save


def cohort_upsert(
    *, track: Track, number: int, name: str, slug: str, year: int
) -> tuple[Cohort, Outcome]:
    """Create or update the cohort ``track`` × ``number``.

    The calls' and the programme's dates are left alone: they are set by the programme team.
    """
    values = {"name": name, "slug": slug, "year": year}
    cohort = Cohort.objects.filter(track=track, number=number).first()
    if cohort is None:
        return Cohort.objects.create(track=track, number=number, **values), Outcome.CREATED
    return cohort, record_changes_save(instance=cohort, values=values)


def person_upsert(
    *,
    slug: str,
    full_name: str,
    biography: str | None = None,
    github: str | None = None,
    gitlab: str | None = None,
    twitter: str | None = None,
    linkedin: str | None = None,
    website: str | None = None,
    public_consent: bool = False,
) -> tuple[Person, Outcome]:
    """Create or update the person whose URL identifier is ``slug``; a field given as ``None``
    is left as it is.

    ``public_consent`` is only set when the person is created: a consent belongs to the person
    and a later update never grants or withdraws it.
    """
    values = {
        "full_name": full_name,
        "biography": biography,
        "github": github,
        "gitlab": gitlab,
        "twitter": twitter,
        "linkedin": linkedin,
        "website": website,
    }
    person = Person.objects.filter(slug=slug).first()
    if person is None:
        person = Person.objects.create(slug=slug, public_consent=public_consent, **given(values))
        return person, Outcome.CREATED
    return person, record_changes_save(instance=person, values=values)


def person_create_unlisted(*, slug: str, full_name: str) -> tuple[Person, Outcome]:
    """Make sure a person known only by name exists, without public consent.

    An existing person with this ``slug`` is left exactly as it is.
    """
    person = Person.objects.filter(slug=slug).first()
    if person is not None:
        return person, Outcome.UNCHANGED
    return Person.objects.create(
        slug=slug, full_name=full_name, public_consent=False
    ), Outcome.CREATED


def fellowship_upsert(
    *, person: Person, cohort: Cohort, profile: Profile
) -> tuple[Fellowship, Outcome]:
    """Create or update ``person``'s fellowship in ``cohort`` with ``profile``."""
    fellowship = Fellowship.objects.filter(person=person, cohort=cohort).first()
    if fellowship is None:
        return Fellowship.objects.create(
            person=person, cohort=cohort, profile=profile
        ), Outcome.CREATED
    return fellowship, record_changes_save(instance=fellowship, values={"profile": profile})


# --- Staff's writes from the admin ---------------------------------------------------------------


def cohort_save(*, instance: Cohort, values: dict[str, Any], user) -> Cohort:
    """Staff create or change a cohort: its identity, the programme's dates and its calls'
    dates (each call closing after it opens, the programme ending after it starts)."""
    return record_values_save(instance=instance, values=values)


def person_save(*, instance: Person, values: dict[str, Any], user) -> Person:
    """Staff create or change a person (URL identifier unique, links valid)."""
    return record_values_save(instance=instance, values=values)


def fellowship_save(*, instance: Fellowship, values: dict[str, Any], user) -> Fellowship:
    """Staff create or change a fellowship: a person has one fellowship per cohort."""
    return record_values_save(instance=instance, values=values)


# --- Erasure -------------------------------------------------------------------------------------


def person_erase(*, person: Person, user) -> None:
    """Erase a person on request: their record with everything attached to it in every app
    (fellowships, teams, answers to events, positions, directory profile, survey invitations,
    calendar feeds), their account if they have one, and every trace of their name and
    address (core.erasure). The admin's log keeps that ``user`` erased a person, not whom."""
    from wagtail.log_actions import log

    from core.erasure import ERASED_LABEL, account_erase, erasure_run

    def work(erasure):
        erasure.remember(person.full_name, person.email, person.slug)
        account = person.user
        erasure.delete(Person.objects.filter(pk=person.pk))
        if account is not None:
            account_erase(user=account, erasure=erasure)
        log(
            instance=Person(pk=person.pk, full_name=str(ERASED_LABEL)),
            action="wagtail.delete",
            user=user,
            title=str(ERASED_LABEL),
        )

    erasure_run(work=work)


def account_person_unlink(*, user, erasure) -> None:
    """An account being deleted: the person's record stays (it is the program's, and public
    only with consent), but loses the account's address, in its history too."""
    person = Person.objects.filter(user=user).first()
    if person is None:
        return
    addresses = {text.casefold() for text in erasure.texts if "@" in text}
    if person.email.casefold() in addresses:
        Person.objects.filter(pk=person.pk).update(email="")
        Person.history.filter(id=person.pk).update(email="")
