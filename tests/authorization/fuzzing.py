"""Hostile input for the fuzz tests: the forms a page serves, read from its HTML, and the
sendings that put NUL and control characters, integers beyond 64 bits, 10 kB texts and broken
dates in each of their fields."""

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.db import transaction

from tests.authorization.matrix import Visitor

# Forms whose sending ends the visit rather than reading its data.
SKIPPED_ACTIONS = ("/comptes/deconnexion/", "/accounts/logout/")

# One value of each kind the layer of bounds refuses, sent in every field at once: a form
# validates each field on its own, so each field meets each kind.
HOSTILE_VALUES = ["a\x00b\x1f", str(2**63), "x" * 10_000, "2024-13-45"]
# Formsets' counters: kept as served, so that the rows they count are validated too; one more
# sending breaks them as well.
MANAGEMENT = ("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS")


@dataclass(frozen=True)
class Form:
    page: str
    method: str
    action: str
    fields: tuple[str, ...]
    # The values the page served (hidden fields, defaults, the selected options), in order.
    values: tuple[tuple[str, str], ...] = ()


class FormParser(HTMLParser):
    """The forms of a page: method, action and the names of their fields."""

    def __init__(self, page: str):
        super().__init__()
        self.page = page
        self.forms: list[Form] = []
        self._current: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = {
                "method": (attrs.get("method") or "get").lower(),
                "action": urljoin(self.page, attrs.get("action") or self.page),
                "fields": [],
                "values": [],
            }
        elif self._current is not None and tag in ("input", "select", "textarea"):
            name = attrs.get("name")
            kind = attrs.get("type")
            if name and kind not in ("file", "submit", "button", "image"):
                if name != "csrfmiddlewaretoken" and name not in self._current["fields"]:
                    self._current["fields"].append(name)
                if tag == "select":
                    self._select = name
                elif tag == "textarea":
                    self._textarea = name
                    self._current["values"].append([name, ""])
                elif kind not in ("checkbox", "radio") or "checked" in attrs:
                    self._current["values"].append([name, attrs.get("value") or ""])
        elif self._current is not None and tag == "option" and self._select:
            if "selected" in attrs:
                self._current["values"].append([self._select, attrs.get("value") or ""])

    def handle_data(self, data):
        if self._current is not None and self._textarea:
            self._current["values"][-1][1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self._current is not None:
            current, self._current = self._current, None
            if current["fields"]:
                values = tuple((name, value) for name, value in current["values"])
                self.forms.append(
                    Form(
                        self.page,
                        current["method"],
                        current["action"],
                        tuple(current["fields"]),
                        values,
                    )
                )


def forms_served(visitor: Visitor, urls: list[str]) -> list[Form]:
    found = []
    for url in urls:
        visitor._login()
        response = visitor.client.get(url)
        visitor._after(response)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = FormParser(url)
        parser.feed(response.content.decode())
        found.extend(parser.forms)
    return found


def send(visitor: Visitor, form: Form, data: dict[str, str]):
    visitor._login()
    path = urlsplit(form.action).path
    if form.method == "post":
        with transaction.atomic():
            response = visitor.client.post(path, data)
            visitor._after(response)
            transaction.set_rollback(True)
        visitor.logged_in = False
    else:
        response = visitor.client.get(path, data)
        visitor._after(response)
    return response


def sendings(form: Form):
    """The data of each sending: every field hostile, the counters as served, then broken too."""
    served: dict[str, list[str]] = {}
    for name, value in form.values:
        served.setdefault(name, []).append(value)
    for hostile in HOSTILE_VALUES:
        data = {name: [hostile] for name in form.fields}
        data.update({n: v for n, v in served.items() if n.endswith(MANAGEMENT)})
        yield data
    if any(name.endswith(MANAGEMENT) for name in form.fields):
        yield {name: [str(2**63)] for name in form.fields}


def server_errors(
    visitor: Visitor, forms: list[Form], *, under: str = "/"
) -> tuple[int, list[str]]:
    """Sends every sending of each form (once per method, action and fields) as ``visitor``:
    how many forms were sent, and a line for each form answered with a server error."""
    failures: list[str] = []
    seen: set[tuple] = set()
    for form in forms:
        path = urlsplit(form.action).path
        key = (form.method, path, form.fields)
        if key in seen or path.startswith(SKIPPED_ACTIONS) or not path.startswith(under):
            continue
        seen.add(key)
        for data in sendings(form):
            response = send(visitor, form, data)
            if response.status_code >= 500:
                shown = {name: [value[:20] for value in values] for name, values in data.items()}
                failures.append(
                    f"As {visitor.role}: {form.method.upper()} {path} (form of {form.page}) "
                    f"with {shown!r}: {response.status_code}"[:600]
                )
                break
    return len(seen), failures
