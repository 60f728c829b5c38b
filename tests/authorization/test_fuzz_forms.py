"""Hostile input in every form and filter of the public site and the spaces: NUL and control
characters, integers beyond 64 bits, 10 kB texts and broken dates, generated for each field of
each form found on the pages each role is served, never give a server error."""

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.authorization.matrix import Visitor, visitors
from tests.authorization.rules import active_among
from tests.authorization.rules_public import PUBLIC_RULES
from tests.authorization.rules_spaces import SPACE_RULES

EXAMPLES_PER_FORM = 6
# Forms whose sending ends the visit rather than reading its data.
SKIPPED_ACTIONS = ("/comptes/deconnexion/", "/accounts/logout/")

FIXED_HOSTILE = [
    "\x00",
    "a\x00b",
    "\x01\x1f\x7f",
    str(2**63),
    str(-(2**63) - 1),
    str(2**64),
    "x" * 10_000,
    "2024-13-45",
    "99999-01-01",
    "2024-02-31",
    "0000-00-00",
    "",
    " ",
    "-1",
    "0",
]
HOSTILE = st.one_of(
    st.sampled_from(FIXED_HOSTILE),
    st.text(st.characters(min_codepoint=0, max_codepoint=0x2FF), max_size=12),
    st.integers(min_value=-(2**65), max_value=2**65).map(str),
    st.builds(
        "{:04d}-{:02d}-{:02d}".format,
        st.integers(0, 99999),
        st.integers(0, 99),
        st.integers(0, 99),
    ),
)


@dataclass(frozen=True)
class Form:
    page: str
    method: str
    action: str
    fields: tuple[str, ...]


class FormParser(HTMLParser):
    """The forms of a page: method, action and the names of their fields."""

    def __init__(self, page: str):
        super().__init__()
        self.page = page
        self.forms: list[Form] = []
        self._current: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = {
                "method": (attrs.get("method") or "get").lower(),
                "action": urljoin(self.page, attrs.get("action") or self.page),
                "fields": [],
            }
        elif self._current is not None and tag in ("input", "select", "textarea"):
            name = attrs.get("name")
            if name and attrs.get("type") not in ("file", "submit", "button", "image"):
                if name != "csrfmiddlewaretoken" and name not in self._current["fields"]:
                    self._current["fields"].append(name)

    def handle_endtag(self, tag):
        if tag == "form" and self._current is not None:
            current, self._current = self._current, None
            if current["fields"]:
                self.forms.append(
                    Form(self.page, current["method"], current["action"], tuple(current["fields"]))
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


def fuzz(visitor: Visitor, form: Form):
    """A property: any hostile values in the fields of ``form`` are answered without failing."""

    @given(data=st.fixed_dictionaries({name: HOSTILE for name in form.fields}))
    @settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def answers_without_failing(data):
        response = send(visitor, form, data)
        assert response.status_code < 500, (
            f"As {visitor.role}: {form.method.upper()} {form.action} "
            f"(form of {form.page}) with {data!r}: {response.status_code}"
        )

    return answers_without_failing


def test_hostile_values_in_every_form_never_give_a_server_error(world, request):
    urls = sorted(
        {url for rule in active_among([*PUBLIC_RULES, *SPACE_RULES]) for url in rule.samples(world)}
    )
    failures: list[str] = []
    seen: set[tuple] = set()
    fuzzed = 0
    for visitor in visitors(request):
        for form in forms_served(visitor, urls):
            key = (visitor.role, form.method, urlsplit(form.action).path, form.fields)
            if key in seen or urlsplit(form.action).path.startswith(SKIPPED_ACTIONS):
                continue
            seen.add(key)
            fuzzed += 1

            try:
                fuzz(visitor, form)()
            except AssertionError as error:
                failures.append(str(error).splitlines()[0][:600])

    assert fuzzed >= 10
    assert not failures, "\n".join(failures)
