"""Throughput of the public pages, as a share of a static file's, served by gunicorn.

Run by hand from the project's root:

    .venv/bin/python bench/bench_public.py                 # reads ../shared/data/site-eig
    .venv/bin/python bench/bench_public.py /path/to/site-eig --requests 400 --clients 4

It never touches the project's own database: everything happens in a temporary folder (SQLite
database, collected static files), deleted at the end. Steps:

1. production-like settings (DEBUG off, a random secret key, hosts 127.0.0.1 only), migrations,
   collectstatic, the real data's import, ``generate_demo_data --scale 10`` and ``setup_site``:
   ten times the real data, plus the real data itself;
2. gunicorn on 127.0.0.1 (a free port), public page cache on; for each target, a warm-up then a
   fixed number of requests sent by a few concurrent clients; the server is stopped;
3. the same with the page cache off (``EIG_PUBLIC_CACHE_SECONDS=0``): every page is rendered.

Each server's pages are compared with a static file served by the same server in the same run
(WhiteNoise), so that the ratio does not depend on the machine. Targets: 60 % cached, 10 %
uncached.
"""

import argparse
import contextlib
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "site-eig"
PYTHON = sys.executable
STATIC_PATH = "/static/eig/site.css"
TARGETS = {
    "home page": "/",
    "challenge list": "/defis/",
    "challenge page": "/defis/eig-3/plume/",
}
GOALS = {"cached": 0.60, "uncached": 0.10}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def fetch(url: str) -> int:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (127.0.0.1 only)
        response.read()
        return response.status


def throughput(url: str, *, requests: int, clients: int) -> float:
    """Requests per second for ``requests`` GETs of ``url`` spread over ``clients`` threads."""
    for _ in range(5):
        assert fetch(url) == 200, url
    per_client = [
        requests // clients + (1 if i < requests % clients else 0) for i in range(clients)
    ]
    errors: list[str] = []

    def run(count: int) -> None:
        for _ in range(count):
            try:
                if fetch(url) != 200:
                    errors.append(url)
            except (urllib.error.URLError, TimeoutError) as error:
                errors.append(f"{url}: {error}")

    threads = [threading.Thread(target=run, args=(count,)) for count in per_client]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise RuntimeError(f"{len(errors)} failed requests, e.g. {errors[0]}")
    return requests / elapsed


def wait_until_up(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped during start-up")
        try:
            fetch(base + STATIC_PATH)
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer within 60 s")


def measure(
    env: dict[str, str], *, cached: bool, requests: int, clients: int, workers: int, rounds: int
) -> dict[str, tuple[float, float]]:
    """For each target: (requests per second, ratio to the static file's), medians of
    ``rounds`` rounds, each round measuring the static file then every target."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server_env = {**env, "EIG_PUBLIC_CACHE_SECONDS": "300" if cached else "0"}
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "eig.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=server_env,
    )
    try:
        wait_until_up(base, process)
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in TARGETS}
        for _ in range(rounds):
            static = throughput(base + STATIC_PATH, requests=requests, clients=clients)
            for name, path in TARGETS.items():
                rate = throughput(base + path, requests=requests, clients=clients)
                samples[name].append((rate, rate / static))
        return {
            name: (statistics.median(r for r, _ in values), statistics.median(q for _, q in values))
            for name, values in samples.items()
        } | {
            "static file": (
                statistics.median(r / q for values in samples.values() for r, q in values),
                1.0,
            )
        }
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--requests", type=int, default=300, help="requests per target and round (300)"
    )
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (4)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, medians kept (3)")
    parser.add_argument("--scale", type=int, default=10, help="synthetic data scale (10)")
    parser.add_argument(
        "--keep",
        type=Path,
        help="folder kept between runs: the database and static files are made there once, "
        "then reused (delete the folder after a change of data, migrations or static files)",
    )
    args = parser.parse_args()

    with contextlib.ExitStack() as stack:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            folder = str(args.keep.resolve())
        else:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="eig-bench-public-"))
        run(args, folder)


def bench_env(folder: str) -> dict[str, str]:
    """Production-like settings on the throwaway database and static files of ``folder``."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
        "DATABASE_CONN_MAX_AGE": "60",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_STATIC_ROOT": f"{folder}/static",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    return env


def prepare(env: dict[str, str], folder: str, *, data: Path, scale: int) -> None:
    """Build the database and static files in ``folder``, unless a previous run left them."""
    ready = Path(folder, "ready")
    if ready.exists():
        return
    # Without REDIS_URL and with DEBUG off, the cache is a database table: create it
    # first, since saving records (migrations, imports) marks cached pages stale.
    manage(env, "createcachetable")
    manage(env, "migrate", "--no-input")
    manage(env, "import_site_eig", str(data))
    manage(env, "generate_demo_data", "--scale", str(scale))
    manage(env, "setup_site")
    manage(env, "collectstatic", "--no-input")
    ready.touch()


def run(args: argparse.Namespace, folder: str) -> None:
    env = bench_env(folder)
    start = time.perf_counter()
    prepare(env, folder, data=args.data, scale=args.scale)
    print(
        f"database ready in {time.perf_counter() - start:.0f} s "
        f"(real data + synthetic data at scale {args.scale})"
    )
    print(
        f"{args.requests} requests per target and round, {args.clients} clients, "
        f"{args.workers} gunicorn workers, median of {args.rounds} rounds\n"
    )

    failed = []
    for cached in (True, False):
        label = "cached" if cached else "uncached"
        results = measure(
            env,
            cached=cached,
            requests=args.requests,
            clients=args.clients,
            workers=args.workers,
            rounds=args.rounds,
        )
        print(f"{label:<10} {'req/s':>8} {'ratio':>7}   (goal ≥ {GOALS[label]:.0%})")
        for name, (rate, ratio) in results.items():
            mark = "" if name == "static file" or ratio >= GOALS[label] else "  below goal"
            if mark:
                failed.append(f"{label} {name}")
            print(f"  {name:<16} {rate:8.0f} {ratio:7.0%}{mark}")
        print()
    print("all goals met" if not failed else "below goal: " + ", ".join(failed))


if __name__ == "__main__":
    main()
