import pytest


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Uploaded attachments go to a temporary folder, never the project's."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EIG_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.EIG_PRIVATE_MEDIA_ROOT
