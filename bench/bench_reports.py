"""Benchmark of the evaluation reports (PDF) on synthetic data of 1, 7 and 30 cohorts.

Run by hand from the project's root:

    .venv/bin/python bench/bench_reports.py [--cohorts 1 7 30] [--repeat 5] [--no-memory]

It works on a throwaway SQLite database and media folder in a temporary folder (the project's own
database and files are never touched). For each size it generates synthetic data
(projects.importers.demo_data, ``scale`` = cohorts / 5 rounded up, then keeps the first N cohorts),
then measures a whole-program report with a page per challenge:

1. the whole report, as the background task runs it (``report_generate``): reading the data,
   pandas indicators, HTML sections, WeasyPrint layout, tagged PDF, file stored; timed;
2. the report's HTML built again as the task builds it (data read, indicators, sections), timed
   apart, then WeasyPrint alone on that HTML (the same stylesheet and PDF/UA options): the floor
   the report cannot go under; timed;
3. the peak memory of one report, in a fresh child process on the same database: its peak
   resident memory (Python *and* WeasyPrint's C libraries), and how much it grew from the
   process' size once Django, pandas and WeasyPrint were loaded (skipped with ``--no-memory``).

A one-cohort report is rendered first and not counted, so that imports (pandas, WeasyPrint) and
font loading are not billed to the first size. Each timing is repeated (``--repeat``, 5 by
default) in the same process, the report and WeasyPrint alone taking turns, so that a slow moment
of the machine hits both alike. Both wall-clock time and CPU time of the process
(``time.process_time``) are taken for every run, and each figure printed is the *median* of the
runs; the ratio is the median report time over the median WeasyPrint time, on CPU time (which
other programs running on the machine inflate less) and, for comparison, on wall-clock time. The
spread (lowest–highest) of the CPU times and the 1-minute load average during the runs are
printed too, so that a noisy measurement shows as one. Each run is also logged on the standard
error as it ends.
"""

import argparse
import gc
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 1.2
TARGET_SECONDS_PER_PAGE = 0.25
PEAK_CHILD_FLAG = "--peak-child"


def django_setup(folder: Path | None) -> None:
    """Django on the throwaway database of ``folder`` (a child process inherits it)."""
    if folder is not None:
        # Before django.setup(): the settings read these from the environment.
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
        os.environ["DJANGO_MEDIA_ROOT"] = str(folder / "media")
        os.environ["TASKS_BACKEND"] = "immediate"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eig.settings")
        os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def keep_first_cohorts(count: int) -> None:
    """Delete every cohort past the first ``count``, with their challenges and fellowships."""
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from cohorts.models import Cohort, Fellowship
    from projects.models import Challenge

    extra = list(
        Cohort.objects.order_by("year", "track", "number").values_list("pk", flat=True)[count:]
    )
    with disable_reference_index_auto_update():
        Challenge.objects.filter(cohort__in=extra).delete()
        Fellowship.objects.filter(cohort__in=extra).delete()
        Cohort.objects.filter(pk__in=extra).delete()


def data_for_cohorts(count: int) -> None:
    from projects.importers.demo_data import demo_data_generate

    demo_data_generate(scale=math.ceil(count / 5), replace=True)
    keep_first_cohorts(count)


def report_run() -> tuple[float, float, object]:
    """The whole report as the task runs it: (wall seconds, CPU seconds, report)."""
    from evaluation.models import Report
    from evaluation.services import report_generate

    report = Report.objects.create()
    gc.collect()  # no run pays for collecting the garbage of the one before
    wall, cpu = time.perf_counter(), time.process_time()
    report = report_generate(report_id=report.pk)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if report.status != "done":
        raise SystemExit(f"The report failed: {report.error_message}")
    return wall, cpu, report


def report_html() -> tuple[float, float, str]:
    """The report's HTML, as the task builds it: (wall seconds, CPU seconds, HTML)."""
    from django.conf import settings
    from django.utils import translation

    from evaluation.indicators import indicator_data_load, indicators_compute
    from evaluation.reports import report_html_build

    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    with translation.override(settings.LANGUAGE_CODE):
        html = report_html_build(results=indicators_compute(data=indicator_data_load()))
    return time.perf_counter() - wall, time.process_time() - cpu, html


def weasyprint_alone(html: str) -> tuple[float, float, int]:
    """WeasyPrint alone on the report's HTML: (wall seconds, CPU seconds, pages)."""
    from weasyprint import CSS, HTML

    from evaluation.reports import PDF_VARIANT, _stylesheet_path

    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    document = HTML(string=html, base_url=str(ROOT)).render(
        stylesheets=[CSS(filename=_stylesheet_path())], pdf_variant=PDF_VARIANT
    )
    document.write_pdf(pdf_variant=PDF_VARIANT)
    return time.perf_counter() - wall, time.process_time() - cpu, len(document.pages)


def resident_mib() -> float:
    """The process' resident memory now (Linux)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_child() -> None:
    """In a fresh process: load the libraries, then one report; print the memory as JSON."""
    django_setup(None)
    import pandas  # noqa: F401 (loaded before the baseline, as in a worker that ran a report)
    import weasyprint  # noqa: F401

    before = resident_mib()
    report_run()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"before": before, "peak": peak}))


def peak_memory() -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, PEAK_CHILD_FLAG],
        env=os.environ,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def load_now() -> float:
    """The machine's 1-minute load average."""
    return os.getloadavg()[0]


