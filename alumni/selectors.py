"""Reads on alumni positions, the directory and the surveys."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alumni import rules
from alumni.models import DirectoryProfile, Position, Sector, Survey, SurveyInvitation
from cohorts.models import Cohort, Fellowship, Person, Profile
from cohorts.rules_events import visible_events
from projects.models import Skill

# --- Plain rows for the evaluation indicators (one query, whatever the number of cohorts) ------

POSITION_ROW_FIELDS = ("id", "person_id", "sector", "start", "end")


def position_rows_list() -> list[dict[str, Any]]:
    """Every position held by a person who was a fellow of a cohort."""
    return list(
        Position.objects.filter(person__fellowships__isnull=False)
        .distinct()
        .order_by("person_id", "start", "id")
        .values(*POSITION_ROW_FIELDS)
    )


# --- The alumni directory ----------------------------------------------------------------------


@dataclass(frozen=True)
class DirectoryFilters:
    text: str = ""
    cohort_id: int | None = None
    profile: str = ""
    sector: str = ""
    skill_id: int | None = None


@dataclass(frozen=True)
class DirectoryEntry:
    """What the directory shows of one person: only the items they agreed to show."""

    person: Person
    headline: str
    is_alumnus: bool
    fellowships: list[Fellowship]
    email: str = ""
    positions: list[Position] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    presentation: str = ""
    skills: list[Skill] = field(default_factory=list)


def directory_search(*, user, filters: DirectoryFilters) -> QuerySet[DirectoryProfile]:
    """The directory entries ``user`` may see that match ``filters``, by name.

    A filter on sector or skill only looks at items their owner shows: filtering must not reveal
    what a person hides.
    """
    profiles = rules.directory_profiles_visible_to(user)
    for word in filters.text.split()[:10]:
        profiles = profiles.filter(
            Q(person__full_name__icontains=word) | Q(headline__icontains=word)
        )
    if filters.cohort_id:
        profiles = profiles.filter(
            Exists(Fellowship.objects.filter(person=OuterRef("person"), cohort=filters.cohort_id))
        )
    if filters.profile:
        profiles = profiles.filter(
            Exists(Fellowship.objects.filter(person=OuterRef("person"), profile=filters.profile))
        )
    if filters.sector:
        profiles = profiles.filter(
            Exists(Position.objects.filter(person=OuterRef("person"), sector=filters.sector)),
            show_positions=True,
        )
    if filters.skill_id:
        profiles = profiles.filter(skills=filters.skill_id, show_presentation=True)
    return profiles.select_related("person", "person__user").order_by("person__full_name", "pk")


def directory_entries(
    *, profiles: list[DirectoryProfile], today: datetime.date | None = None
) -> list[DirectoryEntry]:
    """The entries of these profiles, in a fixed number of queries whatever their number."""
    today = today or timezone.localdate()
    person_ids = [profile.person_id for profile in profiles]
    fellowships: dict[int, list[Fellowship]] = {}
    for fellowship in (
        Fellowship.objects.filter(person_id__in=person_ids)
        .select_related("cohort")
        .order_by("cohort__year", "cohort__number")
    ):
        fellowships.setdefault(fellowship.person_id, []).append(fellowship)
    shown_positions = [p.person_id for p in profiles if p.show_positions]
    positions: dict[int, list[Position]] = {}
    for position in Position.objects.filter(person_id__in=shown_positions).order_by(
        "person_id", "-start", "pk"
    ):
        positions.setdefault(position.person_id, []).append(position)
    shown_skills = [p.pk for p in profiles if p.show_presentation]
    skills: dict[int, list[Skill]] = {}
    through = DirectoryProfile.skills.through
    for row in through.objects.filter(directoryprofile_id__in=shown_skills).select_related("skill"):
        skills.setdefault(row.directoryprofile_id, []).append(row.skill)

    entries = []
    for profile in profiles:
        person = profile.person
        own = fellowships.get(person.pk, [])
        links = []
        if profile.show_links:
            if profile.website:
                links.append((str(_("Site web")), profile.website))
            if profile.linkedin:
                links.append((str(_("LinkedIn")), profile.linkedin))
            if profile.github:
                links.append((f"GitHub : {profile.github}", f"https://github.com/{profile.github}"))
        email = ""
        if profile.show_email:
            email = profile.contact_email or person.email or getattr(person.user, "email", "")
        entries.append(
            DirectoryEntry(
                person=person,
                headline=profile.headline,
                is_alumnus=any(f.cohort.has_ended(today) for f in own),
                fellowships=own,
                email=email,
                positions=positions.get(person.pk, []),
                links=links,
                presentation=profile.presentation if profile.show_presentation else "",
                skills=sorted(skills.get(profile.pk, []), key=lambda s: s.name),
            )
        )
    return entries


def directory_filter_choices() -> dict[str, list[tuple[str, str]]]:
    """The choices of the directory's filters."""
    return {
        "cohort": [(str(c.pk), c.name) for c in Cohort.objects.order_by("-year", "number")],
        "profile": list(Profile.choices),
        "sector": list(Sector.choices),
        "skill": [(str(s.pk), s.name) for s in Skill.objects.order_by("name")],
    }


