"""Who has which onboarding and offboarding tasks (the checklists of cohorts/checklists.py),
who is behind, and the reminders: the one place for these rules, read by the team space, the
administrations' space, the staff page « Qui est en retard » and the scheduled job.

A person holds a role in a promotion whose checklists are current (see ``checklist_cohorts``):

- **EIG**: a fellow's place in the team of one of its challenges (the team space's rule: a
  fellowship without a team gives no tasks);
- **mentor**: a mentor's place in the team of one of its challenges;
- **administration d'accueil**: an agent of an administration that hosts one of its challenges.

Only challenges that are selected, running or completed count, and only people with an account
(the tick is theirs). A person's tasks are the items of the templates for their role, of that
promotion or of all promotions; an item is **overdue** when its due date has passed and the
person has not ticked it for that promotion.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import formats, timezone

from cohorts import checklists_services
from cohorts.models import (
    ChecklistItem,
    ChecklistReminder,
    ChecklistRole,
    ChecklistTemplate,
    ChecklistTick,
    Cohort,
)
from core.emails import send_templated_email
from projects.models import AdministrationMembership, Challenge, ChallengeStatus, TeamMembership

HOSTED_STATUSES = (ChallengeStatus.SELECTED, ChallengeStatus.IN_PROGRESS, ChallengeStatus.COMPLETED)
# A promotion's checklists are current from some months before its start to some after its end.
CURRENT_BEFORE_START_DAYS = 120
CURRENT_AFTER_END_DAYS = 180
# A promotion without an end date is taken to last ten months.
DEFAULT_LENGTH_DAYS = 300
# An overdue item is recalled at most once in this many days.
REMINDER_PERIOD_DAYS = 7

TEAM_ROLES = (ChecklistRole.FELLOW, ChecklistRole.MENTOR)
ADMINISTRATION_ROLES = (ChecklistRole.ADMINISTRATION,)


@dataclass(frozen=True)
class Participant:
    """Someone with a role in a promotion: their account, name and address."""

    user_id: int
    cohort: Cohort
    role: str
    name: str
    email: str

    @property
    def role_label(self) -> str:
        return ChecklistRole(self.role).label


@dataclass
class Task:
    """One item of a person's checklist for one promotion."""

    item: ChecklistItem
    cohort: Cohort
    due_on: datetime.date | None
    ticked_at: datetime.datetime | None
    today: datetime.date

    @property
    def done(self) -> bool:
        return self.ticked_at is not None

    @property
    def overdue(self) -> bool:
        return not self.done and self.due_on is not None and self.due_on < self.today


@dataclass
class TaskList:
    """The tasks of one template, for one person in one promotion."""

    participant: Participant
    template: ChecklistTemplate
    tasks: list[Task]

    @property
    def cohort(self) -> Cohort:
        return self.participant.cohort

    @property
    def done_count(self) -> int:
        return sum(task.done for task in self.tasks)

    @property
    def overdue_count(self) -> int:
        return sum(task.overdue for task in self.tasks)


def today() -> datetime.date:
    return timezone.localdate()


def checklist_cohorts(*, on: datetime.date) -> QuerySet[Cohort]:
    """The promotions whose checklists are current on ``on``: from
    ``CURRENT_BEFORE_START_DAYS`` before their start to ``CURRENT_AFTER_END_DAYS`` after their
    end (a promotion without an end date is taken to last ten months); a promotion without a
    start date has none."""
    after_end = datetime.timedelta(days=CURRENT_AFTER_END_DAYS)
    return Cohort.objects.filter(
        start_date__isnull=False,
        start_date__lte=on + datetime.timedelta(days=CURRENT_BEFORE_START_DAYS),
    ).filter(
        Q(end_date__gte=on - after_end)
        | Q(
            end_date__isnull=True,
            start_date__gte=on - after_end - datetime.timedelta(days=DEFAULT_LENGTH_DAYS),
        )
    )


def _person_email(person) -> str:
    user = person.user
    return (user.email if user else "") or person.email