def log(message: str) -> None:
    now = time.strftime("%H:%M:%S", time.gmtime())
    print(f"{now} UTC {message}", file=sys.stderr, flush=True)


def measure(count: int, repeat: int, memory: bool) -> dict:
    """Generate ``count`` cohorts, then time ``repeat`` report / WeasyPrint-alone pairs."""
    from cohorts.models import Cohort
    from projects.models import Challenge

    data_for_cohorts(count)
    runs, builds, alone, loads = [], [], [], []
    for number in range(1, repeat + 1):
        loads.append(load_now())
        runs.append(report_run())
        loads.append(load_now())
        builds.append(report_html())
        alone.append(weasyprint_alone(builds[-1][2]))
        log(
            f"{count} cohorts, run {number}/{repeat}: report {runs[-1][0]:.2f} s wall "
            f"/ {runs[-1][1]:.2f} s CPU, WeasyPrint alone {alone[-1][0]:.2f} s wall "
            f"/ {alone[-1][1]:.2f} s CPU, its HTML built in {builds[-1][1]:.2f} s CPU "
            f"(load {loads[-2]:.1f}, {loads[-1]:.1f})"
        )
    loads.append(load_now())
    row = {
        "cohorts": Cohort.objects.count(),
        "challenges": Challenge.objects.count(),
        "pages": alone[0][2],
        "wall": statistics.median(run[0] for run in runs),
        "cpu": statistics.median(run[1] for run in runs),
        "cpu_low": min(run[1] for run in runs),
        "cpu_high": max(run[1] for run in runs),
        "build_cpu": statistics.median(run[1] for run in builds),
        "alone_wall": statistics.median(run[0] for run in alone),
        "alone_cpu": statistics.median(run[1] for run in alone),
        "alone_cpu_low": min(run[1] for run in alone),
        "alone_cpu_high": max(run[1] for run in alone),
        "load_low": min(loads),
        "load_high": max(loads),
        "size": runs[-1][2].file.size,
        "before": math.nan,
        "peak": math.nan,
    }
    if memory:
        row.update(peak_memory())
    return row


def mib(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.0f} MiB"


def header_print(repeat: int) -> None:
    print(
        f"median of {repeat} runs each (report and WeasyPrint alone taking turns); "
        "ratio = median report ÷ median WeasyPrint alone"
    )
    print(
        f"{'cohorts':>7} {'challenges':>10} {'pages':>5} "
        f"{'report wall / CPU (CPU range)':>31} {'CPU s/page':>10} "
        f"{'WeasyPrint wall / CPU (CPU range)':>35} {'ratio CPU':>9} {'wall':>5} "
        f"{'HTML CPU':>8} "
        f"{'load':>9} {'peak RSS':>9} {'growth':>8} {'PDF':>8}",
        flush=True,
    )


def row_print(row: dict) -> None:
    """One size's line, printed as soon as measured (an interrupted run keeps the sizes done)."""
    print(
        f"{row['cohorts']:>7} {row['challenges']:>10} {row['pages']:>5} "
        f"{row['wall']:>6.2f} / {row['cpu']:>5.2f} s ({row['cpu_low']:>5.2f}–"
        f"{row['cpu_high']:>5.2f}) {row['cpu'] / row['pages']:>10.3f} "
        f"{row['alone_wall']:>10.2f} / {row['alone_cpu']:>5.2f} s "
        f"({row['alone_cpu_low']:>5.2f}–{row['alone_cpu_high']:>5.2f}) "
        f"{row['cpu'] / row['alone_cpu']:>9.2f} {row['wall'] / row['alone_wall']:>5.2f} "
        f"{row['build_cpu']:>6.2f} s "
        f"{row['load_low']:>4.1f}–{row['load_high']:<4.1f} {mib(row['peak']):>9} "
        f"{mib(row['peak'] - row['before']):>8} {row['size'] / 2**20:>4.1f} MiB",
        flush=True,
    )


def summary_print(rows: list[dict]) -> None:
    worst_ratio = max(row["cpu"] / row["alone_cpu"] for row in rows)
    worst_page = max(row["cpu"] / row["pages"] for row in rows)
    print()
    print(
        f"targets: ratio ≤ {TARGET_RATIO} (worst {worst_ratio:.2f}, on CPU medians), "
        f"≤ {TARGET_SECONDS_PER_PAGE} CPU s/page (worst {worst_page:.3f})"
    )


def main() -> None:
    if PEAK_CHILD_FLAG in sys.argv:
        peak_child()
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cohorts",
        type=int,
        nargs="+",
        default=[1, 7, 30],
        help="sizes to measure, in cohorts (default: 1 7 30); e.g. --cohorts 1 for one size",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=5,
        help="report / WeasyPrint-alone pairs per size, the median kept (default: 5)",
    )
    parser.add_argument(
        "--no-memory",
        action="store_true",
        help="skip the peak memory child process (quicker re-runs of the timings)",
    )
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    with tempfile.TemporaryDirectory(prefix="eig-bench-reports-") as folder:
        django_setup(Path(folder))
        from django.core.management import call_command

        log(f"start, load {load_now():.1f}")
        call_command("migrate", verbosity=0)
        data_for_cohorts(1)
        report_run()  # warm-up: imports, fonts
        log(f"warmed up, load {load_now():.1f}")

        header_print(args.repeat)
        rows = []
        for count in args.cohorts:
            rows.append(measure(count, args.repeat, not args.no_memory))
            row_print(rows[-1])
        log(f"done, load {load_now():.1f}")
        summary_print(rows)


if __name__ == "__main__":
    main()
