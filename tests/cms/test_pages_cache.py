"""Public pages are cached for anonymous visitors, refreshed on every publication or data change,
and never served from that cache to a logged-in user."""

import re

import pytest
from wagtail.models import Page

from cms.models import ContentPage
from tests.factories import ChallengeFactory

pytestmark = pytest.mark.django_db


def heading(response) -> str:
    return re.search(r"<h1>(.*?)</h1>", response.content.decode()).group(1)


def rename_without_signals(page: Page, title: str) -> None:
    """Change the live page behind the cache's back, as no publication does."""
    Page.objects.filter(pk=page.pk).update(title=title)


def test_anonymous_visitors_share_a_cached_copy(client, public_site):
    faq = ContentPage.objects.get(slug="faq-candidats")
    client.get("/faq-candidats/")

    rename_without_signals(faq, "Titre changé en base")

    assert heading(client.get("/faq-candidats/")) == "Questions fréquentes des candidats"


def test_published_edit_shows_at_once_to_anonymous_visitors(client, public_site):
    faq = ContentPage.objects.get(slug="faq-candidats")
    client.get("/faq-candidats/")

    faq.title = "Questions des candidats, mises à jour"
    faq.save_revision().publish()

    assert heading(client.get("/faq-candidats/")) == "Questions des candidats, mises à jour"


def test_unpublished_page_disappears_at_once(client, public_site):
    faq = ContentPage.objects.get(slug="faq-candidats")
    client.get("/faq-candidats/")

    faq.unpublish()

    assert client.get("/faq-candidats/").status_code == 404


def test_program_data_change_refreshes_cached_pages(client, public_site):
    before = client.get("/").content.decode()

    ChallengeFactory()

    after = client.get("/").content.decode()
    assert re.search(r'value">0</span> défi', before)
    assert re.search(r'value">1</span> défi relevé', after)


def test_logged_in_user_never_gets_the_anonymous_cached_copy(client, public_site, outsider_user):
    faq = ContentPage.objects.get(slug="faq-candidats")
    client.get("/faq-candidats/")
    rename_without_signals(faq, "Titre à jour")

    client.force_login(outsider_user)
    response = client.get("/faq-candidats/")

    assert heading(response) == "Titre à jour"
    assert "Se déconnecter" in response.content.decode()


def test_logged_in_user_page_is_not_served_to_anonymous_visitors(
    client, public_site, outsider_user
):
    client.force_login(outsider_user)
    client.get("/faq-candidats/")
    client.logout()

    html = client.get("/faq-candidats/").content.decode()

    assert "Se connecter" in html
    assert "Se déconnecter" not in html


def test_data_views_share_the_same_cache(client, public_site):
    client.get("/recherche/?q=défi")
    ChallengeFactory(title="Défi tout neuf")

    assert "Défi tout neuf" in client.get("/recherche/?q=défi").content.decode()


@pytest.mark.parametrize("path", ["/faq-candidats/", "/defis/", "/donnees/defis.csv"])
def test_cached_copy_is_served_before_any_query_with_the_security_headers(
    client, public_site, django_assert_num_queries, path
):
    first = client.get(path)

    # The local-memory cache of the tests holds the site version too: a cached hit reads
    # nothing from the database (no session, user, site or page lookup).
    with django_assert_num_queries(0):
        cached = client.get(path)

    assert cached.status_code == 200
    assert cached.content == first.content
    assert cached["Content-Type"] == first["Content-Type"]
    assert cached["X-Frame-Options"] == "DENY"
    assert cached["X-Content-Type-Options"] == "nosniff"
    assert "Cookie" in cached["Vary"]


def test_visitor_with_messages_waiting_gets_a_fresh_page(client, public_site):
    faq = ContentPage.objects.get(slug="faq-candidats")
    client.get("/faq-candidats/")
    rename_without_signals(faq, "Titre à jour")

    client.cookies["messages"] = "pending"

    assert heading(client.get("/faq-candidats/")) == "Titre à jour"


