"""CPU cost of rendering one public page, without the page cache, measured in-process.

Run by hand from the project's root, on the database that ``bench_public.py`` builds:

    .venv/bin/python bench/bench_page_cpu.py --keep /tmp/eig-bench     # built there if missing
    .venv/bin/python bench/bench_page_cpu.py --keep /tmp/eig-bench /defis/?annee=2019

Where ``bench_public.py`` measures throughput through gunicorn (which the machine's load moves a
lot), this script calls the Django application directly, through its WSGI handler and the whole
middleware stack, with the public page cache off (``EIG_PUBLIC_CACHE_SECONDS=0``), and prints for
each path:

- the CPU time of one request (``time.process_time``): the lowest and the median of 7 batches;
- Python function calls per request (``cProfile``): the same from one run to the next, whatever
  the machine is doing, so a change of code shows even on a busy machine;
- SQL queries per request.

A static file served by WhiteNoise comes first, for scale. Through gunicorn, each request also
costs the HTTP exchange, the same for a page and a static file (``bench_public.py``).
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_public  # noqa: E402 (the folder of this script, added just above)

DEFAULT_PATHS = ["/", "/defis/", "/defis/eig-3/plume/", "/promotions/", "/donnees/"]
BATCHES = 7


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    parser.add_argument("--keep", type=Path, help="folder of bench_public.py's database")
    parser.add_argument("--data", type=Path, default=bench_public.DEFAULT_DATA)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--requests", type=int, default=40, help="requests per batch (40)")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        measure(args, str(args.keep.resolve()))
    else:
        with tempfile.TemporaryDirectory(prefix="eig-bench-cpu-") as folder:
            measure(args, folder)


def measure(args: argparse.Namespace, folder: str) -> None:
    env = bench_public.bench_env(folder)
    bench_public.prepare(env, folder, data=args.data, scale=args.scale)
    os.environ.update(env)
    os.environ["EIG_PUBLIC_CACHE_SECONDS"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "eig.settings"
    os.chdir(bench_public.ROOT)
    sys.path.insert(0, str(bench_public.ROOT))

    import cProfile
    import pstats

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from eig.wsgi import application

    def get(path: str) -> None:
        route, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": route,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        statuses = []
        b"".join(application(environ, lambda status, headers, *_: statuses.append(status)))
        if not statuses[0].startswith("200"):
            raise RuntimeError(f"{path}: {statuses[0]}")

    def cpu_ms(path: str) -> tuple[float, float]:
        times = []
        for _ in range(BATCHES):
            start = time.process_time()
            for _ in range(args.requests):
                get(path)
            times.append((time.process_time() - start) / args.requests * 1000)
        return min(times), statistics.median(times)

    def calls(path: str) -> float:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(10):
            get(path)
        profile.disable()
        return pstats.Stats(profile).total_calls / 10

    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            get(path)
        return len(captured)

    static = bench_public.STATIC_PATH
    paths = [static, *args.paths]
    for path in paths:  # warm-up: imports, templates, per-version memos
        for _ in range(5):
            get(path)
    print(f"{args.requests} requests per batch, lowest and median of {BATCHES} batches\n")
    print(f"{'path':<28} {'CPU ms':>7} {'median':>7} {'calls':>8} {'queries':>8}")
    for path in paths:
        lowest, median = cpu_ms(path)
        print(f"{path:<28} {lowest:7.2f} {median:7.2f} {calls(path):8.0f} {queries(path):8d}")


if __name__ == "__main__":
    main()
