"""The staff roles: Django groups whose named permissions give each staff member their powers.

A staff member (``is_staff``) enters the Wagtail admin, and can do there only what the
permissions of their groups allow; ``is_staff`` alone gives no power over the program's data.
The superuser keeps every permission. ``docs/roles.md`` describes each role.

``staff_roles_sync`` creates the groups and gives them exactly the permissions listed here; it
runs in a migration and after every ``migrate``, so a permission added later reaches its groups.
"""

from dataclasses import dataclass, field

ADMIN_ACCESS = "wagtailadmin.access_admin"
# Lifting a reviewer's declared conflict of interest (recorded in the review's history).
LIFT_REVIEW_CONFLICT = "selection.lift_review_conflict"
PROGRAM_APPS = ("cohorts", "projects", "selection", "alumni", "evaluation", "cms")
SENSITIVE = (
    # Who may read the equality statistics and the survey answers is decided role by role.
    "selection.view_equalitystatistics",
    "alumni.view_survey_answers",
)


@dataclass(frozen=True)
class Role:
    name: str
    apps: tuple[str, ...] = ()  # every permission of these apps, except SENSITIVE ones
    permissions: tuple[str, ...] = ()  # "app_label.codename"
    page_permissions: tuple[str, ...] = ()  # on the site's root page
    excluded: tuple[str, ...] = field(default=SENSITIVE)


READ_PROGRAM = (
    "cohorts.view_cohort",
    "cohorts.view_person",
    "cohorts.view_fellowship",
    "projects.view_administration",
    "projects.view_challenge",
)

ROLES = (
    Role(
        name="Équipe du programme",
        apps=PROGRAM_APPS,
        permissions=(ADMIN_ACCESS, *SENSITIVE, LIFT_REVIEW_CONFLICT),
        page_permissions=("add_page", "change_page", "publish_page"),
    ),
    Role(
        name="Sélection",
        apps=("selection",),
        permissions=(
            ADMIN_ACCESS,
            LIFT_REVIEW_CONFLICT,
            *READ_PROGRAM,
            "projects.view_challengeproposal",
            "projects.change_challengeproposal",
            "projects.decide_challengeproposal",
            "projects.view_proposalattachment",
            "projects.view_reviewround",
            "projects.add_reviewround",
            "projects.change_reviewround",
            "projects.view_reviewcriterion",
            "projects.add_reviewcriterion",
            "projects.change_reviewcriterion",
            "projects.view_reviewassignment",
            "projects.add_reviewassignment",
            "projects.change_reviewassignment",
            "projects.view_reviewscore",
        ),
    ),
    Role(
        name="Communication",
        apps=("cms",),
        permissions=(ADMIN_ACCESS, "cohorts.view_cohort", "projects.view_challenge"),
        page_permissions=("add_page", "change_page", "publish_page"),
    ),
    Role(
        name="Évaluation",
        apps=("evaluation",),
        permissions=(
            ADMIN_ACCESS,
            *READ_PROGRAM,
            *SENSITIVE,
            "alumni.view_survey",
            "alumni.view_position",
            "projects.view_progressreport",
        ),
    ),
    Role(
        name="Protection des données",
        permissions=(
            ADMIN_ACCESS,
            "cohorts.view_person",
            "cohorts.change_person",
            "cohorts.delete_person",
            "selection.view_application",
            "selection.delete_application",
            "alumni.view_position",
            "alumni.delete_position",
            "alumni.view_survey",
            "alumni.view_survey_answers",
        ),
    ),
)


def role_permission_names(role: Role, *, available: set[str], strict: bool = True) -> set[str]:
    """The ``app.codename`` names the role gets, among the ``available`` ones; a name listed
    by the role that does not exist is an error (a renamed model must not silently take a
    power away), unless ``strict`` is false (a migration, before the later ones exist)."""
    missing = set(role.permissions) - available
    if missing and strict:
        raise ValueError(f"Unknown permissions for role {role.name!r}: {sorted(missing)}")
    from_apps = {
        name
        for name in available
        if name.split(".", 1)[0] in role.apps and name not in role.excluded
    }
    return from_apps | (set(role.permissions) & available)


def staff_roles_sync(apps=None, *, strict: bool = True) -> None:
    """Create the staff groups and set their permissions to exactly what ``ROLES`` says (with
    ``strict`` false, the ones that exist yet: the migration that creates the groups runs before
    the apps' later migrations; the sync after every migrate completes them)."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    apps = apps or global_apps
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    by_name = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role.name)
        names = role_permission_names(role, available=set(by_name), strict=strict)
        group.permissions.set([by_name[name] for name in names])
        _page_permissions_sync(apps, group, role, by_name)


def _page_permissions_sync(apps, group, role: Role, by_name: dict[str, int]) -> None:
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    for codename in role.page_permissions:
        GroupPagePermission.objects.get_or_create(
            group=group, page=root, permission_id=by_name[f"wagtailcore.{codename}"]
        )