def test_page_frame_shows_a_settings_change_at_once_even_uncached(client, public_site, settings):
    from cms.models import SiteSettings

    settings.EIG_PUBLIC_CACHE_SECONDS = 0
    client.get("/defis/")
    site_settings = SiteSettings.objects.get()
    site_settings.tagline = "Une devise toute neuve"
    site_settings.save()

    assert "Une devise toute neuve" in client.get("/defis/").content.decode()


def test_page_made_private_stops_being_served_from_the_cache_at_once(client, public_site):
    from wagtail.models import PageViewRestriction

    faq = ContentPage.objects.get(slug="faq-candidats")
    assert heading(client.get("/faq-candidats/")) == "Questions fréquentes des candidats"

    PageViewRestriction.objects.create(
        page=faq, restriction_type=PageViewRestriction.PASSWORD, password="un secret partagé"
    )

    html = client.get("/faq-candidats/").content.decode()
    assert "Questions fréquentes des candidats</h1>" not in html
    assert 'name="password"' in html


def test_uncached_pages_follow_a_new_root_page_of_the_site_at_once(client, public_site, settings):
    # The request's site is kept per frame version: changing the site's root page is seen by
    # the next request, even with the page cache off.
    from wagtail.models import Site

    settings.EIG_PUBLIC_CACHE_SECONDS = 0
    assert client.get("/faq-candidats/").status_code == 200
    faq = ContentPage.objects.get(slug="faq-candidats")
    site = Site.objects.get(is_default_site=True)

    site.root_page = faq
    site.save()

    assert heading(client.get("/")) == "Questions fréquentes des candidats"
    assert client.get("/faq-candidats/").status_code == 404


def test_uncached_wagtail_page_finds_its_site_without_a_query(
    client, public_site, settings, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.EIG_PUBLIC_CACHE_SECONDS = 0
    client.get("/faq-candidats/")
    client.get("/faq-candidats/")

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/faq-candidats/").status_code == 200

    assert not [q for q in queries.captured_queries if "wagtailcore_site" in q["sql"]]


def test_saving_without_the_cache_table_warns_instead_of_failing(db, caplog):
    from django.test import override_settings

    missing_table = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "eig_cache_not_created",
        }
    }
    with override_settings(CACHES=missing_table):
        challenge = ChallengeFactory(title="Enregistré sans table de cache")
        # The transaction goes on (on PostgreSQL, a failed query would have aborted it).
        challenge.title = "Modifié ensuite"
        challenge.save()

    challenge.refresh_from_db()
    assert challenge.title == "Modifié ensuite"
    assert "createcachetable" in caplog.text


def test_page_that_hands_out_a_csrf_token_is_never_shared(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from core.cache import cached_public_page, serve_public_page

    def render_with_token(request):
        def render():
            return HttpResponse(f"jeton {get_token(request)}")

        return render

    with_token = rf.get("/formulaire/")
    with_token.user = AnonymousUser()
    serve_public_page(with_token, render_with_token(with_token))
    plain = rf.get("/sans-formulaire/")
    plain.user = AnonymousUser()
    serve_public_page(plain, lambda: HttpResponse("rien de personnel"))

    assert cached_public_page(rf.get("/formulaire/")) is None
    assert cached_public_page(rf.get("/sans-formulaire/")).content == b"rien de personnel"


def test_private_records_keep_the_public_cache_and_every_model_is_classified(db):
    """A candidate saving a draft or a reviewer scoring does not empty the public cache, while
    every other record of the program's apps refreshes it."""
    from django.apps import apps

    from core.cache import PRIVATE_MODELS, changes_public_site, site_cache_version

    known = {
        (model._meta.app_label, model._meta.model_name)
        for name in ("cohorts", "projects", "alumni")
        for model in apps.get_app_config(name).get_models()
    }
    assert PRIVATE_MODELS <= known, "PRIVATE_MODELS names a model that does not exist"

    for app_label, model_name in sorted(PRIVATE_MODELS):
        assert not changes_public_site(apps.get_model(app_label, model_name))

    from projects.models import Challenge
    from tests.selection.factories import ApplicationFactory

    application = ApplicationFactory()
    version = site_cache_version()

    application.motivation = "Un brouillon de plus."
    application.save()
    assert site_cache_version() == version

    assert changes_public_site(Challenge)
    application.first_choice.save()
    assert site_cache_version() != version
