"""The headers that protect every page: a strict Content-Security-Policy on the site, its own
policy for the admin and the API documentation, a nonce that belongs to one request, and
"Cache-Control: private, no-store" on every page that may show a person's data."""

import re
import secrets
from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.template import engines
from django.urls import path
from wagtail.models import Page

from cms.models import ContentPage
from core.cache import cache_public_page
from eig import urls as project_urls
from tests.eig.test_settings import PRODUCTION_ENV, run_manage

pytestmark = pytest.mark.django_db

SITE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# --- Pages of this test's own URLs, served through the whole middleware stack ---------------

INLINE_SCRIPT_PAGE = (
    '{% extends "eig/base.html" %}{% block content %}<h1>Essai</h1>'
    '<script nonce="{{ request.csp_nonce }}">document.body.dataset.essai = "1";</script>'
    "{% endblock content %}"
)


def inline_script_page(request):
    return HttpResponse(engines["django"].from_string(INLINE_SCRIPT_PAGE).render({}, request))


def secret_link_page(request, token):
    return HttpResponse("Votre lien personnel.")


urlpatterns = [
    path("essai/script/", inline_script_page),
    path("essai/script-en-cache/", cache_public_page(inline_script_page)),
    path("essai/lien/<str:token>/", secret_link_page),
    *project_urls.urlpatterns,
]
handler500 = project_urls.handler500


# --- Helpers ------------------------------------------------------------------------------


