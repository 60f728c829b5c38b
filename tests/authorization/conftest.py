import logging

import pytest

from tests.authorization.world import build_world


@pytest.fixture
def world(db, settings, tmp_path, team_user):
    """One object of each program model, a document and restricted content to request."""
    settings.MEDIA_ROOT = tmp_path
    return build_world(team_user)


@pytest.fixture(autouse=True)
def quiet_refusals():
    """The matrix asks for thousands of refusals (403, 404, 405): Django need not log each."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)
