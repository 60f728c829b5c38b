"""Staff powers come from the named permissions of staff groups (eig/roles.py), never from
``is_staff`` alone: a communication officer enters the admin but may not decide, read the
equality statistics, a CV, the survey answers or the indicators."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from eig.roles import ROLES, staff_roles_sync
from selection.models import Application, Decision
from tests.alumni_factories import SurveyFactory
from tests.authorization.matrix import close_without_closing_the_database
from tests.factories import UserFactory
from tests.selection.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

ROLE_NAMES = [role.name for role in ROLES]


def staff_in(*group_names):
    user = UserFactory(is_staff=True)
    user.groups.set(Group.objects.filter(name__in=group_names))
    return user


@pytest.fixture
def world():
    application = ApplicationFactory(submitted=True)
    return {"application": application, "survey": SurveyFactory()}


def pages(world):
    application, survey = world["application"], world["survey"]
    return {
        "decision": reverse("selection_admin:decision", args=[application.pk]),
        "equality": reverse("selection_admin:statistics"),
        "cv": reverse("selection:application-cv", args=[application.pk]),
        "survey_export": reverse(
            type(survey).snippet_viewset.get_url_name("export"), args=[survey.pk]
        ),
        "survey_follow_up": reverse(
            type(survey).snippet_viewset.get_url_name("follow-up"), args=[survey.pk]
        ),
        "indicators": reverse("evaluation:indicators"),
        "reports": reverse("evaluation:reports"),
    }


def status(client, url) -> str:
    response = client.get(url)
    close_without_closing_the_database(response)
    if response.status_code == 200:
        return "served"
    if response.status_code in (403, 404):
        return "refused"
    # The admin turns a refusal into a return to its home page with an error message.
    if response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home"):
        return "refused"
    return f"{response.status_code} {response.get('Location', '')}"


# Which role opens which page (200); every other staff member is refused (403).
OPENS = {
    "Équipe du programme": set(
        ["decision", "equality", "cv", "survey_export", "survey_follow_up", "indicators"]
        + ["reports"]
    ),
    "Sélection": {"decision", "cv"},
    "Communication": set(),
    "Évaluation": {"equality", "survey_export", "indicators", "reports"},
    "Protection des données": {"cv", "survey_export"},
}


def test_the_staff_groups_exist_after_migrating_with_their_named_permissions():
    groups = {group.name: group for group in Group.objects.prefetch_related("permissions")}
    assert set(ROLE_NAMES) <= set(groups)

    def codenames(name):
        return {f"{p.content_type.app_label}.{p.codename}" for p in groups[name].permissions.all()}

    assert "selection.decide_application" in codenames("Sélection")
    # Added after the roles' migration: the sync after migrate brought it.
    assert "selection.lift_review_conflict" in codenames("Sélection")
    assert "selection.view_equalitystatistics" not in codenames("Sélection")
    assert "selection.view_equalitystatistics" in codenames("Évaluation")
    assert not {"selection.decide_application", "alumni.view_survey_answers"} & codenames(
        "Communication"
    )
    assert "alumni.view_survey_answers" in codenames("Équipe du programme")


def test_syncing_again_restores_exactly_the_listed_permissions():
    communication = Group.objects.get(name="Communication")
    communication.permissions.clear()
    staff_roles_sync()
    staff_roles_sync()

    assert communication.permissions.filter(codename="access_admin").exists()
    assert not communication.permissions.filter(codename="decide_application").exists()


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_each_staff_group_opens_only_the_pages_its_permissions_name(client, world, role):
    client.force_login(staff_in(role))
    answers = {name: status(client, url) for name, url in pages(world).items()}

    # Refused: 403, 404 where the page does not reveal that the record exists, or the admin's
    # home page with an error.
    expected = {name: "served" if name in OPENS[role] else "refused" for name in answers}
    assert answers == expected


def test_a_communication_officer_cannot_decide_an_application(client, world):
    application = world["application"]
    client.force_login(staff_in("Communication"))

    response = client.post(
        reverse("selection_admin:decision", args=[application.pk]),
        {"decision": "rejected", "reason": "Profil éloigné des défis."},
    )

    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert Application.objects.get(pk=application.pk).decision == ""


def test_the_selection_group_decides_an_application(client, world):
    application = world["application"]
    client.force_login(staff_in("Sélection"))

    response = client.post(
        reverse("selection_admin:decision", args=[application.pk]),
        {"decision": "rejected", "reason": "Profil éloigné des défis."},
    )

    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).decision == Decision.REJECTED


def test_a_staff_member_in_no_group_has_no_power_over_the_program(client, world):
    client.force_login(staff_in())

    for name, url in pages(world).items():
        response = client.get(url)
        close_without_closing_the_database(response)
        assert response.status_code in (302, 403, 404), name
