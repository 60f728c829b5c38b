"""Every URL pattern and every admin viewset action has an expected answer for every role."""

from django.urls import resolve

from tests.authorization.matrix import active_rules, rule_for, walk_url_patterns
from tests.authorization.roles import ROLES
from tests.authorization.rules import RULES
from tests.authorization.snippets import (
    SPECIAL_CELLS,
    actions_without_cells,
    snippet_viewsets,
    viewset_actions,
)


def test_every_url_pattern_is_classified_by_a_rule():
    unclassified = [p for p in walk_url_patterns() if rule_for(RULES, p.route) is None]

    assert not unclassified, (
        "These URL patterns match no rule of RULES (tests/authorization/rules_*.py). "
        "Add, for each, a Rule(route=..., why=..., answers={role: answer, ...}, samples=...) "
        "above any broader rule:\n"
        + "\n".join(f"  route={p.route!r}  name={p.name!r}  view={p.view}" for p in unclassified)
    )


def test_every_snippet_viewset_action_has_its_cells():
    missing = actions_without_cells()

    assert not missing, (
        "These admin actions have no expected answer: give each its Cells in ACTIONS or "
        "SPECIAL_CELLS of tests/authorization/snippets.py:\n" + "\n".join(missing)
    )


def test_every_special_cell_still_names_a_snippet_action():
    patterns = list(walk_url_patterns())
    actions = {
        (viewset.model._meta.label_lower, action)
        for viewset in snippet_viewsets()
        for action, _takes_pk in viewset_actions(viewset, patterns)
    }

    stale = [
        f"{label}: {action}" for label, action in SPECIAL_CELLS if (label, action) not in actions
    ]

    assert not stale, "These cells name no snippet action any more; remove them:\n" + "\n".join(
        stale
    )


def test_every_rule_answers_for_every_role():
    incomplete = [
        f"{rule.key}: no answer for {sorted(set(ROLES) - set(answers))}"
        for rule in RULES
        for answers in (rule.answers, rule.post_answers)
        if answers is not None and set(answers) != set(ROLES)
    ]

    assert not incomplete, "Give these rules an answer for each role:\n" + "\n".join(incomplete)


def test_every_rule_still_matches_a_url_pattern():
    active = active_rules(RULES)

    stale = [rule.key for rule in RULES if rule not in active and not rule.only_when]

    assert not stale, "These rules match no URL pattern any more; remove them:\n" + "\n".join(stale)


def test_every_active_rule_is_sampled_by_urls_of_its_own(world):
    wrong = []
    for rule in active_rules(RULES):
        urls = list(rule.samples(world))
        posts = [post.url for post in rule.posts(world)] if rule.posts else []
        if not urls:
            wrong.append(f"{rule.key}: no sample URL")
        for url in urls + posts:
            route = resolve(url.split("?")[0]).route
            if rule_for(RULES, route) is not rule:
                owner = rule_for(RULES, route)
                wrong.append(
                    f"{rule.key}: sample {url} is classified by "
                    f"{owner.key if owner else 'no rule'} (route {route!r})"
                )

    assert not wrong, "\n".join(wrong)
