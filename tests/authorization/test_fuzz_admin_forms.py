"""Hostile input in every form of the admin that the program's own code serves: its pages
(selection, evaluation, surveys, the desk), the editor of each type of page of the site, and
the add, edit and listing pages of every snippet of the program's apps. Each field of each form
gets NUL and control characters, an integer beyond 64 bits, a 10 kB text and a broken date,
the formsets' counters as the page served them, as the program team (who may open them all):
never a server error."""

from django.urls import reverse
from wagtail.models import Page

from tests.authorization.fuzzing import forms_served, server_errors
from tests.authorization.matrix import Visitor
from tests.authorization.roles import PROGRAM_APPS, PROGRAM_TEAM, ROLES
from tests.authorization.rules import active_among
from tests.authorization.rules_admin import ADMIN_RULES
from tests.authorization.snippets import snippet_cells

APPS = (*PROGRAM_APPS, "core", "eig")
# Snippet actions whose pages hold the forms people fill in (the others hold only buttons).
FORM_ACTIONS = ("add", "edit", "list")
# The admin's login, which sends to the accounts' one.
NOT_THE_PROGRAMS = ("admin/login/",)


def _program_admin_urls(world) -> list[str]:
    urls = {
        url
        for rule in active_among(ADMIN_RULES)
        if not (rule.route or rule.prefix).startswith(NOT_THE_PROGRAMS)
        for url in rule.samples(world)
    }
    # The editor of one page of each type of the site (the home page, a news item…).
    for content_type in Page.objects.filter(depth__gt=1).values_list("content_type", flat=True):
        page = Page.objects.filter(content_type=content_type).first()
        urls.add(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    for cell in snippet_cells(world):
        if cell.model._meta.app_label in APPS and cell.action in FORM_ACTIONS:
            urls.add(cell.url)
    return sorted(urls)


def test_hostile_values_in_every_admin_form_of_the_program_never_give_a_server_error(
    world, request
):
    visitor = Visitor(PROGRAM_TEAM, request.getfixturevalue(ROLES[PROGRAM_TEAM]))

    sent, failures = server_errors(
        visitor, forms_served(visitor, _program_admin_urls(world)), under="/admin/"
    )

    assert sent >= 40
    assert not failures, "\n".join(failures)
