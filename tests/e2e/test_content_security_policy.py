"""The Content-Security-Policy in a real browser: Chromium reports no violation on the public
pages, the API documentation, a space and the admin (under its own, relaxed policy); and it does
report one when a page breaks the policy, so that silence means something."""

import pytest
from django.test import Client

from tests.factories import ChallengeFactory, CohortFactory, UserFactory
from tests.program_life_factories import team_member

# Registered before any script of the page runs: every violation the browser reports.
LISTEN = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline"}`
    + ` (${event.sourceFile || ""}:${event.lineNumber})`
  );
});
"""


@pytest.fixture
def challenge(public_site):
    cohort = CohortFactory(name="EIG 9", slug="eig-9", number=9, year=2026)
    return ChallengeFactory(cohort=cohort, title="Signaux faibles", slug="signaux-faibles")


def listening_tab(browser, live_server, user=None):
    """A tab that records the policy's violations, logged in as ``user`` if given; returns
    the tab and the console messages that speak of the policy."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    if user is not None:
        client = Client()
        client.force_login(user)
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
    context.add_init_script(LISTEN)
    tab = context.new_page()
    console = []
    tab.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return tab, console


def violations_on(tab, console, url: str) -> list[str]:
    response = tab.goto(url, wait_until="networkidle")
    assert response.status == 200, url
    assert response.headers.get("content-security-policy"), url
    return tab.evaluate("() => window.cspViolations") + console


def test_public_pages_and_the_api_documentation_break_no_rule(browser, live_server, challenge):
    tab, console = listening_tab(browser, live_server)
    urls = [
        "/",
        f"/defis/{challenge.cohort.slug}/{challenge.slug}/",
        "/defis/",
        "/comptes/login/",
        "/api/docs",
    ]

    found = {url: violations_on(tab, console, live_server.url + url) for url in urls}

    assert found == {url: [] for url in urls}
    # The design system's scripts ran.
    tab.goto(live_server.url + "/")
    assert tab.evaluate("() => document.documentElement.hasAttribute('data-fr-js')")
    # Swagger UI drew the API, and opening an operation breaks no rule either.
    tab.goto(live_server.url + "/api/docs")
    tab.locator(".opblock-summary").first.click()
    tab.locator(".opblock-body").first.wait_for()
    assert tab.evaluate("() => window.cspViolations") + console == []
    tab.context.close()


def test_a_space_page_breaks_no_rule(browser, live_server, challenge):
    fellow = team_member(challenge=challenge, username="alice", full_name="Alice Martin")
    tab, console = listening_tab(browser, live_server, fellow)

    found = violations_on(tab, console, live_server.url + "/equipe/")

    assert tab.get_by_role("heading", level=1).inner_text() == "Espace équipe"
    assert found == []
    tab.context.close()


def test_admin_pages_break_no_rule_of_their_policy(browser, live_server, public_site):
    staff = UserFactory(username="equipe-csp", staff=True)
    tab, console = listening_tab(browser, live_server, staff)
    urls = ["/admin/", f"/admin/pages/{public_site.pk}/edit/", "/admin/snippets/"]

    found = {url: violations_on(tab, console, live_server.url + url) for url in urls}

    assert found == {url: [] for url in urls}
    # Wagtail's scripts ran: the page editor is drawn.
    tab.goto(live_server.url + f"/admin/pages/{public_site.pk}/edit/")
    assert tab.locator("form[data-edit-form]").count() == 1
    tab.context.close()


def test_an_inline_script_without_the_nonce_is_refused_and_reported(browser, live_server):
    tab, console = listening_tab(browser, live_server)
    tab.goto(live_server.url + "/", wait_until="networkidle")

    tab.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.injected = true;";
          document.body.append(script);
        }"""
    )
    tab.wait_for_function("() => window.cspViolations.length > 0")

    assert tab.evaluate("() => window.injected === undefined")
    reported = tab.evaluate("() => window.cspViolations")
    assert reported[0].startswith("script-src-elem refused inline")
    tab.context.close()
