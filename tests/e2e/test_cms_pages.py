"""Every kind of page of the public site, in a real browser: no accessibility violation that
axe-core detects, and a keyboard user can skip to the content and use the menu."""

import pytest

from tests.factories import ChallengeFactory, CohortFactory, PersonFactory

# The DSFR's script marks the document once its components (menus, accordions) respond.
DSFR_READY = "html[data-fr-js='true']"
PAGES = {
    "home": ("/", "Entrepreneurs d'intérêt général"),
    "content page": ("/faq-candidats/", "Questions fréquentes des candidats"),
    "news index": ("/actualites/", "Actualités"),
    "news post": ("/actualites/promotion-eig-4/", "La promotion EIG 4 relève ses défis"),
    "search results": ("/recherche/?q=donn%C3%A9es", "Rechercher sur le site"),
    "site map": ("/plan-du-site/", "Plan du site"),
    "not found": ("/cette-page-n-existe-pas/", "Page non trouvée"),
}


@pytest.fixture
def demo_site(public_site):
    """The site's pages, with a little program data for the home page and the search."""
    cohort = CohortFactory(name="EIG 4", number=4, year=2020)
    ChallengeFactory(
        cohort=cohort, title="Données de santé ouvertes", summary="Ouvrir les données de santé."
    )
    PersonFactory(full_name="Camille Données", slug="camille-donnees")
    return public_site


def test_axe_reports_what_it_finds(page, axe):
    # The check below is only worth something if axe does find violations.
    page.set_content('<html lang="fr"><body><main><img src="logo.png"></main></body></html>')

    assert "image-alt" in [violation["id"] for violation in axe(page)]


@pytest.mark.parametrize("path, heading", PAGES.values(), ids=PAGES.keys())
def test_page_has_no_accessibility_violation(page, live_server, axe, demo_site, path, heading):
    response = page.goto(live_server.url + path)

    assert page.locator("h1").inner_text() == heading
    assert response.status == (404 if path == PAGES["not found"][0] else 200)
    violations = axe(page)
    assert violations == [], axe.describe(violations)


def test_skip_link_takes_the_keyboard_to_the_content(page, live_server, public_site):
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    first_link_text = skip_link.inner_text()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    assert first_link_text == "Contenu"
    assert page.url.endswith("/#content")
    assert page.locator(":focus").inner_text() == "Découvrir les défis"


def test_faq_menu_opens_from_the_keyboard(page, live_server, public_site):
    page.goto(live_server.url + "/")
    page.wait_for_selector(DSFR_READY, state="attached")
    faq_button = page.get_by_role("button", name="FAQ")

    faq_button.focus()
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Candidats").wait_for(state="visible")
    page.keyboard.press("Tab")

    assert faq_button.get_attribute("aria-expanded") == "true"
    assert page.locator(":focus").inner_text() == "Candidats"
    page.keyboard.press("Enter")
    page.wait_for_url("**/faq-candidats/")
    assert page.locator("h1").inner_text() == "Questions fréquentes des candidats"


def test_faq_answers_open_and_close(page, live_server, public_site):
    page.goto(live_server.url + "/faq-candidats/")
    page.wait_for_selector(DSFR_READY, state="attached")
    question = page.get_by_role("button", name="Faut-il être fonctionnaire ?")
    answer = page.get_by_text("Le programme s'adresse à des personnes extérieures")

    question.click()
    answer.wait_for(state="visible")
    assert question.get_attribute("aria-expanded") == "true"
    question.click()
    answer.wait_for(state="hidden")
    assert question.get_attribute("aria-expanded") == "false"


def test_header_search_finds_a_page(page, live_server, public_site):
    page.goto(live_server.url + "/")

    page.get_by_role("searchbox", name="Rechercher sur le site").fill("accessibilité")
    page.keyboard.press("Enter")
    page.wait_for_url("**/recherche/?q=*")

    assert page.get_by_role("link", name="Déclaration d'accessibilité").first.is_visible()
