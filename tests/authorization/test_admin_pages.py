"""Each role's answer on the admin's pages other than the snippet viewsets (selection,
evaluation, call for challenges, program life, Wagtail's own areas), GET and POST."""

from tests.authorization.matrix import check_rules
from tests.authorization.rules import active_among
from tests.authorization.rules_admin import ADMIN_RULES


def test_each_role_gets_the_answer_of_the_matrix_in_the_admin(world, request):
    wrong = check_rules(active_among(ADMIN_RULES), world, request)

    assert not wrong, "\n".join(wrong)
