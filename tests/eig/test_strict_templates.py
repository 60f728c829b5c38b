"""Undefined variables fail in the project's own templates, and only there."""

import pytest
from django.conf import settings
from django.template import Context, Engine

from tests import conftest


@pytest.fixture
def project_dir(tmp_path, monkeypatch):
    directory = tmp_path / "templates"
    directory.mkdir()
    monkeypatch.setattr(conftest, "STRICT_TEMPLATE_DIRS", [directory])
    return directory


@pytest.fixture
def third_party_dir(tmp_path):
    directory = tmp_path / "site-packages"
    directory.mkdir()
    return directory


def render(directory, source: str, **context) -> str:
    (directory / "page.html").write_text(source)
    return Engine(dirs=[str(directory)]).get_template("page.html").render(Context(context))


def test_project_templates_are_the_strict_ones():
    assert conftest.STRICT_TEMPLATE_DIRS == [settings.BASE_DIR / "templates"]


@pytest.mark.parametrize(
    "source",
    [
        "{{ missing }}",
        "{{ challenge.missing }}",
        '{{ missing|default:"—" }}',
        "{% with value=missing %}{{ value }}{% endwith %}",
    ],
)
def test_undefined_variable_fails_in_a_project_template(project_dir, source):
    with pytest.raises(conftest.UndefinedTemplateVariable, match="missing"):
        render(project_dir, source, challenge={"title": "Défi"})


def test_defined_values_render_with_their_filters_in_a_project_template(project_dir):
    source = '{{ title|upper }} {{ empty|default:"—" }}{% if missing %}!{% endif %}'
    source += "{% for item in missing %}{{ item }}{% endfor %}"

    assert render(project_dir, source, title="défi", empty=None) == "DÉFI —"


def test_third_party_templates_stay_lenient(third_party_dir):
    assert render(third_party_dir, '[{{ missing }}|{{ missing|default:"—" }}]') == "[|—]"
