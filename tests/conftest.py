from pathlib import Path

import pytest

from tests.factories import UserFactory

# The program's real public data, beside the project's root (never copied into it).
SITE_EIG_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "site-eig"


@pytest.fixture
def site_eig_dir() -> Path:
    if not SITE_EIG_DIR.is_dir():
        pytest.fail(f"The real data is missing: {SITE_EIG_DIR} (../shared must sit beside the project).")
    return SITE_EIG_DIR


@pytest.fixture
def staff_user(db):
    return UserFactory(username="equipe", staff=True)


@pytest.fixture
def outsider_user(db):
    return UserFactory(username="visiteur")
