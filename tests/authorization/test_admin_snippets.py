"""Each role's answer to every action of every snippet viewset of the admin, GET and, where the
page holds a form, POST: only staff get in, and a refused POST leaves the database as it was."""

from django.urls import reverse

from projects.models import Theme
from tests.authorization.matrix import Post, Visitor, visitors
from tests.authorization.roles import STAFF, Answer
from tests.authorization.snippets import snippet_cells
from tests.authorization.world import sample_of


def test_each_role_gets_the_answer_of_the_matrix_on_every_snippet_action(world, request):
    everyone = visitors(request)
    wrong = []

    for cell in snippet_cells(world):
        for visitor in everyone:
            wrong.append(visitor.get(cell.url, cell.get_answers[visitor.role], cell.where))
            if cell.post is not None:
                wrong.append(visitor.post(cell.post, cell.post_answers[visitor.role], cell.where))

    wrong = [line for line in wrong if line]
    assert not wrong, "\n".join(wrong)


def test_a_post_that_writes_is_reported_when_its_cell_expects_no_write(world, staff_user):
    theme = sample_of(world, Theme)
    delete = Post(reverse(theme.snippet_viewset.get_url_name("delete"), args=[theme.pk]))
    any_redirect = Answer("any redirect", lambda response: response.status_code == 302)

    wrong = Visitor(STAFF, staff_user).post(delete, any_redirect, "a cell expecting no write")

    assert wrong is not None and wrong.endswith("but the database changed")
    assert Theme.objects.filter(pk=theme.pk).exists()  # the POST was rolled back
