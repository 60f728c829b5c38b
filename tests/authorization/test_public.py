"""Each role's answer on the accounts' pages and the public site (GET)."""

from tests.authorization.matrix import check_rules
from tests.authorization.rules import active_among
from tests.authorization.rules_accounts import ACCOUNT_RULES
from tests.authorization.rules_public import PUBLIC_RULES


def test_each_role_gets_the_answer_of_the_matrix_on_accounts_and_public_pages(world, request):
    wrong = check_rules(active_among(ACCOUNT_RULES + PUBLIC_RULES), world, request)

    assert not wrong, "\n".join(wrong)
