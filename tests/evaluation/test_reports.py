"""Evaluation reports: real WeasyPrint PDFs, read back with pypdf."""

import io
import logging
import re
from io import StringIO

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django_tasks.signals import task_finished
from pypdf import PdfReader

from evaluation import reports
from evaluation.indicators import FAMILIES, indicator_data_load, indicators_compute
from evaluation.models import Report, ReportStatus
from evaluation.reports import report_html_build
from evaluation.services import report_generate
from evaluation.tasks import report_request
from projects.models import TeamMembership
from tests.conftest import SITE_EIG_DIR
from tests.factories import (
    ChallengeFactory,
    CohortFactory,
    KeyFigureFactory,
    PersonFactory,
    TeamMembershipFactory,
    UserFactory,
)

# Every test is marked: pytest-django creates the test database only when some test asks for it.
pytestmark = pytest.mark.django_db


def file_content(report: Report) -> bytes:
    with report.file.open("rb") as stored:
        return stored.read()


def pdf_text(content: bytes) -> str:
    """The PDF's text with whitespace folded, as a reader (or a screen reader) gets it."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


class ErrorRecords(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def real_report(django_db_setup, django_db_blocker, tmp_path_factory):
    """One report over the real data, rendered once for the whole module; rolled back after."""
    media = tmp_path_factory.mktemp("media")
    weasyprint_errors = ErrorRecords()
    logging.getLogger("weasyprint").addHandler(weasyprint_errors)
    try:
        with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
            call_command("import_site_eig", str(SITE_EIG_DIR), stdout=StringIO())
            report = Report.objects.create(requested_by=UserFactory(username="equipe-rapport"))
            report = report_generate(report_id=report.pk)
            content = file_content(report) if report.file else b""
            unnamed = sorted(
                set(
                    TeamMembership.objects.filter(person__public_consent=False).values_list(
                        "person__full_name", flat=True
                    )
                )
            )
            named = (
                TeamMembership.objects.filter(person__public_consent=True)
                .order_by("pk")
                .values_list("person__full_name", flat=True)
                .first()
            )
            transaction.set_rollback(True)
    finally:
        logging.getLogger("weasyprint").removeHandler(weasyprint_errors)
    return {
        "report": report,
        "content": content,
        "text": pdf_text(content),
        "reader": PdfReader(io.BytesIO(content)),
        "unnamed": unnamed,
        "named": named,
        "weasyprint_errors": weasyprint_errors.messages,
        "media": media,
    }


def test_report_is_done_with_its_data_date_and_full_progress(real_report):
    report = real_report["report"]

    assert report.status == ReportStatus.DONE, report.error_message
    assert report.progress == 100
    assert report.data_read_at is not None and report.finished_at >= report.data_read_at
    assert report.file.name.startswith("eig/reports/") and report.file.name.endswith(".pdf")
    assert real_report["content"].startswith(b"%PDF-")


def test_report_has_cover_summary_every_family_comparison_challenges_and_annex(real_report):
    text = real_report["text"]

    for heading in [
        "Rapport d'évaluation",
        "Ensemble du programme",
        "Sommaire",
        "Synthèse",
        *[str(title) for title in FAMILIES.values()],
        "Comparaison des promotions",
        "Fiches des défis",
        "Annexe : méthodologie",
        "Définitions des indicateurs",
        "Sources des données",
    ]:
        assert heading in text, heading


def test_report_states_the_real_figures(real_report):
    text = real_report["text"]

    assert "Défis retenus 71 71" in text  # summary: value, then n
    assert "EIG par promotion 134 134" in text
    assert "Structures et services d'accueil 60 71" in text
    assert "Chiffres clés publiés 144 71" in text
    # comparison table: challenges, top structures, structures, fellows, key figures
    assert re.search(r"EIG 4 17 17 17 41 35 — —", text)
    # The 2017–2020 data hold no application: the indicator says so rather than 0 per post.
    assert "non disponible (n = 0 candidatures)" in text
    assert "Aucune candidature déposée n'est enregistrée." in text


def test_report_carries_the_data_credit_licence_and_date(real_report, settings):
    text = real_report["text"]

    assert settings.EIG_DATA_CREDIT in text
    assert settings.EIG_DATA_LICENCE_URL in text
    assert "Données lues le" in text
    # Every source is read now: the annex names none as missing.
    assert "Ne sont pas fournis au calcul" not in text
    assert "candidatures et statistiques d'égalité facultatives, événements et présences" in text


def test_report_has_one_page_per_challenge_naming_only_consenting_people(real_report):
    text, reader = real_report["text"], real_report["reader"]

    assert "AchaDef" in text and "Marc Bouteiller" in text
    assert real_report["named"] in text
    assert real_report["unnamed"], "the real data has team members without consent"
    for name in real_report["unnamed"]:
        assert name not in text
    assert "personne non nommée" in text
    assert len(reader.pages) > 71  # a page per challenge, plus the sections


def test_report_is_a_tagged_pdf_ua_with_title_language_and_chart_descriptions(real_report):
    reader = real_report["reader"]
    root = reader.trailer["/Root"]

    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "fr"
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()
    assert reader.metadata.title.startswith("Rapport d'évaluation du programme")
    figures, kinds = [], set()

    def walk(element):
        element = element.get_object()
        if isinstance(element, dict) or hasattr(element, "keys"):
            kinds.add(element.get("/S"))
            if element.get("/S") == "/Figure":
                figures.append(str(element.get("/Alt", "")))
            kids = element.get("/K", [])
            for kid in kids if isinstance(kids, list) else [kids]:
                if hasattr(kid, "get_object") or hasattr(kid, "keys"):
                    walk(kid)

    walk(root["/StructTreeRoot"])
    # Headings, lists and tables with header cells are tagged as such.
    assert {"/H1", "/H2", "/H3", "/L", "/LI", "/Table", "/TH", "/TD"} <= kinds
    assert "Défis retenus par promotion" in figures
    assert all(figures)
    assert real_report["weasyprint_errors"] == []


def test_progress_is_reported_as_sections_render(db):
    ChallengeFactory.create_batch(3)
    seen = []

    report_html_build(
        results=indicators_compute(data=indicator_data_load()), on_progress=seen.append
    )

    assert seen == sorted(set(seen))
    assert seen[-1] == 100
    assert len(seen) > 10  # cover, contents, summary, nine families, comparison, challenges…


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_report_over_empty_data_is_a_valid_pdf_that_says_there_is_no_data(media):
    report = Report.objects.create()

    report = report_generate(report_id=report.pk)

    assert report.status == ReportStatus.DONE, report.error_message
    reader = PdfReader(io.BytesIO(file_content(report)))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert len(reader.pages) >= 5  # cover, contents, summary, families, annex
    text = pdf_text(file_content(report))
    assert "Aucune donnée n'est enregistrée pour ce périmètre" in text
    assert "Aucune promotion n'est enregistrée." in text
    assert "Aucun défi retenu n'est enregistré pour ce périmètre." in text
    assert "non disponible (n = 0 propositions)" in text


def test_cohort_report_covers_its_cohort_and_compares_with_the_others(media):
    eig1, eig2 = CohortFactory(number=1), CohortFactory(number=2)
    ChallengeFactory(cohort=eig1, title="Défi de la première promotion")
    mine = ChallengeFactory(cohort=eig2, title="Défi de la deuxième promotion")
    KeyFigureFactory(challenge=mine, amount=1288, description="déclarations analysées")
    TeamMembershipFactory(challenge=mine, person=PersonFactory(full_name="Camille Publique"))
    TeamMembershipFactory(
        challenge=mine, person=PersonFactory(full_name="Dominique Discrète", private=True)
    )
    report = Report.objects.create(scope="cohort", cohort=eig2)

    report = report_generate(report_id=report.pk)

    text = pdf_text(file_content(report))
    assert "Promotion EIG 2" in text
    assert "Défi de la deuxième promotion" in text
    assert "Défi de la première promotion" not in text
    assert "1 288 déclarations analysées" in text.replace("\N{NARROW NO-BREAK SPACE}", " ")
    assert "Camille Publique" in text and "Dominique Discrète" not in text
    assert "1 personne non nommée" in text
    assert "La promotion EIG 2, objet de ce rapport, est en gras." in text


def test_cohort_report_shows_attendance_and_survey_response_rates(media):
    from alumni.models import SurveyResponse
    from cohorts.events import AttendanceStatus
    from tests.alumni_factories import SurveyFactory, SurveyInvitationFactory
    from tests.program_life_factories import AttendanceFactory, EventFactory

    cohort = CohortFactory(number=1)
    event = EventFactory(cohort=cohort, title="Bootcamp de rentrée")
    for status in (AttendanceStatus.PRESENT, AttendanceStatus.PRESENT, AttendanceStatus.ABSENT):
        AttendanceFactory(event=event, status=status)
    AttendanceFactory(event=event, status=AttendanceStatus.PRESENT)
    survey = SurveyFactory(cohort=cohort)
    for answered in (True, False):
        SurveyInvitationFactory(survey=survey, answered=answered)
    SurveyResponse.objects.create(survey=survey, answers={})
    report = Report.objects.create(scope="cohort", cohort=cohort)

    report = report_generate(report_id=report.pk)

    assert report.status == ReportStatus.DONE, report.error_message
    text = pdf_text(file_content(report)).replace("\N{NARROW NO-BREAK SPACE}", " ")
    text = text.replace("\N{NO-BREAK SPACE}", " ")
    assert "Taux de présence aux événements 75 % (n = 4 présences enregistrées)" in text
    assert "Taux de présence par promotion" in text
    assert "Taux de réponse aux enquêtes 50 % (n = 2 invitations)" in text


def test_failing_render_marks_the_report_failed_with_the_error_and_no_file(media, monkeypatch):
    ChallengeFactory()
    monkeypatch.setattr(reports, "REPORT_STYLESHEET", "eig/absent.css")
    report = Report.objects.create()

    report = report_generate(report_id=report.pk)

    assert report.status == ReportStatus.FAILED
    assert "eig/absent.css" in report.error_message
    assert report.finished_at is not None
    assert not report.file
    assert stored_files(media) == []


def test_failure_in_the_middle_of_the_pdf_leaves_no_file_and_says_why(media, monkeypatch):
    from weasyprint.document import Document

    ChallengeFactory()
    progress_when_it_broke = []

    def broken_write_pdf(self, *args, **kwargs):
        progress_when_it_broke.append(Report.objects.get().progress)
        raise RuntimeError("police introuvable au milieu du rendu")

    monkeypatch.setattr(Document, "write_pdf", broken_write_pdf)
    report = Report.objects.create()

    report = report_generate(report_id=report.pk)

    # The sections and the layout were done: it broke while writing the PDF.
    assert len(progress_when_it_broke) == 1 and 55 < progress_when_it_broke[0] < 100
    assert report.status == ReportStatus.FAILED
    assert report.error_message == "RuntimeError: police introuvable au milieu du rendu"
    assert report.finished_at is not None
    assert not report.file
    assert stored_files(media) == []


class HalfWritingStorage(FileSystemStorage):
    """A disk that fills up in the middle of a write."""

    def _save(self, name, content):
        path = self.path(name)
        path_dir = path.rsplit("/", 1)[0]
        import os

        os.makedirs(path_dir, exist_ok=True)
        with open(path, "wb") as half:
            half.write(content.read()[:100])
        raise OSError("No space left on device")


def test_failing_write_leaves_no_half_written_file(media, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "tests.evaluation.test_reports.HalfWritingStorage",
            "OPTIONS": {"location": str(media)},
        },
    }
    report = Report.objects.create()

    report = report_generate(report_id=report.pk)

    assert report.status == ReportStatus.FAILED
    assert "No space left on device" in report.error_message
    assert not report.file
    assert stored_files(media) == []


def test_report_is_generated_by_a_django_task(media, django_capture_on_commit_callbacks):
    ChallengeFactory(title="Défi suivi par la tâche")
    finished = []

    def record(sender, task_result, **kwargs):
        finished.append((task_result.task.name, task_result.status, task_result.return_value))

    task_finished.connect(record)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            report = report_request(requested_by=UserFactory(staff=True), challenge_pages=False)
        # Nothing runs before the request's transaction commits.
    finally:
        task_finished.disconnect(record)

    report.refresh_from_db()
    assert finished == [("report_generate_task", "SUCCESSFUL", "done")]
    assert report.status == ReportStatus.DONE
    text = pdf_text(file_content(report))
    assert "Fiches des défis" not in text  # asked without the challenge pages


# The worker closes its database connections between tasks, as in production: on PostgreSQL
# that would end a test wrapped in a transaction, so this one commits for real.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_the_database_backend_the_worker_generates_the_report(
    media, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    ChallengeFactory(title="Défi du travailleur")
    with django_capture_on_commit_callbacks(execute=True):
        report = report_request(requested_by=None, challenge_pages=False)
    report.refresh_from_db()
    assert report.status == ReportStatus.PENDING  # queued, waiting for a worker

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO())

    report.refresh_from_db()
    assert report.status == ReportStatus.DONE, report.error_message
    assert "Défi du travailleur" not in pdf_text(file_content(report))  # no challenge pages
    assert "Synthèse" in pdf_text(file_content(report))


def test_a_report_already_taken_is_not_generated_twice(media):
    report = Report.objects.create(status=ReportStatus.RUNNING)

    report = report_generate(report_id=report.pk)

    assert report.status == ReportStatus.RUNNING
    assert not report.file