def checklist_participants(
    *, on: datetime.date, roles: Iterable[str], user=None
) -> list[Participant]:
    """Everyone (or only ``user``) holding one of ``roles`` in a promotion whose checklists are
    current on ``on``, with an account; each person once per promotion and role, in the order of
    the promotions, then of the names. A constant number of queries."""
    roles = set(roles)
    if user is not None and not user.is_authenticated:
        return []
    cohorts = {cohort.pk: cohort for cohort in checklist_cohorts(on=on)}
    if not cohorts:
        return []
    found: dict[tuple[int, int, str], Participant] = {}

    def add(user_id, cohort_id, role, name, email):
        found.setdefault(
            (user_id, cohort_id, role),
            Participant(user_id, cohorts[cohort_id], role, name, email),
        )

    people = {"person__user__isnull": False}
    if user is not None:
        people = {"person__user": user}
    team_roles = [role for role in TEAM_ROLES if role in roles]
    if team_roles:
        memberships = TeamMembership.objects.filter(
            role__in=team_roles,
            challenge__cohort_id__in=cohorts,
            challenge__status__in=HOSTED_STATUSES,
            **people,
        ).select_related("person__user", "challenge")
        for membership in memberships:
            person = membership.person
            add(
                person.user_id,
                membership.challenge.cohort_id,
                membership.role,
                person.full_name,
                _person_email(person),
            )
    if ChecklistRole.ADMINISTRATION in roles:
        hosts = defaultdict(set)
        for administration_id, cohort_id in Challenge.administrations.through.objects.filter(
            challenge__cohort_id__in=cohorts, challenge__status__in=HOSTED_STATUSES
        ).values_list("administration_id", "challenge__cohort_id"):
            hosts[administration_id].add(cohort_id)
        agents = AdministrationMembership.objects.filter(administration_id__in=hosts)
        if user is not None:
            agents = agents.filter(user=user)
        for membership in agents.select_related("user"):
            agent = membership.user
            for cohort_id in hosts[membership.administration_id]:
                add(
                    agent.pk,
                    cohort_id,
                    ChecklistRole.ADMINISTRATION,
                    agent.get_full_name() or agent.email or agent.get_username(),
                    agent.email,
                )
    return sorted(
        found.values(),
        key=lambda p: (p.cohort.start_date, p.cohort.pk, p.name.casefold(), p.user_id, p.role),
    )


def _templates(*, cohort_ids: Iterable[int], roles: Iterable[str]) -> list[ChecklistTemplate]:
    return list(
        ChecklistTemplate.objects.filter(
            Q(cohort__isnull=True) | Q(cohort_id__in=list(cohort_ids)), role__in=list(roles)
        )
        .prefetch_related(
            Prefetch("items", queryset=ChecklistItem.objects.order_by("sort_order", "pk"))
        )
        .order_by("phase", "title", "pk")
    )


def _task_lists(
    participants: list[Participant], *, roles: Iterable[str], on: datetime.date
) -> list[TaskList]:
    """Each participant's task lists, with the ticks read in one query."""
    if not participants:
        return []
    templates = _templates(cohort_ids={p.cohort.pk for p in participants}, roles=roles)
    ticks = {
        (item_id, cohort_id, user_id): ticked_at
        for item_id, cohort_id, user_id, ticked_at in ChecklistTick.objects.filter(
            cohort_id__in={p.cohort.pk for p in participants},
            user_id__in={p.user_id for p in participants},
        ).values_list("item_id", "cohort_id", "user_id", "ticked_at")
    }
    lists = []
    for participant in participants:
        cohort = participant.cohort
        for template in templates:
            if template.role != participant.role or not template.applies_to(cohort.pk):
                continue
            tasks = [
                Task(
                    item=item,
                    cohort=cohort,
                    due_on=item.due_on(cohort),
                    ticked_at=ticks.get((item.pk, cohort.pk, participant.user_id)),
                    today=on,
                )
                for item in template.items.all()
            ]
            if tasks:
                lists.append(TaskList(participant=participant, template=template, tasks=tasks))
    return lists


def person_task_lists(*, user, roles: Iterable[str], on: datetime.date | None = None):
    """``user``'s own task lists for ``roles``, promotion by promotion."""
    on = on or today()
    roles = tuple(roles)
    return _task_lists(checklist_participants(on=on, roles=roles, user=user), roles=roles, on=on)


def own_task_or_404(
    *, user, roles: Iterable[str], cohort_pk: int, item_pk: int, on: datetime.date | None = None
) -> Task:
    """One of ``user``'s own tasks, for their role in the promotion ``cohort_pk``; anyone
    else's item (another role, another promotion, a template that does not apply) is 404."""
    for task_list in person_task_lists(user=user, roles=roles, on=on):
        if task_list.cohort.pk != cohort_pk:
            continue
        for task in task_list.tasks:
            if task.item.pk == item_pk:
                return task
    raise Http404


def own_task_tick(*, user, task: Task, done: bool) -> bool:
    """``user`` ticks (or unticks) one of their own tasks (from ``own_task_or_404``)."""
    return checklists_services.checklist_item_tick(
        item=task.item, cohort=task.cohort, user=user, done=done
    )


# --- Staff: who is behind ------------------------------------------------------------------------


@dataclass
class LatePerson:
    participant: Participant
    overdue_count: int
    oldest_due_on: datetime.date
    labels: list[str]


