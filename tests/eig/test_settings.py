"""The settings module, read as production reads it: in a fresh process, from the environment."""

import os
import re
import secrets
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_ALLOWED_HOSTS": "eig.example.fr",
    "DATABASE_URL": "postgres://eig:motdepasse@db.example.fr:5432/eig",
    "EMAIL_HOST": "smtp.example.fr",
    "REDIS_URL": "redis://cache.example.fr:6379/0",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # Start from a clean slate: none of the variables the settings read leaks from the caller.
    base = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(
            ("DJANGO_", "DATABASE_", "EMAIL_", "REDIS_", "SITE_URL", "TASKS_", "EIG_")
        )
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checklist():
    env = {**PRODUCTION_ENV, "DJANGO_SECRET_KEY": secrets.token_urlsafe(64)}

    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_bad_boolean_stops_start_up_naming_the_variable():
    result = run_manage("check", env={"DJANGO_DEBUG": "peut-être"})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_DEBUG='peut-être' is not a boolean" in result.stderr


def test_production_without_secret_key_stops_start_up():
    result = run_manage("check", env=PRODUCTION_ENV)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY is required" in result.stderr


def test_production_with_a_short_secret_key_stops_start_up():
    result = run_manage("check", env={**PRODUCTION_ENV, "DJANGO_SECRET_KEY": "court"})

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be a random value of 50 characters or more" in result.stderr


def test_production_uses_postgresql_smtp_and_redis_from_the_environment():
    env = {**PRODUCTION_ENV, "DJANGO_SECRET_KEY": secrets.token_urlsafe(64)}
    script = (
        "from django.conf import settings; from django.core.cache import cache; "
        "print(settings.DATABASES['default']['ENGINE']); print(settings.EMAIL_BACKEND); "
        "print(settings.EMAIL_HOST); print(type(cache._cache).__name__); "
        "print(settings.STORAGES['staticfiles']['BACKEND']); "
        "print(settings.WAGTAILSEARCH_BACKENDS['default']['SEARCH_CONFIG'])"
    )

    result = run_manage("shell", "--no-imports", "-c", script, env=env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.fr",
        "RedisCacheClient",
        # Hashed static files, the design system's left as published (tests/eig/
        # test_static_files.py), and the French, accent-blind search of PostgreSQL.
        "core.staticfiles.StaticFilesStorage",
        "eig_french",
    ]


# A variable read by the settings: env_str("NAME", ...), os.environ.get("NAME"), os.environ["NAME"].
ENV_READ = re.compile(r"(?:env_\w+\(|os\.environ(?:\.get\(|\[))\"([A-Z][A-Z0-9_]+)\"")


def test_every_environment_variable_is_documented():
    read = set(ENV_READ.findall((settings.BASE_DIR / "eig" / "settings.py").read_text()))
    documentation = (settings.BASE_DIR / "docs" / "configuration.md").read_text()

    assert {"DJANGO_DEBUG", "DATABASE_URL", "REDIS_URL"} <= read
    assert {name for name in read if f"`{name}`" not in documentation} == set()


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout_and_immediate_transactions(
    tmp_path, django_db_blocker
):
    from django.db.backends.sqlite3.base import DatabaseWrapper

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        import pytest

        pytest.skip("SQLite only")
    options = settings.DATABASES["default"]["OPTIONS"]
    wrapper = DatabaseWrapper(
        {**settings.DATABASES["default"], "NAME": str(tmp_path / "wal.sqlite3")}, alias="wal"
    )
    try:
        with django_db_blocker.unblock(), wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 20_000
        assert options["transaction_mode"] == "IMMEDIATE"
    finally:
        wrapper.close()


def test_production_runs_background_work_in_the_database_worker_by_default():
    env = {**PRODUCTION_ENV, "DJANGO_SECRET_KEY": secrets.token_urlsafe(64)}
    script = "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"

    result = run_manage("shell", "--no-imports", "-c", script, env=env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django_tasks_db.DatabaseBackend"]


def test_production_refuses_to_run_background_work_inside_web_requests():
    env = {
        **PRODUCTION_ENV,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "TASKS_BACKEND": "immediate",
    }

    result = run_manage("check", env=env)

    assert result.returncode != 0
    assert "TASKS_BACKEND must be 'database' when DJANGO_DEBUG is false" in result.stderr


def test_debug_runs_background_work_at_once_unless_told_otherwise():
    script = "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"

    immediate = run_manage("shell", "--no-imports", "-c", script, env={})
    database = run_manage("shell", "--no-imports", "-c", script, env={"TASKS_BACKEND": "database"})

    assert immediate.stdout.split() == ["django_tasks.backends.immediate.ImmediateBackend"]
    assert database.stdout.split() == ["django_tasks_db.DatabaseBackend"]
