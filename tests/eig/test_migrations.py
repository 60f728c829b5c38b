from io import StringIO

import pytest
from django.core.management import call_command


def test_every_model_change_has_its_migration(db):
    out = StringIO()

    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"A migration is missing; create it with a name:\n{out.getvalue()}")


PROJECT_APPS = ("eig", "core", "cohorts", "projects", "selection", "alumni", "evaluation", "cms")


def test_no_migration_follows_another_apps_latest_migration(db):
    """A dependency on "__latest__" moves each time that app gets a migration: a database that
    applied the dependent migration before would no longer migrate (inconsistent history)."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    moving = [
        f"{app}.{name} → {dependency}"
        for (app, name), migration in loader.disk_migrations.items()
        if app in PROJECT_APPS
        for dependency in migration.dependencies
        if isinstance(dependency, tuple) and dependency[1] == "__latest__"
    ]

    assert moving == []
