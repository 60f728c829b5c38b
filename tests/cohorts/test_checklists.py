"""Onboarding and offboarding checklists: who has which tasks, ticking one's own, who is behind,
the staff page and the weekly reminder (cohorts/checklists.py, projects/checklists.py)."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cohorts.models import (
    ChecklistPhase,
    ChecklistReminder,
    ChecklistRole,
    ChecklistTemplate,
    ChecklistTick,
)
from projects import checklists
from projects.models import ChallengeStatus, TeamRole
from tests.call_factories import MembershipFactory
from tests.factories import (
    ChallengeFactory,
    CohortFactory,
    FellowshipFactory,
    PersonFactory,
    UserFactory,
)
from tests.program_life_factories import (
    ChecklistItemFactory,
    ChecklistTemplateFactory,
    team_member,
)

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 6, 1, 9, 0))
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


@pytest.fixture
def cohort():
    """A promotion running since 1 March 2026, until 31 December 2026."""
    return CohortFactory(
        name="EIG 9",
        number=9,
        year=2026,
        start_date=datetime.date(2026, 3, 1),
        end_date=datetime.date(2026, 12, 31),
    )


@pytest.fixture
def challenge(cohort):
    return ChallengeFactory(
        cohort=cohort, title="Lab des données", status=ChallengeStatus.IN_PROGRESS
    )


@pytest.fixture
def fellow(challenge):
    return team_member(challenge=challenge, username="eig-lab", full_name="Ada Lovelace")


@pytest.fixture
def mentor(challenge):
    return team_member(
        challenge=challenge, role=TeamRole.MENTOR, username="mentor-lab", full_name="Grace Hopper"
    )


@pytest.fixture
def agent(challenge):
    return MembershipFactory(
        user__username="agent-lab",
        user__first_name="Alan",
        user__last_name="Turing",
        administration=challenge.administrations.get(),
    ).user


@pytest.fixture
def onboarding():
    """The fellows' onboarding list: one item due before today, one after, one without date."""
    template = ChecklistTemplateFactory(title="Arrivée des EIG", role=ChecklistRole.FELLOW)
    return {
        "badge": ChecklistItemFactory(template=template, label="Retirer son badge", due_days=7),
        "charter": ChecklistItemFactory(template=template, label="Signer la charte", due_days=120),
        "slack": ChecklistItemFactory(template=template, label="Rejoindre le forum", due_days=None),
    }


def tick_url(cohort, item, *, space=False):
    name = "projects:space-task-tick" if space else "team:task-tick"
    return reverse(name, kwargs={"cohort_pk": cohort.pk, "pk": item.pk})


# --- Due dates and overdue -----------------------------------------------------------------------


def test_due_dates_follow_the_promotions_start_or_end(cohort):
    arrival = ChecklistItemFactory(due_days=10)
    departure = ChecklistItemFactory(
        template=ChecklistTemplateFactory(phase=ChecklistPhase.OFFBOARDING), due_days=-15
    )
    undated = ChecklistItemFactory(due_days=None)

    assert arrival.due_on(cohort) == datetime.date(2026, 3, 11)
    assert departure.due_on(cohort) == datetime.date(2026, 12, 16)
    assert undated.due_on(cohort) is None
    cohort.end_date = None
    assert departure.due_on(cohort) is None


def test_an_item_is_overdue_once_its_due_date_has_passed_unticked(fellow, cohort, onboarding):
    def states():
        [task_list] = checklists.person_task_lists(user=fellow, roles=checklists.TEAM_ROLES)
        return {task.item.label: task.overdue for task in task_list.tasks}

    assert states() == {
        "Retirer son badge": True,  # due 8 March
        "Signer la charte": False,  # due 29 June
        "Rejoindre le forum": False,  # no due date
    }

    ChecklistTick.objects.create(
        item=onboarding["badge"], cohort=cohort, user=fellow, ticked_at=NOW
    )
    assert states()["Retirer son badge"] is False


