"""Who gets what at every URL of the project: the authorization matrix.

Rows are the URL patterns of the root URLconf (Wagtail's admin included) and the actions of every
admin snippet viewset; columns are the roles of ``roles.ROLES``. Each cell is the answer the role
gets, by GET and, where the page holds a form, by POST. A POST that is refused, or answered by
the form again, must leave the database as it was (every program table's row count, and the rows
it aims at); a POST that is accepted must change it. Each POST runs in a savepoint rolled back
afterwards, so that one world of objects serves the whole test.

- ``rules_accounts.py``, ``rules_admin.py``, ``rules_spaces.py``, ``rules_public.py``: the rules
  over URL patterns, tried in the order of ``rules.RULES`` (the first matching rule wins). A rule
  matches patterns by their full route, exactly (``route=``) or by its beginning (``prefix=``),
  gives every role's answer and names sample URLs that are really requested; a page with a form
  also gives ``post_answers`` and the ``posts`` to send.
- ``snippets.py``: the cells of every action of every model registered as a snippet, found in
  Wagtail's registry (list, add, edit, delete, inspect, history, changes, usage, the listing's
  export when offered, the views of its chooser, and the viewset's own views).
- ``test_classification.py``: every URL pattern has a rule, every snippet action its cells, every
  rule an answer for every role.

To classify a new URL pattern, add a rule above any broader rule that would catch it, with the
samples that show it (``world`` holds one object of each program model), e.g.::

    Rule(route="defis/<slug:slug>/",
         why="Public page of a published challenge.",
         answers={ANONYMOUS: SERVED, MEMBER: SERVED, STAFF: SERVED},
         samples=lambda world: [reverse("projects:challenge-detail",
                                        args=[world.challenge.slug])]),

Roles of the program (administration agent, jury member, mentor, candidate, fellow or alumnus)
are users without staff rights: a rule that gives no answer of its own for such a role gives it
the answer of ``MEMBER`` (a logged-in user with no role), listed in ``INHERITS_MEMBER``; a staff
member outside any staff group gets STAFF's answer in the front office and MEMBER's in the admin
(``INHERITS_STAFF``). Rules about objects that a role owns or reviews must give that role's
answer explicitly. To add a role: add it to ``ROLES`` with the fixture of tests/conftest.py that
logs such a user in, and to ``INHERITS_MEMBER`` or ``INHERITS_STAFF``.
"""
