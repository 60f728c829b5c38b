"""The storage of the candidates' CVs: never served by a public URL."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateFileSystemStorage(FileSystemStorage):
    """Files served only by the views that check who asks (cohorts.views.application_cv).

    The folder is ``EIG_PRIVATE_MEDIA_ROOT`` when set, otherwise a sibling of ``MEDIA_ROOT``
    named ``<MEDIA_ROOT>-private`` (outside what the DEBUG media route serves), read at each
    access since tests change MEDIA_ROOT."""

    def __init__(self):
        super().__init__()

    @property
    def base_location(self):
        configured = getattr(settings, "EIG_PRIVATE_MEDIA_ROOT", None)
        if configured:
            return str(configured)
        media = Path(settings.MEDIA_ROOT)
        return str(media.with_name(media.name + "-private"))

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no public URL.")