def test_an_item_due_today_is_not_yet_overdue(fellow, cohort):
    due_today = (TODAY - cohort.start_date).days
    ChecklistItemFactory(label="Aujourd'hui", due_days=due_today)

    [task_list] = checklists.person_task_lists(user=fellow, roles=checklists.TEAM_ROLES)
    assert [(task.due_on, task.overdue) for task in task_list.tasks] == [(TODAY, False)]


def test_each_role_gets_the_lists_of_its_role_and_promotion_only(
    fellow, mentor, agent, cohort, onboarding
):
    ChecklistItemFactory(
        template=ChecklistTemplateFactory(title="Mentors", role=ChecklistRole.MENTOR)
    )
    ChecklistItemFactory(
        template=ChecklistTemplateFactory(title="Accueil", role=ChecklistRole.ADMINISTRATION)
    )
    ChecklistItemFactory(
        template=ChecklistTemplateFactory(title="Autre promotion", cohort=CohortFactory())
    )
    ChecklistItemFactory(template=ChecklistTemplateFactory(title="EIG 9 seulement", cohort=cohort))

    def titles(user, roles):
        lists = checklists.person_task_lists(user=user, roles=roles)
        return sorted(task_list.template.title for task_list in lists)

    assert titles(fellow, checklists.TEAM_ROLES) == ["Arrivée des EIG", "EIG 9 seulement"]
    assert titles(mentor, checklists.TEAM_ROLES) == ["Mentors"]
    assert titles(agent, checklists.ADMINISTRATION_ROLES) == ["Accueil"]
    assert titles(agent, checklists.TEAM_ROLES) == []


def test_old_promotions_and_a_fellowship_without_a_team_give_no_tasks(onboarding):
    ended = CohortFactory(
        start_date=datetime.date(2023, 1, 10), end_date=datetime.date(2023, 11, 10)
    )
    old_teammate = team_member(challenge=ChallengeFactory(cohort=ended))
    running = CohortFactory(
        start_date=datetime.date(2026, 1, 10), end_date=datetime.date(2026, 11, 10)
    )
    without_team = UserFactory()
    FellowshipFactory(person=PersonFactory(user=without_team), cohort=running)
    # A team of a rejected challenge is no team.
    rejected = team_member(
        challenge=ChallengeFactory(cohort=running, status=ChallengeStatus.REJECTED)
    )

    for user in (old_teammate, without_team, rejected):
        assert checklists.person_task_lists(user=user, roles=checklists.TEAM_ROLES) == []


# --- The person's page and ticks -----------------------------------------------------------------


