"""The staff roles (eig/roles.py) as Django groups with their permissions."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from eig.roles import staff_roles_sync

    staff_roles_sync(apps)


class Migration(migrations.Migration):
    # The groups need every model's permissions: this runs after the apps' latest migrations.
    dependencies = [
        ("eig", "0002_report_moved_to_evaluation"),
        ("auth", "__latest__"),
        ("contenttypes", "__latest__"),
        ("wagtailcore", "__latest__"),
        ("wagtailadmin", "__latest__"),
        ("cohorts", "__latest__"),
        ("projects", "__latest__"),
        ("selection", "__latest__"),
        ("alumni", "__latest__"),
        ("evaluation", "__latest__"),
        ("cms", "__latest__"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
