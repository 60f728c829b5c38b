"""Benchmark of the import of the programme's real data (manage.py import_site_eig).

Run by hand from the project's root:

    .venv/bin/python bench/bench_import.py [DATA_DIR]

It works on a throwaway SQLite database in a temporary folder (the project's own database is
never touched): migrate, a dry run on the empty database that measures the first run's peak
memory, the same dry run timed with Wagtail's reference index updates switched off (to show what
they cost), the first import (timed), the second import, which finds nothing to change (timed),
then the second run's peak memory. Times are measured without tracemalloc, which slows Python
down.
"""

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "site-eig"


@contextmanager
def counting_queries(connection):
    count = [0]

    def wrapper(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield count


def timed_import(
    site_eig_import, connection, directory: Path, dry_run: bool = False
) -> tuple[float, int, object]:
    with counting_queries(connection) as queries:
        start = time.perf_counter()
        report = site_eig_import(directory=directory, dry_run=dry_run)
        elapsed = time.perf_counter() - start
    return elapsed, queries[0], report


def peak_memory(site_eig_import, directory: Path, dry_run: bool) -> int:
    tracemalloc.start()
    try:
        site_eig_import(directory=directory, dry_run=dry_run)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def records(report) -> int:
    return sum(sum(counter.values()) for counter in report.counts.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "data",
        nargs="?",
        type=Path,
        default=DEFAULT_DATA,
        help=f"site-eig data folder (default: {DEFAULT_DATA})",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="eig-bench-") as folder:
        # Before django.setup(): the settings read the database from the environment.
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eig.settings")
        os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from wagtail.signal_handlers import disable_reference_index_auto_update

        from projects.importers.site_eig import site_eig_import

        start = time.perf_counter()
        call_command("migrate", verbosity=0)
        migrate_seconds = time.perf_counter() - start

        first_peak = peak_memory(site_eig_import, args.data, dry_run=True)
        with disable_reference_index_auto_update():
            bare, bare_queries, _report = timed_import(
                site_eig_import, connection, args.data, dry_run=True
            )
        first, first_queries, first_report = timed_import(site_eig_import, connection, args.data)
        second, second_queries, second_report = timed_import(site_eig_import, connection, args.data)
        second_peak = peak_memory(site_eig_import, args.data, dry_run=False)

        count = records(first_report)
        print(f"data:                {args.data}")
        print(
            f"database:            {connection.vendor}, throwaway ({migrate_seconds:.1f} s "
            "to migrate)"
        )
        print(
            f"records per run:     {count} "
            + ", ".join(
                f"{kind} {sum(counter.values())}" for kind, counter in first_report.counts.items()
            )
        )
        print(f"second run changed:  {'yes' if second_report.changed else 'nothing'}")
        print()
        print(f"{'':20} {'time':>9} {'ms/record':>10} {'queries':>8} {'peak memory':>12}")
        for label, seconds, queries, peak in (
            ("first run", first, first_queries, first_peak),
            ("second run", second, second_queries, second_peak),
            ("first, no ref. index", bare, bare_queries, None),
        ):
            memory = f"{peak / 2**20:>9.1f} MiB" if peak else f"{'-':>12}"
            print(
                f"{label:20} {seconds:>7.2f} s {seconds * 1000 / count:>10.2f} {queries:>8} "
                f"{memory}"
            )
        print()
        print(f"ratio second/first:  {second / first:.2f}")


if __name__ == "__main__":
    main()