def test_a_fellow_reads_their_tasks_with_due_dates(client, fellow, onboarding):
    client.force_login(fellow)

    response = client.get(reverse("team:tasks"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Arrivée des EIG" in content
    assert "8 mars 2026" in content and "29 juin 2026" in content
    assert "Sans échéance" in content
    assert content.count("En retard</p>") == 1
    assert 'name="csrfmiddlewaretoken"' in content


def test_a_fellow_ticks_and_unticks_their_own_item(client, fellow, cohort, onboarding):
    client.force_login(fellow)
    item = onboarding["badge"]

    response = client.post(tick_url(cohort, item), {"done": "1"})

    assert response.status_code == 302
    assert response["Location"] == (f"{reverse('team:tasks')}#liste-{item.template_id}-{cohort.pk}")
    tick = ChecklistTick.objects.get()
    assert (tick.item, tick.cohort, tick.user, tick.ticked_at) == (item, cohort, fellow, NOW)
    page = client.get(reverse("team:tasks")).content.decode()
    assert "Faite le 1 juin 2026" in page
    assert "« Retirer son badge » est marquée comme faite." in page

    client.post(tick_url(cohort, item), {"done": "1"})  # twice: one tick
    assert ChecklistTick.objects.count() == 1

    client.post(tick_url(cohort, item), {"done": "0"})
    assert not ChecklistTick.objects.exists()


def test_ticking_needs_a_post_with_a_clear_answer(client, fellow, cohort, onboarding):
    client.force_login(fellow)
    url = tick_url(cohort, onboarding["badge"])

    assert client.get(url).status_code == 405
    assert client.post(url, {"done": "peut-être"}).status_code == 400
    assert not ChecklistTick.objects.exists()


def test_ticking_is_csrf_protected(fellow, cohort, onboarding):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(fellow)

    response = client.post(tick_url(cohort, onboarding["badge"]), {"done": "1"})

    assert response.status_code == 403
    assert not ChecklistTick.objects.exists()


def test_nobody_ticks_an_item_that_is_not_theirs(client, fellow, mentor, agent, cohort, onboarding):
    other_cohort = CohortFactory(start_date=datetime.date(2026, 2, 1), end_date=None)
    mentors_item = ChecklistItemFactory(
        template=ChecklistTemplateFactory(role=ChecklistRole.MENTOR)
    )
    item = onboarding["badge"]
    attempts = [
        (mentor, tick_url(cohort, item)),  # a fellows' item, for a mentor
        (fellow, tick_url(cohort, mentors_item)),  # a mentors' item, for a fellow
        (fellow, tick_url(other_cohort, item)),  # a promotion the fellow is not in
        (fellow, tick_url(cohort, item, space=True)),  # the agents' side
        (agent, tick_url(cohort, item, space=True)),  # a fellows' item, for an agent
        (UserFactory(), tick_url(cohort, item)),  # nobody's team
    ]
    for user, url in attempts:
        client.force_login(user)
        assert client.post(url, {"done": "1"}).status_code == 404, (user, url)
    assert not ChecklistTick.objects.exists()

    client.logout()
    response = client.post(tick_url(cohort, item), {"done": "1"})
    assert response.status_code == 302 and "/comptes/login/" in response["Location"]


def test_a_person_ticks_only_for_themselves(client, fellow, challenge, cohort, onboarding):
    teammate = team_member(challenge=challenge, username="eig-2", full_name="Katherine Johnson")
    client.force_login(teammate)

    client.post(tick_url(cohort, onboarding["badge"]), {"done": "1"})

    assert list(ChecklistTick.objects.values_list("user", flat=True)) == [teammate.pk]
    [task_list] = checklists.person_task_lists(user=fellow, roles=checklists.TEAM_ROLES)
    assert not any(task.done for task in task_list.tasks)


def test_the_tasks_page_is_for_team_members_only(client, fellow):
    client.force_login(UserFactory())
    assert client.get(reverse("team:tasks")).status_code == 404

    client.force_login(fellow)
    response = client.get(reverse("team:tasks"))
    assert response.status_code == 200
    assert "Aucune tâche ne vous est demandée pour l'instant." in response.content.decode()


def test_an_agent_of_the_host_administration_ticks_its_items(client, agent, cohort):
    item = ChecklistItemFactory(
        label="Préparer le poste de travail",
        template=ChecklistTemplateFactory(title="Accueil", role=ChecklistRole.ADMINISTRATION),
    )
    client.force_login(agent)

    page = client.get(reverse("projects:space-tasks"))
    response = client.post(tick_url(cohort, item, space=True), {"done": "1"})

    assert page.status_code == 200 and "Préparer le poste de travail" in page.content.decode()
    assert response["Location"].startswith(reverse("projects:space-tasks"))
    assert ChecklistTick.objects.get().user == agent
    # Not an agent: no administrations' tasks.
    client.force_login(UserFactory())
    assert client.get(reverse("projects:space-tasks")).status_code == 404


# --- Staff: who is behind ------------------------------------------------------------------------


def staff_in(group_name):
    user = UserFactory(is_staff=True)
    user.groups.set([Group.objects.get(name=group_name)])
    return user


@pytest.fixture
def late_world(fellow, mentor, agent, challenge, cohort, onboarding):
    """Ada (fellow) is late on one item, Katherine (fellow) on none, Grace (mentor) on two;
    the agent's role has no list."""
    on_time = team_member(challenge=challenge, username="eig-2", full_name="Katherine Johnson")
    ChecklistTick.objects.create(
        item=onboarding["badge"], cohort=cohort, user=on_time, ticked_at=NOW
    )
    mentors = ChecklistTemplateFactory(title="Mentors", role=ChecklistRole.MENTOR)
    ChecklistItemFactory(template=mentors, label="Fiche de poste", due_days=5)
    ChecklistItemFactory(template=mentors, label="Bureau", due_days=20)
    return {"on_time": on_time}


def test_late_groups_count_the_people_behind_per_promotion_and_role(late_world, cohort):
    groups = checklists.late_groups()

    assert [(g.cohort, g.role, g.people_count, g.overdue_count) for g in groups] == [
        (cohort, ChecklistRole.FELLOW, 2, 1),
        (cohort, ChecklistRole.MENTOR, 1, 2),
    ]
    fellows, mentors = groups
    assert [(p.participant.name, p.overdue_count, p.oldest_due_on) for p in fellows.late] == [
        ("Ada Lovelace", 1, datetime.date(2026, 3, 8))
    ]
    assert [(p.participant.name, p.labels) for p in mentors.late] == [
        ("Grace Hopper", ["Fiche de poste", "Bureau"])
    ]


def test_staff_with_the_permission_see_who_is_behind(client, late_world):
    client.force_login(staff_in("Équipe du programme"))

    response = client.get(reverse("checklists_admin:overdue"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "EIG 9 — EIG" in content and "EIG 9 — Mentor" in content
    assert "1 en retard sur 2 personnes." in content
    assert "1 en retard sur 1 personne." in content
    assert "Ada Lovelace" in content and "Grace Hopper" in content
    assert "Katherine Johnson" not in content
    assert "2 personnes en retard." in content
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("checklists_admin:overdue") in home


def test_a_staff_group_without_the_permission_is_refused(client, late_world):
    client.force_login(staff_in("Sélection"))

    response = client.get(reverse("checklists_admin:overdue"))

    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("checklists_admin:overdue") not in home


def test_the_permission_is_the_program_teams_only():
    def holds(group):
        return (
            Group.objects.get(name=group)
            .permissions.filter(
                codename="view_checklist_overdue", content_type__app_label="cohorts"
            )
            .exists()
        )

    assert holds("Équipe du programme")
    assert not any(
        holds(name)
        for name in ("Sélection", "Communication", "Évaluation", "Protection des données")
    )


# --- Reminders -----------------------------------------------------------------------------------


def test_a_reminder_goes_out_once_per_item_and_period(
    late_world, mentor, cohort, frozen_clock, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert checklists.checklist_reminders_send() == 2
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "eig-lab@example.fr",
        "mentor-lab@example.fr",
    ]
    [to_mentor] = [m for m in mail.outbox if m.to == ["mentor-lab@example.fr"]]
    assert "2 tâches du programme attendent d'être faites" in to_mentor.subject
    assert "Fiche de poste (Mentor, EIG 9) : à faire pour le 6 mars 2026" in to_mentor.body
    assert reverse("team:tasks") in to_mentor.body
    assert ChecklistReminder.objects.count() == 3

    # Run again, and six days on: nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert checklists.checklist_reminders_send() == 0
    frozen_clock.move_to(NOW + datetime.timedelta(days=6), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert checklists.checklist_reminders_send() == 0
    assert len(mail.outbox) == 2

    # A week on: those still behind are reminded again; a ticked item is not.
    bureau = ChecklistReminder.objects.get(item__label="Bureau").item
    ChecklistTick.objects.create(item=bureau, cohort=cohort, user=mentor, ticked_at=NOW)
    frozen_clock.move_to(NOW + datetime.timedelta(days=7, minutes=1), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert checklists.checklist_reminders_send() == 2
    [again] = [m for m in mail.outbox[2:] if m.to == ["mentor-lab@example.fr"]]
    assert "Une tâche du programme attend d'être faite" in again.subject
    assert "Bureau" not in again.body


def test_the_schedule_sends_the_reminders_once(late_world, django_capture_on_commit_callbacks):
    first, second = StringIO(), StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_schedule", "--only", "checklist_reminders", stdout=first)
        call_command("run_schedule", "--only", "checklist_reminders", stdout=second)

    assert first.getvalue().strip() == "checklist_reminders : 2"
    assert second.getvalue().strip() == "checklist_reminders : 0"
    assert len(mail.outbox) == 2


def test_an_agent_reminder_points_to_the_administrations_space(
    agent, cohort, django_capture_on_commit_callbacks
):
    ChecklistItemFactory(
        label="Préparer le poste de travail",
        template=ChecklistTemplateFactory(role=ChecklistRole.ADMINISTRATION),
        due_days=-10,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert checklists.checklist_reminders_send() == 1

    [message] = mail.outbox
    assert message.to == [agent.email]
    assert "Bonjour Alan Turing," in message.body
    assert reverse("projects:space-tasks") in message.body
    assert reverse("team:tasks") not in message.body


# --- Query counts --------------------------------------------------------------------------------


def queries_for(client, url, django_assert_max_num_queries) -> int:
    client.get(url)  # the first request fills the caches (site, content types)
    with django_assert_max_num_queries(100) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_list_pages_query_count_does_not_grow_with_the_data(
    client, fellow, challenge, cohort, onboarding, django_assert_max_num_queries
):
    client.force_login(fellow)
    tasks_url = reverse("team:tasks")
    team_count = queries_for(client, tasks_url, django_assert_max_num_queries)
    client.force_login(staff_in("Équipe du programme"))
    overdue_url = reverse("checklists_admin:overdue")
    staff_count = queries_for(client, overdue_url, django_assert_max_num_queries)

    for number in range(4):
        template = ChecklistTemplateFactory(title=f"Liste {number}", cohort=cohort)
        ChecklistItemFactory.create_batch(3, template=template, due_days=number)
        team_member(challenge=challenge, username=f"eig-{number}")
        team_member(challenge=challenge, role=TeamRole.MENTOR, username=f"mentor-{number}")
        ChecklistTick.objects.create(
            item=template.items.first(), cohort=cohort, user=fellow, ticked_at=NOW
        )
    MembershipFactory(administration=challenge.administrations.get())
    ChecklistItemFactory(template=ChecklistTemplateFactory(role=ChecklistRole.ADMINISTRATION))

    assert queries_for(client, overdue_url, django_assert_max_num_queries) == staff_count
    client.force_login(fellow)
    assert queries_for(client, tasks_url, django_assert_max_num_queries) == team_count


def test_the_admin_list_of_checklists_is_served(client, staff_user, onboarding):
    client.force_login(staff_user)
    url = reverse(ChecklistTemplate.snippet_viewset.get_url_name("list"))

    response = client.get(url)

    assert response.status_code == 200
    assert "Arrivée des EIG" in response.content.decode()


def test_staff_define_a_checklist_with_its_items_in_the_admin(client, cohort):
    client.force_login(staff_in("Équipe du programme"))
    data = {
        "title": "Départ des mentors",
        "role": ChecklistRole.MENTOR,
        "phase": ChecklistPhase.OFFBOARDING,
        "cohort": cohort.pk,
        "items-TOTAL_FORMS": 2,
        "items-INITIAL_FORMS": 0,
        "items-MIN_NUM_FORMS": 0,
        "items-MAX_NUM_FORMS": 1000,
    }
    for index, (label, due_days) in enumerate([("Bilan du défi", "-10"), ("Pot de départ", "")]):
        values = {"label": label, "help_text": "", "due_days": due_days, "ORDER": index + 1}
        data |= {f"items-{index}-{name}": value for name, value in (values | {"id": ""}).items()}

    response = client.post(reverse(ChecklistTemplate.snippet_viewset.get_url_name("add")), data)

    assert response.status_code == 302
    template = ChecklistTemplate.objects.get()
    assert (template.cohort, template.role, template.phase) == (
        cohort,
        ChecklistRole.MENTOR,
        ChecklistPhase.OFFBOARDING,
    )
    items = list(template.items.order_by("sort_order"))
    assert [(item.label, item.due_days) for item in items] == [
        ("Bilan du défi", -10),
        ("Pot de départ", None),
    ]
    assert items[0].due_on(cohort) == datetime.date(2026, 12, 21)
    assert template.history.get().history_user.is_staff
