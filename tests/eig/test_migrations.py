from io import StringIO

import pytest
from django.core.management import call_command


def test_every_model_change_has_its_migration(db):
    out = StringIO()

    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"A migration is missing; create it with a name:\n{out.getvalue()}")
