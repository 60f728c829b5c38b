"""Static files in production: hashed names for long caching, compressed by WhiteNoise.

Django's manifest storage rewrites the references inside stylesheets and scripts (``url(...)``,
``@import``, source maps) to the hashed names, which changes the files' bytes. django-dsfr loads
the design system's stylesheets and scripts with Subresource Integrity (``integrity="sha384-…"``):
a browser refuses a file whose bytes differ, and every page would show without the design
system. So only the project's own stylesheets and scripts are rewritten; the files of other
packages are stored byte for byte (under a hashed name too), and their own references to fonts
and icons reach the unhashed copies that collectstatic keeps beside the hashed ones.
"""

from django.contrib.staticfiles.storage import HashedFilesMixin
from whitenoise.storage import CompressedManifestStaticFilesStorage

# Folders of the project's own static files (static/ at the project's root).
OWN_FOLDERS = ("eig/",)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = tuple(
        (folder + glob, rules)
        for folder in OWN_FOLDERS
        for glob, rules in HashedFilesMixin.patterns
    )
