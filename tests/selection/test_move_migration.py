"""The call for candidates and the evaluation reports moved to apps of their own (``selection``,
``evaluation``) with their tables: a database filled before the move keeps every row and file."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.storage import PrivateStorage

BEFORE_THE_MOVE = [
    ("cohorts", "0003_events_attendance"),
    ("eig", "0001_report"),
    ("selection", None),
    ("evaluation", None),
]


def migrate(targets):
    """Migrate to ``targets`` and return the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    moved = {app for app, name in targets}
    nodes = [node for node in executor.loader.graph.leaf_nodes() if node[0] not in moved]
    return executor.loader.project_state(nodes + [t for t in targets if t[1]]).apps


# The migrations run for real: the test commits, and leaves the database as the other tests
# expect it (serialized rollback, as every committing test of the suite).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_filled_before_the_move_keeps_its_applications_reviews_reports_and_files(
    settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EIG_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    old = migrate(BEFORE_THE_MOVE)
    user = old.get_model("auth", "User").objects.create(username="candidate", email="c@e.fr")
    reviewer = old.get_model("auth", "User").objects.create(username="reviewer")
    cohort = old.get_model("cohorts", "Cohort").objects.create(
        name="EIG 9", slug="eig-9", track="eig", number=9, year=2026
    )
    cv_name = PrivateStorage().save("candidatures/cv.pdf", ContentFile(b"%PDF-1.4 CV"))
    application = old.get_model("cohorts", "Application").objects.create(
        candidate=user,
        cohort=cohort,
        full_name="Camille Candidate",
        profile="developer",
        cv=cv_name,
        status="submitted",
    )
    old.get_model("cohorts", "EqualityStatistics").objects.create(
        application=application, gender="woman"
    )
    old.get_model("cohorts", "Review").objects.create(
        application=application, reviewer=reviewer, has_conflict=False, score_skills=4
    )
    slot = old.get_model("cohorts", "InterviewSlot").objects.create(
        application=application, starts_at="2026-05-04T10:00:00Z", place="Salle 1"
    )
    slot.interviewers.add(reviewer)
    report = old.get_model("eig", "Report").objects.create(status="done", file="eig/reports/r.pdf")
    ContentType = old.get_model("contenttypes", "ContentType")
    Permission = old.get_model("auth", "Permission")
    application_type = ContentType.objects.get_or_create(app_label="cohorts", model="application")
    permission = Permission.objects.get_or_create(
        content_type=application_type[0],
        codename="change_application",
        defaults={"name": "Can change application"},
    )[0]

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from django.contrib.auth.models import Permission as CurrentPermission

    from evaluation.models import Report
    from selection.models import Application, InterviewSlot

    moved = Application.objects.get(pk=application.pk)
    assert moved.full_name == "Camille Candidate"
    with moved.cv.open("rb") as cv:
        assert (moved.cv.name, cv.read()) == (cv_name, b"%PDF-1.4 CV")
    assert moved.equality_statistics.gender == "woman"
    assert [(r.reviewer.username, r.score_skills) for r in moved.reviews.all()] == [("reviewer", 4)]
    assert [u.username for u in InterviewSlot.objects.get(pk=slot.pk).interviewers.all()] == [
        "reviewer"
    ]
    assert Report.objects.get(pk=report.pk).file.name == "eig/reports/r.pdf"
    # Permissions given to staff groups before the move still point to the same model.
    kept = CurrentPermission.objects.get(pk=permission.pk)
    assert (kept.content_type.app_label, kept.content_type.model) == ("selection", "application")
    assert kept.content_type.model_class() is Application
