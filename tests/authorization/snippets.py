"""Cells of the admin's snippet viewsets: every action of every model registered as a snippet
(found in Wagtail's registry, wherever its viewset is defined), its chooser's views included
(``chooser:choose``…), for every role, GET and, where the page holds a form, POST.

An action takes its cells from ``ACTIONS`` (Wagtail's own views), unless ``SPECIAL_CELLS`` gives
cells for that model and action (a view of its own, or a rule of its own). A new action without
cells fails tests/authorization/test_classification.py: add it to one of them."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import SimpleNamespace

from django.urls import reverse
from wagtail.snippets.models import get_snippet_models

from tests.authorization.matrix import Post, walk_url_patterns
from tests.authorization.roles import (
    ADMIN_HOME_REFUSED,
    ADMIN_LOGIN,
    ADMIN_REFUSED,
    ANONYMOUS,
    FORM_ERRORS,
    MEMBER,
    SERVED,
    STAFF,
    Answer,
    exported,
    saved_then_redirected,
    with_inherited,
)
from tests.authorization.world import sample_of


@dataclass(frozen=True)
class Cells:
    """What each role gets from one action: by GET, and by POST where the page holds a form."""

    get: dict[str, Answer]
    post: dict[str, Answer] | None = None
    # The POST's form data, from the model's sample (an empty form by default).
    data: Callable[[object], dict] = lambda sample: {}
    # What the POST aims at, read before and after it (by default the sample's row).
    watch: Callable[[object], Callable[[], object]] | None = None
    # The permissions a staff group needs, "{model}" standing for the model's app and name
    # ("{model}.view" is "cohorts.view_person"); ``needs_any``: one of them is enough. A group
    # that lacks them is sent back to the admin's home with an error.
    needs: tuple[str, ...] = ()
    needs_any: bool = False

    def answers(self, model) -> tuple[dict[str, Answer], dict[str, Answer] | None]:
        """Every role's answer by GET and by POST, for this model's action."""
        meta = model._meta
        needs = tuple(
            f"{meta.app_label}.{name.removeprefix('{model}.')}_{meta.model_name}"
            if name.startswith("{model}.")
            else name
            for name in self.needs
        )
        groups = {"admin": True, "needs": needs or None, "any_of": self.needs_any}
        post = None if self.post is None else with_inherited(self.post, **groups)
        return with_inherited(self.get, **groups), post


def admin_only(staff: Answer) -> dict[str, Answer]:
    return {ANONYMOUS: ADMIN_LOGIN, MEMBER: ADMIN_REFUSED, STAFF: staff}


DELETED = saved_then_redirected("deleted")
ANY = ("{model}.add", "{model}.change", "{model}.delete", "{model}.view")
ANY_WRITE = ("{model}.add", "{model}.change", "{model}.delete")
ADD = ("{model}.add",)
CHANGE = ("{model}.change",)

# Wagtail's views of a snippet viewset. A staff POST of an empty form is refused by the form.
# A staff group gets in with the model's permissions that Wagtail's view asks for.
ACTIONS: dict[str, Cells] = {
    "list": Cells(get=admin_only(SERVED), needs=ANY, needs_any=True),
    "list_results": Cells(get=admin_only(SERVED), needs=ANY, needs_any=True),
    "add": Cells(get=admin_only(SERVED), post=admin_only(FORM_ERRORS), needs=ADD),
    "edit": Cells(get=admin_only(SERVED), post=admin_only(FORM_ERRORS), needs=CHANGE),
    "delete": Cells(get=admin_only(SERVED), post=admin_only(DELETED), needs=("{model}.delete",)),
    "inspect": Cells(get=admin_only(SERVED), needs=ANY, needs_any=True),
    "history": Cells(get=admin_only(SERVED), needs=ANY_WRITE, needs_any=True),
    "history_results": Cells(get=admin_only(SERVED), needs=ANY_WRITE, needs_any=True),
    "changes": Cells(get=admin_only(SERVED), needs=ANY_WRITE, needs_any=True),
    "usage": Cells(get=admin_only(SERVED), needs=CHANGE),
    # The listing's export (?export=csv / xlsx), where the viewset offers one.
    "list?export=csv": Cells(get=admin_only(exported("text/csv")), needs=ANY, needs_any=True),
    "list?export=xlsx": Cells(
        get=admin_only(exported("application/vnd.openxmlformats")), needs=ANY, needs_any=True
    ),
    # The chooser (the modal that picks a record for a form field): the listing's permissions
    # and rows (core.viewsets.ProgramChooserMixin). No record is created from a chooser.
    "chooser:choose": Cells(get=admin_only(SERVED), needs=ANY, needs_any=True),
    "chooser:choose_results": Cells(get=admin_only(SERVED), needs=ANY, needs_any=True),
    "chooser:chosen": Cells(get=admin_only(SERVED), needs=ANY, needs_any=True),
    "chooser:chosen_multiple": Cells(get=admin_only(SERVED), needs=ANY, needs_any=True),
    "chooser:create": Cells(
        get=admin_only(ADMIN_HOME_REFUSED), post=admin_only(ADMIN_HOME_REFUSED)
    ),
}

# (model's label, action) → the cells of a model's action that are not Wagtail's usual ones.
SPECIAL_CELLS: dict[tuple[str, str], Cells] = {
    # Applications are written by candidates only: no staff ever adds one in the admin.
    ("selection.application", "add"): Cells(
        get=admin_only(ADMIN_HOME_REFUSED), post=admin_only(ADMIN_HOME_REFUSED)
    ),
    # Protected by the records that point at it: Wagtail refuses to delete a used cohort.
    ("cohorts.cohort", "delete"): Cells(
        get=admin_only(SERVED),
        post=admin_only(
            Answer("refused while in use: redirected (302)", lambda r: r.status_code == 302)
        ),
        needs=("{model}.delete",),
    ),
    # Reminding those who have not answered gives each a new link. Known: the follow-up and the
    # export check is_staff only, not the survey permissions (staff groups, tracked separately).
    ("alumni.survey", "follow-up"): Cells(
        get=admin_only(SERVED),
        post=admin_only(saved_then_redirected("the reminders sent")),
        data=lambda survey: {"action": "remind"},
        watch=lambda survey: lambda: list(survey.invitations.values()),
        needs=("alumni.send_survey",),
    ),
    ("alumni.survey", "export"): Cells(
        get=admin_only(exported("text/csv")), needs=("alumni.view_survey_answers",)
    ),
    # An empty sheet clears the attendance recorded so far.
    ("cohorts.event", "attendance"): Cells(
        get=admin_only(SERVED),
        post=admin_only(saved_then_redirected("the sheet recorded")),
        needs=("cohorts.add_attendance", "cohorts.change_attendance", "cohorts.delete_attendance"),
    ),
}


def snippet_viewsets():
    """The viewset of every model registered as a snippet, from Wagtail's registry."""
    for model in get_snippet_models():
        yield model.snippet_viewset


