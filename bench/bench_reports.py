"""Benchmark of the evaluation reports (PDF) on synthetic data of 1, 7 and 30 cohorts.

Run by hand from the project's root:

    .venv/bin/python bench/bench_reports.py [--cohorts 1 7 30] [--repeat 3]

It works on a throwaway SQLite database and media folder in a temporary folder (the project's own
database and files are never touched). For each size it generates synthetic data
(projects.importers.demo_data, ``scale`` = cohorts / 5 rounded up, then keeps the first N cohorts),
then measures a whole-program report with a page per challenge:

1. the whole report, as the background task runs it (``report_generate``): reading the data,
   pandas indicators, HTML sections, WeasyPrint layout, tagged PDF, file stored; timed;
2. WeasyPrint alone on the same HTML, already built (the same stylesheet and PDF/UA options):
   the floor the report cannot go under; timed;
3. the peak memory of one report, in a fresh child process on the same database: its peak
   resident memory (Python *and* WeasyPrint's C libraries), and how much it grew from the
   process' size once Django, pandas and WeasyPrint were loaded.

A one-cohort report is rendered first and not counted, so that imports (pandas, WeasyPrint) and
font loading are not billed to the first size. Each timing is repeated (``--repeat``; the report
and WeasyPrint alone take turns, so that a slow moment of the machine hits both alike) and the
best run is kept. Both wall-clock and CPU time of the process are taken; the ratio and the time
per page use CPU time, which other programs running on the machine inflate less.
"""

import argparse
import json
import math
import os
import resource
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
    from eig.models import Report
    from eig.services import report_generate

    report = Report.objects.create()
    wall, cpu = time.perf_counter(), time.process_time()
    report = report_generate(report_id=report.pk)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if report.status != "done":
        raise SystemExit(f"The report failed: {report.error_message}")
    return wall, cpu, report


def weasyprint_alone() -> tuple[float, float, int]:
    """WeasyPrint on the report's HTML, built beforehand (not timed): (wall, CPU, pages)."""
    from weasyprint import CSS, HTML

    from eig.indicators import indicator_data_load, indicators_compute
    from eig.reports import PDF_VARIANT, _stylesheet_path, report_html_build

    html = report_html_build(results=indicators_compute(data=indicator_data_load()))
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
        help="sizes to measure, in cohorts (default: 1 7 30)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each timing, the best kept (default: 3)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="eig-bench-reports-") as folder:
        django_setup(Path(folder))
        from django.core.management import call_command

        from cohorts.models import Cohort
        from projects.models import Challenge

        call_command("migrate", verbosity=0)
        data_for_cohorts(1)
        report_run()  # warm-up: imports, fonts

        rows = []
        for count in args.cohorts:
            data_for_cohorts(count)
            runs, alone = [], []
            for _ in range(args.repeat):
                runs.append(report_run())
                alone.append(weasyprint_alone())
            rows.append(
                {
                    "cohorts": Cohort.objects.count(),
                    "challenges": Challenge.objects.count(),
                    "pages": alone[0][2],
                    "wall": min(run[0] for run in runs),
                    "cpu": min(run[1] for run in runs),
                    "alone_wall": min(run[0] for run in alone),
                    "alone_cpu": min(run[1] for run in alone),
                    "size": runs[-1][2].file.size,
                    **peak_memory(),
                }
            )
            print(f"measured {count} cohorts", file=sys.stderr, flush=True)

        print(
            f"{'cohorts':>7} {'challenges':>10} {'pages':>5} {'report wall/CPU':>17} "
            f"{'CPU s/page':>10} {'WeasyPrint wall/CPU':>20} {'ratio':>6} {'peak RSS':>9} "
            f"{'growth':>9} {'PDF':>8}"
        )
        for row in rows:
            print(
                f"{row['cohorts']:>7} {row['challenges']:>10} {row['pages']:>5} "
                f"{row['wall']:>7.2f} / {row['cpu']:>5.2f} s {row['cpu'] / row['pages']:>10.3f} "
                f"{row['alone_wall']:>10.2f} / {row['alone_cpu']:>5.2f} s "
                f"{row['cpu'] / row['alone_cpu']:>6.2f} {row['peak']:>5.0f} MiB "
                f"{row['peak'] - row['before']:>5.0f} MiB {row['size'] / 2**20:>4.1f} MiB"
            )
        worst_ratio = max(row["cpu"] / row["alone_cpu"] for row in rows)
        worst_page = max(row["cpu"] / row["pages"] for row in rows)
        print()
        print(
            f"targets: ratio ≤ {TARGET_RATIO} (worst {worst_ratio:.2f}), "
            f"≤ {TARGET_SECONDS_PER_PAGE} CPU s/page (worst {worst_page:.3f})"
        )


if __name__ == "__main__":
    main()