def person_positions(*, person: Person) -> list[Position]:
    """A person's own positions, the latest first."""
    return list(Position.objects.filter(person=person).order_by("-start", "pk"))


# --- Feedback surveys ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseRate:
    invited: int
    answered: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.invited) if self.invited else 0


def survey_response_rate(*, survey: Survey) -> ResponseRate:
    """How many people were invited to ``survey`` and how many answered, right now."""
    counts = survey.invitations.aggregate(
        invited=Count("pk"), answered=Count("pk", filter=Q(answered=True))
    )
    return ResponseRate(invited=counts["invited"], answered=counts["answered"])


def person_survey_invitations(*, person: Person) -> list[SurveyInvitation]:
    """A person's own invitations, newest first (their links are not stored: only the e-mail
    holds them)."""
    return list(
        SurveyInvitation.objects.filter(person=person)
        .select_related("survey", "survey__cohort")
        .order_by("-sent_at", "-pk")
    )


def survey_with_rates() -> QuerySet[Survey]:
    """Every survey, with ``invited_count`` and ``answered_count`` (for the admin's list)."""
    return Survey.objects.select_related("cohort").annotate(
        invited_count=Count("invitations", distinct=True),
        answered_count=Count("invitations", filter=Q(invitations__answered=True), distinct=True),
    )


# --- Plain rows for the evaluation indicators: surveys (one query each) ------------------------


def survey_invitation_rows_list() -> list[dict[str, Any]]:
    """Every survey invitation: its survey's cohort and whether it was answered; the person is
    not given."""
    from django.db.models import F

    return list(
        SurveyInvitation.objects.order_by("id").values(
            "id", cohort_id=F("survey__cohort_id"), responded=F("answered")
        )
    )


def survey_score_rows_list() -> list[dict[str, Any]]:
    """One row per scored answer (1 to 5 scale or 0 to 10 recommendation question): the cohort
    the survey was sent to, the question's text, the highest score of its scale and the score.
    Only the responses' answers are read, never their person nor their id: a row cannot be
    linked back to whoever answered. Two queries."""
    from alumni.models import QuestionKind, SurveyQuestion, SurveyResponse

    scales = {QuestionKind.SCALE.value: 5, QuestionKind.RECOMMENDATION.value: 10}
    questions = {
        (survey_id, str(pk)): (label, scales[kind])
        for pk, survey_id, label, kind in SurveyQuestion.objects.filter(
            kind__in=list(scales)
        ).values_list("pk", "survey_id", "label", "kind")
    }
    rows = []
    responses = SurveyResponse.objects.order_by("survey_id").values_list(
        "survey_id", "survey__cohort_id", "answers"
    )
    for survey_id, cohort_id, answers in responses:
        for key, value in (answers or {}).items():
            question = questions.get((survey_id, str(key)))
            if question is None:
                continue
            try:
                score = float(value)
            except (TypeError, ValueError):
                continue  # not answered (an optional question left blank)
            label, scale = question
            rows.append({"cohort_id": cohort_id, "question": label, "scale": scale, "score": score})
    return rows


def sector_labels() -> dict[str, str]:
    """Each sector's label, by value, in the sectors' order: for the evaluation's breakdowns."""
    return {value: str(label) for value, label in Sector.choices}


def person_events_to_answer(*, user, now: datetime.datetime | None = None) -> list:
    """The upcoming events of ``user``'s cohorts that they have not answered yet, soonest
    first. One query."""
    now = now or timezone.now()
    return list(
        visible_events(user)
        .filter(starts_at__gte=now, is_cancelled=False)
        .exclude(rsvps__person__user=user)
        .select_related("cohort")
        .order_by("starts_at", "pk")[:20]
    )
