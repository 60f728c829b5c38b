"""The storage of the candidates' CVs: never served by a public URL (see eig/storage.py).

The name stays importable here for the migrations that refer to it."""

from eig.storage import PrivateStorage as PrivateFileSystemStorage

__all__ = ["PrivateFileSystemStorage"]
