"""The one scheduled command: every job, each on its own, a failure reported and not fatal."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from core import schedule


@pytest.fixture
def failing_job():
    calls = []

    @schedule.job("zz_failing", "Échoue toujours.")
    def failing(now):
        calls.append(now)
        raise RuntimeError("boîte pleine")

    yield calls
    del schedule._registry["zz_failing"]


def test_the_schedule_lists_the_jobs_of_every_app():
    out = StringIO()
    call_command("run_schedule", "--list", stdout=out)

    names = [line.split(" : ")[0] for line in out.getvalue().splitlines()]
    assert {"progress_reminders", "applications_purge"} <= set(names)
    assert names == sorted(names)


@pytest.mark.django_db
def test_a_failing_job_does_not_stop_the_others_and_the_command_fails(failing_job):
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="Tâches en échec : zz_failing"):
        call_command("run_schedule", stdout=out, stderr=err)

    assert len(failing_job) == 1
    assert "zz_failing : échec (RuntimeError : boîte pleine)" in err.getvalue()
    assert "applications_purge : 0" in out.getvalue()
    assert "progress_reminders : 0" in out.getvalue()


def test_an_unknown_job_is_refused_in_french():
    with pytest.raises(CommandError, match="Tâche planifiée inconnue : nulle"):
        call_command("run_schedule", "--only", "nulle")


def test_two_jobs_cannot_share_a_name():
    with pytest.raises(ValueError):
        schedule.job("progress_reminders", "Autre.")(lambda now: 0)