@dataclass
class LateGroup:
    """The people of one role in one promotion, and those of them who are behind."""

    cohort: Cohort
    role: str
    people_count: int = 0
    late: list[LatePerson] = field(default_factory=list)

    @property
    def role_label(self) -> str:
        return ChecklistRole(self.role).label

    @property
    def overdue_count(self) -> int:
        return sum(person.overdue_count for person in self.late)


def _late_people(task_lists: list[TaskList]) -> dict[tuple[int, int, str], list[Task]]:
    overdue: dict[tuple[int, int, str], list[Task]] = defaultdict(list)
    for task_list in task_lists:
        participant = task_list.participant
        key = (participant.user_id, participant.cohort.pk, participant.role)
        overdue[key].extend(task for task in task_list.tasks if task.overdue)
    return overdue


def late_groups(*, on: datetime.date | None = None) -> list[LateGroup]:
    """Per promotion and role (of those that have checklists), how many people there are and
    who among them has overdue tasks, with how many and since when; the most behind first. A
    constant number of queries, whatever the number of people."""
    on = on or today()
    roles = tuple(ChecklistRole.values)
    participants = checklist_participants(on=on, roles=roles)
    task_lists = _task_lists(participants, roles=roles, on=on)
    with_lists = {(tl.participant.cohort.pk, tl.participant.role) for tl in task_lists}
    overdue = _late_people(task_lists)
    groups: dict[tuple[int, str], LateGroup] = {}
    for participant in participants:
        key = (participant.cohort.pk, participant.role)
        if key not in with_lists:
            continue
        group = groups.setdefault(key, LateGroup(cohort=participant.cohort, role=participant.role))
        group.people_count += 1
        tasks = overdue.get((participant.user_id, participant.cohort.pk, participant.role))
        if tasks:
            group.late.append(
                LatePerson(
                    participant=participant,
                    overdue_count=len(tasks),
                    oldest_due_on=min(task.due_on for task in tasks),
                    labels=[task.item.label for task in tasks],
                )
            )
    role_order = {role: index for index, role in enumerate(ChecklistRole.values)}
    for group in groups.values():
        group.late.sort(key=lambda late: (-late.overdue_count, late.oldest_due_on))
    return sorted(
        groups.values(),
        key=lambda g: (g.cohort.start_date, g.cohort.pk, role_order[g.role]),
    )


# --- Reminders ----------------------------------------------------------------------------------


def _date_text(day: datetime.date) -> str:
    return formats.date_format(day, "j F Y")


def checklist_reminders_send(
    *, now: datetime.datetime | None = None, period_days: int = REMINDER_PERIOD_DAYS
) -> int:
    """E-mail each person with overdue tasks one reminder listing them, recalling each task at
    most once every ``period_days`` days; returns the number of messages sent. Safe to run
    twice: the tasks recalled within the period are left out, and a person with nothing left
    gets nothing."""
    now = now or timezone.now()
    on = timezone.localdate(now)
    roles = tuple(ChecklistRole.values)
    participants = checklist_participants(on=on, roles=roles)
    overdue = _late_people(_task_lists(participants, roles=roles, on=on))
    if not overdue:
        return 0
    recalled = set(
        ChecklistReminder.objects.filter(
            sent_at__gt=now - datetime.timedelta(days=period_days)
        ).values_list("item_id", "cohort_id", "user_id")
    )
    by_user: dict[int, list[tuple[Participant, Task]]] = defaultdict(list)
    for participant in participants:
        key = (participant.user_id, participant.cohort.pk, participant.role)
        for task in overdue.get(key, ()):
            if (task.item.pk, task.cohort.pk, participant.user_id) not in recalled:
                by_user[participant.user_id].append((participant, task))
    sent = 0
    for user_id, entries in by_user.items():
        email = next((participant.email for participant, _task in entries if participant.email), "")
        if not email:
            continue
        roles_held = {participant.role for participant, _task in entries}
        checklists_services.checklist_reminders_record(
            user_id=user_id,
            entries=sorted({(task.item.pk, task.cohort.pk) for _participant, task in entries}),
            now=now,
        )
        send_templated_email(
            "projects/emails/checklist_reminder",
            [email],
            {
                "name": entries[0][0].name,
                "tasks": [
                    {
                        "label": task.item.label,
                        "cohort": task.cohort.name,
                        "role": str(participant.role_label),
                        "due": _date_text(task.due_on),
                    }
                    for participant, task in entries
                ],
                "team_url": settings.SITE_URL + reverse("team:tasks")
                if roles_held & set(TEAM_ROLES)
                else "",
                "space_url": settings.SITE_URL + reverse("projects:space-tasks")
                if ChecklistRole.ADMINISTRATION in roles_held
                else "",
                "days": period_days,
            },
        )
        sent += 1
    return sent
