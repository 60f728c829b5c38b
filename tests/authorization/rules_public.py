"""Rules of the public site: the program's public pages, their downloads and the API,
documents and media, and Wagtail's page serving (its catch-all last)."""

from django.urls import reverse

from tests.authorization.matrix import Rule
from tests.authorization.roles import EVERYONE_NOT_FOUND, EVERYONE_SERVED
from tests.authorization.world import media_sample_url

PUBLIC_RULES: list[Rule] = [
    # Public pages of the program's data, their downloads and the API (projects/, cohorts/).
    Rule(
        route="recherche/",
        why="Public site search.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("cms:search"), "/recherche/?q=donn%C3%A9es"],
    ),
    Rule(
        route="plan-du-site/",
        why="Public site map.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("cms:site-map")],
    ),
    Rule(
        route="actualites/rss/",
        why="Public RSS feed of the news.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("cms:news-feed")],
    ),
    Rule(
        route="sitemap.xml",
        why="Public sitemap index.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("cms:sitemap")],
    ),
    Rule(
        route="sitemap-<section>.xml",
        why="Public sitemap section.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("cms:sitemap-section", kwargs={"section": "defis"})],
    ),
    Rule(
        route="defis/",
        why="Public list of the published challenges.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("projects:challenge-list"), "/defis/?q=sant%C3%A9"],
    ),
    Rule(
        route="defis/<slug:cohort_slug>/<slug:slug>/",
        why="Public page of a published challenge.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [
            reverse(
                "projects:challenge-detail",
                kwargs={"cohort_slug": world.challenge.cohort.slug, "slug": world.challenge.slug},
            )
        ],
    ),
    Rule(
        route="chiffres-cles/",
        why="Public key figures.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("projects:key-figures")],
    ),
    Rule(
        route="donnees/",
        why="Public open data page.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("projects:open-data")],
    ),
    Rule(
        route=r"^donnees/(?P<kind>defis|promotions|administrations)\.(?P<format>csv|json)$",
        why="Open data downloads.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [
            reverse("projects:export", kwargs={"kind": kind, "format": fmt})
            for kind in ("defis", "promotions", "administrations")
            for fmt in ("csv", "json")
        ],
    ),
    Rule(
        route="evenements.ics",
        why="The public events of the program, as a calendar feed.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("projects:public-calendar")],
    ),
    Rule(
        route="promotions/",
        why="Public list of the promotions.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("projects:cohort-list")],
    ),
    Rule(
        route="promotions/<slug:slug>/",
        why="Public page of a promotion.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [
            reverse("projects:cohort-detail", kwargs={"slug": world.challenge.cohort.slug})
        ],
    ),
    Rule(
        route="communaute/<slug:slug>/",
        why="Public page of a person who consented (404 otherwise, tests/cohorts/).",
        answers=EVERYONE_SERVED,
        samples=lambda world: [
            reverse("projects:person-detail", kwargs={"slug": world.person.slug})
        ],
    ),
    Rule(
        route="api/",
        why="The API's root answers nothing: django-ninja reverses it to build "
        "the addresses of its endpoints (the documentation is at api/docs).",
        answers=EVERYONE_NOT_FOUND,
        samples=lambda world: ["/api/"],
    ),
    Rule(
        prefix="api/",
        why="Read-only public API and its OpenAPI description.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [
            "/api/openapi.json",
            "/api/docs",
            "/api/promotions",
            "/api/defis",
            "/api/administrations",
            "/api/personnes",
            f"/api/defis/{world.challenge.cohort.slug}/{world.challenge.slug}",
        ],
    ),
    # Documents and media.
    Rule(
        route=r"documents/(\d+)/(.*)$",
        why="A public document (no view restriction).",
        answers=EVERYONE_SERVED,
        samples=lambda world: [world.document.url],
    ),
    Rule(
        route="documents/authenticate_with_password/<int:restriction_id>/",
        why="Password form of a restricted document collection.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [
            reverse(
                "wagtaildocs_authenticate_with_password", args=[world.collection_restriction.pk]
            )
        ],
    ),
    Rule(
        route="^media/(?P<path>.*)$",
        why="Uploaded files, served by Django in DEBUG only.",
        answers=EVERYONE_SERVED,
        only_when="settings.DEBUG",
        samples=lambda world: [media_sample_url()],
    ),
    # Wagtail's page serving.
    Rule(
        route="_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        why="Password form of a restricted page.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [
            reverse(
                "wagtailcore_authenticate_with_password",
                args=[world.page_restriction.pk, world.restricted_page.pk],
            )
        ],
    ),
    Rule(
        route="_util/login/",
        why="Login form of pages restricted to logged-in users.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [reverse("wagtailcore_login")],
    ),
    Rule(
        route=r"^((?:[\w\-]+/)*)$",
        why="Wagtail's page serving (catch-all): public pages.",
        answers=EVERYONE_SERVED,
        samples=lambda world: [world.home_page.url],
    ),
]
