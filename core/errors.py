"""Error pages. A database that cannot be reached answers 503 "service unavailable", with a
``Retry-After`` header and a French page that reads nothing from the database, instead of 500.

Django turns any exception of a view or a middleware into the response of ``handler500``
(``eig/urls.py``), called while the exception is being handled: ``server_error`` looks at it
there. Only connection-level errors (``OperationalError``, ``InterfaceError``: server down,
connection refused or lost, lock or statement timeout) mean "try again later"; an
``IntegrityError`` or a bug stays a 500.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as django_server_error

RETRY_AFTER_SECONDS = 120
UNAVAILABLE_TEMPLATE = "503.html"


def database_unreachable(error: BaseException | None) -> bool:
    """Whether ``error``, or an error it was raised from, is a connection-level database error."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, (OperationalError, InterfaceError)):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def service_unavailable_response() -> HttpResponse:
    """The 503 page: a template rendered without a request, so no context processor, session
    or Wagtail site lookup runs; static files and fixed text only."""
    response = HttpResponse(
        loader.get_template(UNAVAILABLE_TEMPLATE).render(),
        status=503,
        content_type="text/html; charset=utf-8",
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def server_error(request, template_name: str = "500.html") -> HttpResponse:
    if database_unreachable(sys.exc_info()[1]):
        try:
            return service_unavailable_response()
        except Exception:
            return HttpResponseServerError()
    return django_server_error(request, template_name=template_name)
