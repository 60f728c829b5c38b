"""Storage of the files that only a permission-checking view may serve: candidates' CVs and the
attachments of challenge proposals."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files never served by a public URL, only by views that check who asks.

    The folder is ``EIG_PRIVATE_MEDIA_ROOT`` when set, otherwise a sibling of ``MEDIA_ROOT`` named
    ``<MEDIA_ROOT>-private`` (outside what the DEBUG media route serves), read at each access
    since tests change MEDIA_ROOT."""

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


private_storage = PrivateStorage()
