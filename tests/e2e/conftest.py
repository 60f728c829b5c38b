"""End-to-end tests in a real browser: headless Chromium driven by Playwright, against the site
served by pytest-django's ``live_server``, checked with axe-core.

Fixtures for any journey:

- ``browser``: the Chromium browser (session-wide); fails with a clear message when Chromium is
  not installed (``make install-test`` installs it).
- ``page``: a fresh browser tab (its own cookies), closed after the test. Open the site with
  ``page.goto(live_server.url + "/defis/")``.
- ``axe``: ``axe(page)`` runs axe-core on the page as it is now and returns its violations (a
  list of dicts: id, impact, help, nodes…); ``axe.describe(violations)`` makes them readable in
  an assertion message.

Every test in this folder is marked ``e2e`` and runs with a transactional database (the live
server runs in another thread): the data a test creates is committed, then removed after it, and
the database's initial content (home page, site) is restored for the tests that follow.
"""

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("EIG_E2E_CHROMIUM", "/usr/bin/chromium")
# Flags for a browser that never reaches the network on its own (this machine's network is
# closed: without them Chromium tries Google's services at every start).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
DEFAULT_TIMEOUT_MS = 10_000
E2E_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.path)).is_relative_to(E2E_DIR):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def browser(django_db_setup) -> Iterator:
    executable = shutil.which(CHROMIUM)
    if executable is None:
        pytest.fail(
            f"Chromium is missing ({CHROMIUM}): run `make install-test`, or set "
            "EIG_E2E_CHROMIUM to a Chromium executable."
        )
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # What the test database's setup recorded, for transactional tests to restore it.
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }

    # Playwright's sync API runs an event loop in this thread; the tests still read and write
    # the database synchronously there, which Django refuses inside a running loop unless told.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        # Playwright gives the browser a new, empty profile of its own.
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
            # Playwright's event loop gives this thread a new context, where Django opens new
            # connection objects: hand them what the first ones recorded.
            for alias, contents in serialized.items():
                connections[alias]._test_serialized_contents = contents
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser) -> Iterator:
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


class Axe:
    """Runs axe-core (shipped by the axe-playwright-python package) in a Playwright page."""

    def __init__(self, script: str) -> None:
        self.script = script

    def __call__(
        self, page, *, context: str | None = None, options: dict | None = None
    ) -> list[dict]:
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(self.script)
        return page.evaluate(
            "([context, options]) => axe.run(context || document, options)"
            ".then(results => results.violations)",
            [context, {"resultTypes": ["violations"], **(options or {})}],
        )

    @staticmethod
    def describe(violations: list[dict]) -> str:
        lines = []
        for violation in violations:
            lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
            lines += [
                f"    {node['target']}: {node['html'][:160]}" for node in violation["nodes"][:5]
            ]
        return "\n".join(lines)


@pytest.fixture(scope="session")
def axe() -> Callable[..., list[dict]]:
    from axe_playwright_python.base import AXE_SCRIPT

    return Axe(AXE_SCRIPT)
