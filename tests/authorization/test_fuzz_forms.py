"""Hostile input in every form and filter of the public site and the spaces: NUL and control
characters, integers beyond 64 bits, 10 kB texts and broken dates, in each field of each form
found on the pages each role is served, never give a server error."""

from tests.authorization.fuzzing import forms_served, server_errors
from tests.authorization.matrix import visitors
from tests.authorization.rules import active_among
from tests.authorization.rules_public import PUBLIC_RULES
from tests.authorization.rules_spaces import SPACE_RULES


def test_hostile_values_in_every_form_never_give_a_server_error(world, request):
    urls = sorted(
        {url for rule in active_among([*PUBLIC_RULES, *SPACE_RULES]) for url in rule.samples(world)}
    )
    failures: list[str] = []
    sent = 0
    for visitor in visitors(request):
        count, wrong = server_errors(visitor, forms_served(visitor, urls))
        sent += count
        failures.extend(wrong)

    assert sent >= 10
    assert not failures, "\n".join(failures)
