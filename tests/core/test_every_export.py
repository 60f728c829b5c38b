"""Every spreadsheet the product serves, found in the URLconf rather than listed by hand, keeps
text that a spreadsheet would run as a formula from running: the program's own exports and
Wagtail's (site history, page reports, redirects, the ``?export=`` of every listing).

Every text field of the program's records, the staff's names and a page's title are set to
``=1+1…``; a snippet is edited in the admin so that the site history carries such a name. Then
each export is downloaded by a role that may download it and read back: no CSV cell starts with
a formula character (``core.tabular`` prefixes such text with an apostrophe), no XLSX cell is a
formula and none starts with a formula character (such text is stored as text, with the same
apostrophe), and the exports that show those records do carry the
guarded text. A new export (a URL named or ending in ``export``, ``.csv`` or ``.xlsx``, or a view
built on Wagtail's ``SpreadsheetExportMixin``) fails here until it is given its downloads."""

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.models import Page, get_page_models

from alumni.services import survey_answer
from core.tabular import FORMULA_STARTS, export_is_guarded
from projects.models import Theme
from tests.authorization.matrix import close_without_closing_the_database
from tests.authorization.world import build_world, call_world, challenges_world
from tests.call_factories import ProposalFactory

pytestmark = pytest.mark.django_db

FORMULA = "=1+1"
PROGRAM_APPS = ("cohorts", "projects", "selection", "alumni", "evaluation", "cms")
CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_ROUTE = re.compile(r"export|csv|xlsx", re.IGNORECASE)


# --- The records: every text field a formula ---------------------------------------------------


def _text_fields(model) -> list[models.Field]:
    """The free text fields of a model (its own columns): not identifiers, addresses, choices."""
    return [
        field
        for field in model._meta.local_concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField | models.EmailField | models.URLField)
        and not field.choices
        and not field.primary_key
    ]


def fill_text_fields_with_formulas() -> int:
    """Set every free text field of every program record to ``=1+1 <model> <pk>`` (unique
    values, cut to the field's length); the staff's first and last names too."""
    filled = 0
    targets = [
        (model, _text_fields(model))
        for app in PROGRAM_APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
    ]
    user_model = get_user_model()
    user_fields = [user_model._meta.get_field(name) for name in ("first_name", "last_name")]
    for model, fields in [*targets, (user_model, user_fields)]:
        if not fields:
            continue
        for pk in model._default_manager.values_list("pk", flat=True):
            value = f"{FORMULA} {model._meta.model_name} {pk}"
            model._default_manager.filter(pk=pk).update(
                **{field.name: value[: field.max_length or None] for field in fields}
            )
            filled += 1
    return filled


@pytest.fixture
def records(team_user, staff_user, agent_user, application_reviewer_user):
    """Records of every program model, named like formulas, and a trace of them in Wagtail's
    log and reports."""
    world = build_world(team_user)
    call_world(world)
    challenges_world(world)
    administration = agent_user.administration_memberships.get().administration
    ProposalFactory(administration=administration, submitted=True)
    questions = world.survey.questions.all()
    survey_answer(
        invitation=world.invitation,
        answers={str(question.pk): f"{FORMULA} réponse" for question in questions},
    )
    # A page named like a formula, published, then locked: the page reports list it.
    page = world.home_page.add_child(instance=Page(title=f"{FORMULA} page", slug="formule"))
    page.save_revision(user=staff_user).publish(user=staff_user)
    Page.objects.filter(pk=page.pk).update(
        locked=True, locked_by=staff_user, locked_at=timezone.now()
    )
    assert fill_text_fields_with_formulas() > 0
    # A snippet edited in the admin: the site history carries its new name.
    theme = Theme.objects.first()
    client = Client()
    client.force_login(staff_user)
    response = client.post(
        reverse(Theme.snippet_viewset.get_url_name("edit"), args=[theme.pk]),
        {"name": f"{FORMULA} thème", "slug": "theme-formule"},
    )
    assert response.status_code == 302, response.content[:2000]
    return SimpleNamespace(world=world, survey=world.survey)


# --- The exports, found in the URLconf ---------------------------------------------------------


@dataclass(frozen=True)
class Download:
    url: str
    role: str  # a fixture of tests/conftest.py, or "anonymous"
    carries: bool  # whether it shows the records' text (then the guarded text must be there)


