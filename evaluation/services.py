"""Writes of the project-wide features: requesting and generating evaluation reports.

A report is recorded (``report_create``, called by ``evaluation.tasks.report_request``, which
also queues its generation), then generated in the background (``report_generate``, run by the
task of evaluation.tasks): the data are read once, the indicators computed, the HTML rendered
section by section and laid out as a PDF, all in memory. The file is stored only once complete;
any failure marks the report failed with its error and leaves no file.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext

from cohorts.models import Cohort
from evaluation.indicators import indicator_data_load, indicators_compute
from evaluation.models import Report, ReportScope, ReportStatus, report_file_name
from evaluation.reports import report_html_build, report_pdf_render

logger = logging.getLogger(__name__)

ERROR_MESSAGE_LENGTH = 2000

# Share of the progress bar given to each step (they add up to 100).
PROGRESS_DATA_READ = 10
PROGRESS_COMPUTED = 20
PROGRESS_HTML_DONE = 55
PROGRESS_PDF_DONE = 95
PROGRESS_MIN_STEP = 5
# A heartbeat is written at least this often while the report progresses, even between two
# progress writes, so that a long step is not taken for an interrupted one.
HEARTBEAT_EVERY = datetime.timedelta(seconds=30)


def report_create(
    *,
    requested_by: AbstractBaseUser | None,
    cohort: Cohort | None = None,
    challenge_pages: bool = True,
) -> Report:
    """Record a report request, pending; ``evaluation.tasks.report_request`` queues it."""
    return Report.objects.create(
        scope=ReportScope.COHORT if cohort else ReportScope.PROGRAM,
        cohort=cohort,
        parameters={"challenge_pages": challenge_pages},
        requested_by=requested_by,
    )


class _ProgressWriter:
    """Writes a report's progress, at most once every ``PROGRESS_MIN_STEP`` points: a write per
    section would cost more than rendering the sections (each write is a commit)."""

    def __init__(self, *, report_id: int):
        self.report_id = report_id
        self.written = 0
        self.beaten_at = timezone.now()

    def __call__(self, progress: int) -> None:
        progress = min(max(progress, 0), 100)
        now = timezone.now()
        if progress < self.written + PROGRESS_MIN_STEP and progress != 100:
            if now - self.beaten_at >= HEARTBEAT_EVERY:
                Report.objects.filter(pk=self.report_id).update(heartbeat_at=now)
                self.beaten_at = now
            return
        Report.objects.filter(pk=self.report_id).update(progress=progress, heartbeat_at=now)
        self.written = progress
        self.beaten_at = now

    def scaled(self, *, start: int, end: int):
        """A callback mapping a step's 0–100 onto ``start``–``end`` of the report's progress."""
        return lambda percent: self(start + (end - start) * percent // 100)


def report_fail(*, report_id: int, error: BaseException) -> None:
    """Mark the report failed with ``error``, without a file."""
    message = f"{type(error).__name__}: {error}"[:ERROR_MESSAGE_LENGTH]
    Report.objects.filter(pk=report_id).update(
        status=ReportStatus.FAILED, error_message=message, file="", finished_at=timezone.now()
    )


def report_stalled_fail(*, now: datetime.datetime) -> int:
    """Mark failed every running report whose heartbeat is older than
    ``EIG_REPORT_STALLED_MINUTES`` (its worker stopped mid-render); returns how many."""
    limit = datetime.timedelta(minutes=settings.EIG_REPORT_STALLED_MINUTES)
    stale = now - limit
    with translation.override(settings.LANGUAGE_CODE):
        message = gettext(
            "Le calcul s'est interrompu : aucun signe de vie depuis plus de %(minutes)d minutes. "
            "Relancez le rapport."
        ) % {"minutes": settings.EIG_REPORT_STALLED_MINUTES}
    return Report.objects.filter(
        Q(heartbeat_at__lt=stale) | Q(heartbeat_at__isnull=True, started_at__lt=stale),
        status=ReportStatus.RUNNING,
    ).update(status=ReportStatus.FAILED, error_message=message, file="", finished_at=now)


def report_reset(*, report_id: int) -> bool:
    """Put a failed report back to pending, as if just requested; False if it is not failed.
    ``evaluation.tasks.report_restart`` queues it again."""
    return bool(
        Report.objects.filter(pk=report_id, status=ReportStatus.FAILED).update(
            status=ReportStatus.PENDING,
            progress=0,
            error_message="",
            file="",
            data_read_at=None,
            started_at=None,
            heartbeat_at=None,
            finished_at=None,
        )
    )


def report_generate(*, report_id: int) -> Report:
    """Generate the PDF of a pending report; a report already taken is left alone.

    Never raises for a failed generation: the report is marked failed with the error.
    """
    started_at = timezone.now()
    claimed = Report.objects.filter(pk=report_id, status=ReportStatus.PENDING).update(
        status=ReportStatus.RUNNING,
        started_at=started_at,
        heartbeat_at=started_at,
        progress=0,
        error_message="",
    )
    report = Report.objects.select_related("cohort").get(pk=report_id)
    if not claimed:
        return report

    stored_name = ""
    try:
        with translation.override(settings.LANGUAGE_CODE):
            progress = _ProgressWriter(report_id=report_id)
            data = indicator_data_load()
            Report.objects.filter(pk=report_id).update(data_read_at=data.read_at)
            progress(PROGRESS_DATA_READ)
            results = indicators_compute(data=data, cohort_id=report.cohort_id)
            progress(PROGRESS_COMPUTED)
            html = report_html_build(
                results=results,
                challenge_pages=report.includes_challenge_pages,
                on_progress=progress.scaled(start=PROGRESS_COMPUTED, end=PROGRESS_HTML_DONE),
            )
            pdf = report_pdf_render(
                html=html,
                on_progress=progress.scaled(start=PROGRESS_HTML_DONE, end=PROGRESS_PDF_DONE),
            )
        # The whole file is in memory: it is stored in one write, and only now. Its name is
        # chosen first, so that a write interrupted half-way can be removed.
        stored_name = report_file_name(report, "rapport.pdf")
        stored_name = report.file.storage.save(stored_name, ContentFile(pdf.content))
        # Only this run may finish the report: one taken as interrupted (and maybe restarted)
        # in the meantime is left as it is, and this file removed.
        finished = Report.objects.filter(
            pk=report_id, status=ReportStatus.RUNNING, started_at=started_at
        ).update(
            file=stored_name,
            status=ReportStatus.DONE,
            progress=100,
            data_read_at=data.read_at,
            finished_at=timezone.now(),
            heartbeat_at=timezone.now(),
        )
        if not finished:
            report.file.storage.delete(stored_name)
        report.refresh_from_db()
    except Exception as error:
        logger.exception("Report %s failed", report_id)
        if stored_name and report.file.storage.exists(stored_name):
            report.file.storage.delete(stored_name)
        report_fail(report_id=report_id, error=error)
        report.refresh_from_db()
    return report