def policy(response) -> dict[str, list[str]]:
    """The response's Content-Security-Policy, directive by directive."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def page_nonces(response) -> list[str]:
    return re.findall(r'<script[^>]*\bnonce="([^"]+)"', response.content.decode())


def header_nonce(response) -> str | None:
    found = [v for v in policy(response)["script-src"] if v.startswith("'nonce-")]
    assert len(found) <= 1
    return found[0][len("'nonce-") : -1] if found else None


def cache_directives(response) -> set[str]:
    value = response.get("Cache-Control", "")
    return {word.strip().lower() for word in value.split(",") if word.strip()}


def is_private(response) -> bool:
    return {"private", "no-store"} <= cache_directives(response)


# --- The site's policy --------------------------------------------------------------------


def test_public_page_gets_the_strict_site_policy(client, public_site):
    response = client.get("/")

    assert response.status_code == 200
    assert policy(response) == SITE_POLICY


def test_every_script_of_the_home_page_is_a_file_of_the_site(client, public_site):
    page = client.get("/").content.decode()

    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts, "the page loads the design system's scripts"
    assert all(re.search(r'\bsrc="/static/', tag) for tag in scripts), scripts
    assert " style=" not in page
    assert "<style" not in page


def test_a_cached_copy_of_a_public_page_keeps_the_site_policy(client, public_site):
    faq = ContentPage.objects.get(slug="faq-candidats")
    client.get("/faq-candidats/")
    # Behind the cache's back: only a cached copy still shows the old title.
    Page.objects.filter(pk=faq.pk).update(title="Titre changé en base")

    response = client.get("/faq-candidats/")

    assert "Titre changé en base" not in response.content.decode()
    assert policy(response) == SITE_POLICY
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.urls(__name__)
def test_inline_script_carries_the_nonce_its_request_allows(client, public_site):
    first = client.get("/essai/script/")
    second = client.get("/essai/script/")

    assert page_nonces(first) == [header_nonce(first)]
    assert page_nonces(second) == [header_nonce(second)]
    assert header_nonce(first) != header_nonce(second)
    assert policy(first)["script-src"] == ["'self'", f"'nonce-{header_nonce(first)}'"]


@pytest.mark.urls(__name__)
def test_a_page_with_a_nonce_is_never_served_from_the_public_cache(client, public_site):
    first = client.get("/essai/script-en-cache/")
    second = client.get("/essai/script-en-cache/")

    assert page_nonces(first) == [header_nonce(first)]
    assert page_nonces(second) == [header_nonce(second)]
    assert header_nonce(first) != header_nonce(second)


def test_templates_write_no_inline_script_without_nonce_nor_inline_style():
    """What the browser would refuse under the site's policy, in the site's templates and in
    the HTML the Python code writes."""
    roots = [settings.BASE_DIR / "templates"] + [
        settings.BASE_DIR / app for app in ("core", "cohorts", "projects", "selection", "alumni")
    ]
    roots += [settings.BASE_DIR / app for app in ("evaluation", "cms", "eig")]
    offences = []
    for root in roots:
        for file in sorted(Path(root).rglob("*")):
            if file.suffix not in {".html", ".svg", ".py"} or "migrations" in file.parts:
                continue
            text = file.read_text(encoding="utf-8")
            for tag in re.findall(r"<script\b[^>]*>", text):
                if not re.search(r"\b(src|nonce)=|type=\"application/(ld\+)?json\"", tag):
                    offences.append(f"{file}: {tag}")
            for match in re.finditer(r"<style\b|\sstyle=\"|\son[a-z]+=\"", text):
                offences.append(f"{file}: {match.group(0).strip()}")
    assert offences == []


def test_proconnect_login_may_post_to_its_provider():
    env = {
        **PRODUCTION_ENV,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "PROCONNECT_CLIENT_ID": "eig",
        "PROCONNECT_CLIENT_SECRET": "secret",
        "PROCONNECT_SERVER_URL": "https://auth.example.gouv.fr/api/v2",
    }
    script = (
        "from django.conf import settings; "
        "print(*settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action']); "
        "print(*settings.EIG_CONTENT_SECURITY_POLICY_AREAS['/admin/']['form-action'])"
    )

    result = run_manage("shell", "--no-imports", "-c", script, env=env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "'self' https://auth.example.gouv.fr",
        "'self' https://auth.example.gouv.fr",
    ]


# --- Areas with their own policy ----------------------------------------------------------


def test_admin_gets_its_relaxed_policy_without_a_nonce(client, staff_user):
    client.force_login(staff_user)

    response = client.get("/admin/")

    assert response.status_code == 200
    directives = policy(response)
    # A nonce would make the browser ignore 'unsafe-inline', which Wagtail's scripts need.
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["frame-src"] == ["'self'"]


@pytest.mark.parametrize("url", ["/api/docs", "/api/openapi.json", "/comptes/login/"])
def test_the_site_policy_covers_what_is_not_in_an_area(client, url):
    response = client.get(url)

    assert response.status_code == 200
    assert policy(response) == SITE_POLICY


# --- Cache-Control ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("agent_user", "/espace-administration/"),
        ("reviewer_user", "/espace-jury/"),
        ("team_user", "/equipe/"),
        ("alumnus_user", "/reseau/"),
        ("candidate_user", "/candidature/"),
        ("application_reviewer_user", "/jury-candidatures/"),
        ("outsider_user", "/comptes/email/"),
        ("outsider_user", "/comptes/suppression/"),
        ("staff_user", "/admin/"),
    ],
)
def test_private_space_pages_are_never_stored(client, request, role, url):
    client.force_login(request.getfixturevalue(role))

    response = client.get(url)

    assert response.status_code == 200
    assert is_private(response), response.get("Cache-Control")


def test_a_public_page_seen_by_a_logged_in_person_is_never_stored(
    client, public_site, outsider_user
):
    client.force_login(outsider_user)

    response = client.get("/faq-candidats/")

    assert response.status_code == 200
    assert "Se déconnecter" in response.content.decode()
    assert is_private(response)


def test_survey_link_page_is_never_stored(client):
    response = client.get("/enquetes/lien-inconnu/")

    assert response.status_code == 404
    assert is_private(response)


@pytest.mark.urls(__name__)
def test_a_secret_link_is_never_stored_even_when_its_view_says_nothing(client):
    response = client.get("/essai/lien/un-jeton/")

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_anonymous_request_with_a_session_is_never_stored(client, public_site):
    client.cookies[settings.SESSION_COOKIE_NAME] = "session-sans-compte"

    response = client.get("/defis/")

    assert response.status_code == 200
    assert is_private(response)


@pytest.mark.parametrize("url", ["/", "/defis/", "/faq-candidats/"])
def test_public_page_of_an_anonymous_visitor_keeps_its_caching(client, public_site, url):
    response = client.get(url)

    assert response.status_code == 200
    assert "private" not in cache_directives(response)
    assert "no-store" not in cache_directives(response)


def test_a_view_that_chose_its_cache_control_keeps_it(client, outsider_user):
    client.force_login(outsider_user)

    response = client.get("/evenements.ics")

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=900"
