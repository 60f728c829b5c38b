"""Each role's answer in the front office's spaces (candidates, reviewers, agents, jury, team,
alumni, surveys), GET and the POST of every form page: a role that may not write is refused
and the database is left as it was."""

from tests.authorization.matrix import check_rules
from tests.authorization.rules import active_among
from tests.authorization.rules_spaces import SPACE_RULES


def test_each_role_gets_the_answer_of_the_matrix_in_the_spaces(world, request):
    wrong = check_rules(active_among(SPACE_RULES), world, request)

    assert not wrong, "\n".join(wrong)
