"""Production static files: hashed names, and the design system's files byte for byte as
django-dsfr's integrity hashes promise, or browsers refuse them and pages show unstyled."""

import base64
import hashlib
import re
import shutil

from django.contrib.staticfiles import finders
from django.template import engines

from core.staticfiles import StaticFilesStorage

OWN_STYLESHEET = "eig/site.css"


def integrity_hashed_assets() -> dict[str, str]:
    """The static files django-dsfr's tags load with an integrity hash: name -> sha384."""
    html = (
        engines["django"].from_string("{% load dsfr_tags %}{% dsfr_css %}{% dsfr_js %}").render({})
    )
    found = re.findall(
        r'(?:href|src)="/static/([^"]+)"\s+integrity="sha384-([^"]+)"', html, flags=re.S
    )
    return dict(found)


def collect(storage: StaticFilesStorage, names: list[str]) -> None:
    """What collectstatic does with these files: copy, then hash, rewrite and compress."""
    for name in names:
        target = storage.path(name)
        shutil.copyfile(finders.find(name), _parent_made(target))
    for _original, _processed, error in storage.post_process(
        {name: (storage, name) for name in names}
    ):
        if isinstance(error, Exception):
            raise error
    storage.save_manifest()


def _parent_made(path: str) -> str:
    from pathlib import Path

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return path


def test_design_system_files_keep_the_bytes_of_their_integrity_hash(tmp_path):
    assets = integrity_hashed_assets()
    assert any(name.endswith(".css") for name in assets)
    assert any(name.endswith(".js") for name in assets)
    storage = StaticFilesStorage(location=tmp_path, base_url="/static/")

    collect(storage, [*assets, OWN_STYLESHEET])

    for name, expected in assets.items():
        stored = storage.stored_name(name)
        assert stored != name  # hashed, for long caching
        digest = hashlib.sha384((tmp_path / stored).read_bytes()).digest()
        assert base64.b64encode(digest).decode() == expected, name


def test_the_projects_own_stylesheet_is_hashed_and_compressed(tmp_path):
    storage = StaticFilesStorage(location=tmp_path, base_url="/static/")

    collect(storage, [OWN_STYLESHEET])

    stored = storage.stored_name(OWN_STYLESHEET)
    assert re.fullmatch(r"eig/site\.[0-9a-f]{12}\.css", stored)
    assert (tmp_path / f"{stored}.gz").exists()