def offers_export(viewset) -> bool:
    return viewset.list_export is not viewset.UNDEFINED and bool(viewset.list_export)


CHOOSER = "chooser:"


def viewset_actions(viewset, patterns) -> Iterator[tuple[str, bool]]:
    """Each action of a viewset (the name of its URL, ``chooser:`` before those of its
    chooser), and whether it takes the object's pk."""
    namespace = viewset.get_url_name("list").removesuffix("list")
    chooser_namespace = viewset.chooser_viewset.get_url_name("choose").removesuffix("choose")
    for pattern in patterns:
        if pattern.name and pattern.name.startswith(namespace):
            yield pattern.name.removeprefix(namespace), "<" in pattern.route
        elif pattern.name and pattern.name.startswith(chooser_namespace):
            yield CHOOSER + pattern.name.removeprefix(chooser_namespace), "<" in pattern.route
    if offers_export(viewset):
        yield "list?export=csv", False
        yield "list?export=xlsx", False


def _url_name(viewset, name: str) -> str:
    if name.startswith(CHOOSER):
        return viewset.chooser_viewset.get_url_name(name.removeprefix(CHOOSER))
    return viewset.get_url_name(name)


def _where(viewset, action: str) -> str:
    name, _, query = action.partition("?")
    return _url_name(viewset, name) + (f"?{query}" if query else "")


def cells_for(viewset, action: str) -> Cells | None:
    label = viewset.model._meta.label_lower
    return SPECIAL_CELLS.get((label, action), ACTIONS.get(action))


def actions_without_cells() -> list[str]:
    patterns = list(walk_url_patterns())
    return [
        f"{_where(viewset, action)} ({viewset.model._meta.label_lower})"
        for viewset in snippet_viewsets()
        for action, _pk in viewset_actions(viewset, patterns)
        if cells_for(viewset, action) is None
    ]


@dataclass(frozen=True)
class Cell:
    where: str
    url: str
    get_answers: dict[str, Answer]
    post_answers: dict[str, Answer] | None
    post: Post | None
    model: type | None = None
    action: str = ""


def _row(model, pk) -> Callable[[], object]:
    return lambda: list(model._default_manager.filter(pk=pk).values())


def snippet_cells(world: SimpleNamespace) -> Iterator[Cell]:
    """Every action of every snippet viewset, with the world's object of its model."""
    patterns = list(walk_url_patterns())
    for viewset in snippet_viewsets():
        sample = sample_of(world, viewset.model)
        for action, takes_pk in viewset_actions(viewset, patterns):
            cells = cells_for(viewset, action)
            name, _, query = action.partition("?")
            url = reverse(_url_name(viewset, name), args=[sample.pk] if takes_pk else [])
            url = f"{url}?{query}" if query else url
            post = None
            if cells.post is not None:
                watch = cells.watch(sample) if cells.watch else _row(viewset.model, sample.pk)
                post = Post(url, data=cells.data(sample), watch=watch)
            get_answers, post_answers = cells.answers(viewset.model)
            yield Cell(
                _where(viewset, action), url, get_answers, post_answers, post, viewset.model, name
            )
