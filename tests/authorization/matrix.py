"""The matrix's machinery: rules over URL patterns, the walk of the root URLconf, and the
requests that fill a cell (GET, or a POST that must leave the database as it was)."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.signals import request_finished
from django.db import close_old_connections, connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.authorization.roles import ROLES, Answer, with_inherited

# The apps whose tables a refused POST must leave untouched (row counts).
PROGRAM_APPS = ("cohorts", "projects", "selection", "alumni", "evaluation", "cms")


@dataclass(frozen=True)
class Post:
    """A POST to request: its form data, and a read of the rows it aims at."""

    url: str
    data: dict = field(default_factory=dict)
    watch: Callable[[], object] = lambda: None


@dataclass(frozen=True)
class Rule:
    why: str
    answers: dict[str, Answer]
    route: str | None = None
    prefix: str | None = None
    samples: Callable[[SimpleNamespace], Iterable[str]] = lambda world: ()
    # Set when the pattern exists only in some configurations (then it may be absent here).
    only_when: str | None = None
    # Pages holding a form: each role's answer to a POST, and the POSTs to send.
    post_answers: dict[str, Answer] | None = None
    posts: Callable[[SimpleNamespace], Iterable[Post]] | None = None
    # The named permissions a staff group needs here ("app.codename"; ``needs_any``: one of
    # them), and the answer of a group that lacks them (by default a return to the admin's home
    # with an error, or in the front office the answer of a staff member in no group).
    needs: tuple[str, ...] | None = None
    needs_any: bool = False
    refused: Answer | None = None
    # The answer of such a group to the POST, when it is not ``refused``.
    post_refused: Answer | None = None

    def __post_init__(self):
        assert (self.route is None) != (self.prefix is None), "give a rule a route or a prefix"
        assert (self.post_answers is None) == (self.posts is None), (
            "give a rule both post_answers and posts, or neither"
        )
        admin = (self.route or self.prefix).startswith("admin/")
        groups = {"needs": self.needs, "any_of": self.needs_any, "refused": self.refused}
        object.__setattr__(self, "answers", with_inherited(self.answers, admin=admin, **groups))
        if self.post_answers is not None:
            groups["refused"] = self.post_refused or self.refused
            post_answers = with_inherited(self.post_answers, admin=admin, **groups)
            object.__setattr__(self, "post_answers", post_answers)

    def matches(self, route: str) -> bool:
        if self.route is not None:
            return route == self.route
        return route.startswith(self.prefix)

    @property
    def key(self) -> str:
        return f"route={self.route!r}" if self.route is not None else f"prefix={self.prefix!r}"


# --- The project's URL patterns ------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    route: str
    name: str | None
    view: str = field(compare=False)


def _join_route(prefix: str, route: str) -> str:
    # As Django joins routes in ResolverMatch.route.
    return route if not prefix else prefix + route.removeprefix("^")


def walk_url_patterns(patterns=None, prefix: str = "", namespace: str = "") -> Iterator[Pattern]:
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        route = _join_route(prefix, str(entry.pattern))
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from walk_url_patterns(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            view = getattr(entry.callback, "view_class", entry.callback)
            view = f"{view.__module__}.{getattr(view, '__qualname__', view)}"
            yield Pattern(route, name, view)


def rule_for(rules: list[Rule], route: str) -> Rule | None:
    return next((rule for rule in rules if rule.matches(route)), None)


def active_rules(rules: list[Rule]) -> list[Rule]:
    routes = [pattern.route for pattern in walk_url_patterns()]
    return [rule for rule in rules if any(rule_for(rules, route) is rule for route in routes)]


# --- Requesting a cell ---------------------------------------------------------------------------


def close_without_closing_the_database(response) -> None:
    """Release a (possibly streaming) response without ending the test's transaction.

    Closing a response fires request_finished, whose close_old_connections would close the
    real database connection inside the test transaction (as Django's test client avoids too).
    """
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def _program_tables() -> list[str]:
    models = [model for app in PROGRAM_APPS for model in apps.get_app_config(app).get_models()]
    return sorted({model._meta.db_table for model in [*models, get_user_model()]})


def database_state(watch: Callable[[], object]) -> tuple:
    """The row count of every program table (one query), and what `watch` reads."""
    quote = connection.ops.quote_name
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in _program_tables())
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")  # noqa: S608 (table names from the models)
        return cursor.fetchone(), watch()


def _got(response) -> str:
    return f"{response.status_code} {response.get('Location', '')}".strip()


class Visitor:
    """One role's client: requests a cell and tells what was wrong with the answer, if anything.

    Each POST runs in a savepoint rolled back afterwards, so that the world stays the same for
    the next cell, whatever the POST did."""

    def __init__(self, role: str, user):
        self.role = role
        self.user = user
        self.client = Client(raise_request_exception=False)
        self.logged_in = False

    def _login(self) -> None:
        # Each answer is judged on its own messages, not on those left by an earlier request.
        self.client.cookies.pop("messages", None)
        if self.user is not None and not self.logged_in:
            self.client.force_login(self.user)
            self.logged_in = True

    def _after(self, response) -> None:
        close_without_closing_the_database(response)
        # Logging out (GET admin/logout/ does) drops the session: log in again for the next.
        cookie = response.cookies.get(settings.SESSION_COOKIE_NAME)
        if cookie is not None and not cookie.value:
            self.logged_in = False

    def get(self, url: str, expected: Answer, where: str) -> str | None:
        self._login()
        response = self.client.get(url)
        self._after(response)
        if expected.accepts(response):
            return None
        return f"As {self.role}: GET {url} ({where}): expected {expected}, got {_got(response)}"

    def post(self, post: Post, expected: Answer, where: str) -> str | None:
        self._login()
        with transaction.atomic():
            before = database_state(post.watch)
            response = self.client.post(post.url, post.data)
            self._after(response)
            after = database_state(post.watch)
            transaction.set_rollback(True)
        self.logged_in = False  # the session may have changed inside the rolled back savepoint
        cell = f"As {self.role}: POST {post.url} ({where})"
        if not expected.accepts(response):
            return f"{cell}: expected {expected}, got {_got(response)}"
        if expected.writes and before == after:
            return f"{cell}: expected {expected}, but nothing was saved"
        if not expected.writes and before != after:
            return f"{cell}: answered {_got(response)}, but the database changed"
        return None


def visitors(request) -> list[Visitor]:
    """A client for each role of the matrix, its user made by the role's fixture."""
    return [
        Visitor(role, request.getfixturevalue(fixture) if fixture else None)
        for role, fixture in ROLES.items()
    ]


def check_rules(rules: list[Rule], world: SimpleNamespace, request) -> list[str]:
    """Every role's answer to every sample (GET) and POST of `rules`: the wrong cells."""
    wrong = []
    everyone = visitors(request)
    for rule in rules:
        urls = list(rule.samples(world))
        posts = list(rule.posts(world)) if rule.posts else []
        for visitor in everyone:
            for url in urls:
                wrong.append(visitor.get(url, rule.answers[visitor.role], rule.key))
            for post in posts:
                wrong.append(visitor.post(post, rule.post_answers[visitor.role], rule.key))
    return [line for line in wrong if line]
