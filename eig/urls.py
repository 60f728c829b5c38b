from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core.account_deletion import account_delete
from core.accounts import LoginView
from projects.api import api

urlpatterns = [
    # Accounts (allauth, with ProConnect): the admin's login goes through the same secure path.
    # Its login answers 429 when password attempts are throttled (core/accounts.py).
    path("comptes/login/", LoginView.as_view(), name="account_login"),
    path("comptes/suppression/", account_delete, name="account_delete"),
    path("comptes/", include("allauth.urls")),
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="admin-login-redirect",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Public pages of the program's data, its downloads and its API.
    path("", include("projects.urls")),
    path("", include("selection.urls")),
    path("", include("alumni.urls")),
    path("api/", api.urls),
    # The team space of fellows and mentors (program life).
    path("equipe/", include("projects.team_urls")),
    # The public site outside Wagtail's pages: search, site map, news feed, sitemap.xml.
    path("", include("cms.urls")),
]

# A database that cannot be reached answers 503 with a French page, not 500 (core/errors.py).
handler500 = "core.errors.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving comes last: it answers every path not matched above.
urlpatterns += [path("", include(wagtail_urls))]
