"""Every rule of the matrix, in the order they are tried (the first matching rule wins)."""

from tests.authorization.matrix import Rule, active_rules
from tests.authorization.rules_accounts import ACCOUNT_RULES
from tests.authorization.rules_admin import ADMIN_RULES
from tests.authorization.rules_public import PUBLIC_RULES
from tests.authorization.rules_spaces import SPACE_RULES

# Wagtail's page serving (the catch-all) is the last rule of PUBLIC_RULES.
RULES: list[Rule] = [*ACCOUNT_RULES, *ADMIN_RULES, *SPACE_RULES, *PUBLIC_RULES]


def active_among(area: list[Rule]) -> list[Rule]:
    """The rules of one area that classify at least one URL pattern of the project."""
    return [rule for rule in active_rules(RULES) if rule in area]
