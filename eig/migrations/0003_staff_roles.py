"""The staff roles (eig/roles.py) as Django groups, with the permissions that exist at this
point; the sync after every migrate (eig.apps) adds those of the later migrations."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from eig.roles import staff_roles_sync

    staff_roles_sync(apps, strict=False)


class Migration(migrations.Migration):
    # The migrations that existed when it was written. Never "__latest__": a later migration of
    # any app would then make every database that applied this one inconsistent.
    dependencies = [
        ("eig", "0002_report_moved_to_evaluation"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("cohorts", "0005_event_rsvp_capacity"),
        ("projects", "0009_staff_permissions"),
        ("selection", "0002_staff_permissions"),
        ("alumni", "0003_staff_permissions"),
        ("evaluation", "0002_staff_permissions"),
        ("cms", "0004_french_search_configuration"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
