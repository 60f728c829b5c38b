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
