import logging

import pytest

from tests.authorization.world import build_world, call_world


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


def _staff_in(group_name: str, username: str):
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    user = UserFactory(username=username, is_staff=True)  # with TOTP, not superuser
    user.groups.set([Group.objects.get(name=group_name)])
    return user


@pytest.fixture
def program_team_staff_user(db):
    return _staff_in("Équipe du programme", "equipe-programme")


@pytest.fixture
def selection_staff_user(db):
    return _staff_in("Sélection", "equipe-selection")


@pytest.fixture
def communication_staff_user(db):
    return _staff_in("Communication", "equipe-communication")


@pytest.fixture
def evaluation_staff_user(db):
    return _staff_in("Évaluation", "equipe-evaluation")


@pytest.fixture
def data_protection_staff_user(db):
    return _staff_in("Protection des données", "equipe-donnees")


@pytest.fixture
def conflicted_reviewer_user(world):
    """A reviewer of the call who declared a conflict of interest on the world's application
    (the one the other roles request), through the reviewers' own declaration."""
    return call_world(world).conflicted_review.reviewer