def _patterns(patterns=None, prefix: str = "", namespace: str = "") -> Iterator[tuple]:
    """(route, URL name, callback) of every pattern of the root URLconf."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = str(entry.pattern)
        route = prefix + route.removeprefix("^") if prefix else route
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from _patterns(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield route, name, entry.callback


SUPERUSER = "staff_user"

# The exports named in the URLconf (a name or route with export, .csv, .xlsx): how each is
# downloaded, and by whom. A JSON export is no spreadsheet: its only download is the CSV one.
NAMED_EXPORTS: dict[str, Callable[[SimpleNamespace], list[Download]]] = {
    "evaluation:indicators-export": lambda records: [
        Download(reverse("evaluation:indicators-export", args=[kind]), SUPERUSER, False)
        for kind in ("csv", "xlsx")
    ],
    "wagtailsnippets_alumni_survey:export": lambda records: [
        Download(
            reverse("wagtailsnippets_alumni_survey:export", args=[records.survey.pk]),
            SUPERUSER,
            True,
        )
    ],
    "projects:export": lambda records: [
        Download(reverse("projects:export", args=[kind, "csv"]), "anonymous", True)
        for kind in ("defis", "promotions", "administrations")
    ],
    "projects:proposals-export": lambda records: [
        Download(reverse("projects:proposals-export"), "agent_user", True)
    ],
    "selection:reviewer-export": lambda records: [
        Download(reverse("selection:reviewer-export"), "application_reviewer_user", True)
    ],
}

# Views built on Wagtail's SpreadsheetExportMixin whose export shows the records' text.
CARRYING_VIEWS = {
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:locked_pages",
    "wagtailadmin_reports:aging_pages",
}


def spreadsheet_views() -> Iterator[tuple[str, str, type]]:
    """(route, URL name, view class) of every view built on Wagtail's SpreadsheetExportMixin."""
    for route, name, callback in _patterns():
        view_class = getattr(callback, "view_class", None)
        if isinstance(view_class, type) and issubclass(view_class, SpreadsheetExportMixin):
            yield route, name, view_class


def named_exports() -> Iterator[tuple[str, str]]:
    for route, name, _callback in _patterns():
        if EXPORT_ROUTE.search(route) or EXPORT_ROUTE.search(name or ""):
            yield route, name


def every_download(records) -> Iterator[Download]:
    unknown = []
    for route, name in named_exports():
        if name in NAMED_EXPORTS:
            yield from NAMED_EXPORTS[name](records)
        else:
            unknown.append(f"{route} ({name})")
    for route, name, _view_class in spreadsheet_views():
        if "<" in route:
            unknown.append(f"{route} ({name}): a listing with arguments")
            continue
        for kind in ("csv", "xlsx"):
            yield Download(f"{reverse(name)}?export={kind}", SUPERUSER, name in CARRYING_VIEWS)
    assert not unknown, "Give these exports their downloads in NAMED_EXPORTS:\n" + "\n".join(
        unknown
    )


# --- Reading a download back -------------------------------------------------------------------


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def csv_cells(content: bytes) -> list[str]:
    text = content.decode("utf-8-sig")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


def xlsx_cells(content: bytes) -> list:
    workbook = load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def problems_of(download: Download, response) -> tuple[list[str], bool]:
    """What is wrong with one download, and whether it carries the guarded text."""
    where = f"{download.url} (as {download.role})"
    if response.status_code != 200:
        return [f"{where}: {response.status_code} {response.get('Location', '')}"], False
    content = b"".join(response.streaming_content) if response.streaming else response.content
    content_type = response["Content-Type"]
    if content_type.startswith(CSV):
        cells = csv_cells(content)
        unsafe = [c for c in cells if c.startswith(FORMULA_STARTS) and not _is_number(c)]
        return [f"{where}: CSV cell {c!r}" for c in unsafe], any(
            c.startswith(f"'{FORMULA}") for c in cells
        )
    if content_type.startswith(XLSX):
        cells = xlsx_cells(content)
        unsafe = [
            c
            for c in cells
            if c.data_type == "f"
            or (c.data_type == "s" and str(c.value).startswith(FORMULA_STARTS))
        ]
        carries = any(
            c.data_type == "s" and str(c.value).startswith(f"'{FORMULA}") for c in cells if c.value
        )
        return [f"{where}: XLSX cell {c.coordinate} {c.value!r}" for c in unsafe], carries
    return [f"{where}: not a spreadsheet ({content_type})"], False


# --- The tests ---------------------------------------------------------------------------------


def test_no_export_lets_a_formula_run_and_those_showing_the_records_carry_it_guarded(
    records, request
):
    clients = {"anonymous": Client()}
    wrong, carried, downloads = [], {CSV: 0, XLSX: 0}, list(every_download(records))
    for download in downloads:
        if download.role not in clients:
            clients[download.role] = Client()
            clients[download.role].force_login(request.getfixturevalue(download.role))
        response = clients[download.role].get(download.url)
        problems, carries = problems_of(download, response)
        close_without_closing_the_database(response)
        wrong += problems
        if carries:
            carried[CSV if response["Content-Type"].startswith(CSV) else XLSX] += 1
        elif download.carries and not problems:
            wrong.append(f"{download.url} (as {download.role}): no guarded {FORMULA!r} in it")

    assert len(downloads) > 50  # the listings of every viewset, the reports, the exports
    assert not wrong, "\n".join(wrong)
    assert carried[CSV] and carried[XLSX]


def test_every_spreadsheet_view_writes_through_core_tabular():
    bypassing = [
        f"{route} ({name}): {view_class.__module__}.{view_class.__qualname__}"
        for route, name, view_class in spreadsheet_views()
        if not export_is_guarded(view_class)
    ]

    assert not bypassing, "These views write their exports without core.tabular:\n" + "\n".join(
        bypassing
    )


def test_no_form_page_offers_submissions_to_export():
    """Wagtail's form submissions export (admin/forms/submissions/<page>/) writes through
    core.tabular too (it is a SpreadsheetExportMixin view), but no page model of the site takes
    submissions: a form page added later needs its downloads in this test."""
    from wagtail.contrib.forms.models import FormMixin

    form_pages = [model.__name__ for model in get_page_models() if issubclass(model, FormMixin)]

    assert not form_pages, f"Add the submissions of {form_pages} to NAMED_EXPORTS"
