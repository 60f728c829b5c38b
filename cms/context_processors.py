"""Template context of every page."""

from django.utils.functional import SimpleLazyObject


def site_config(request) -> dict:
    """django-dsfr's ``SITE_CONFIG`` (its ``DsfrConfig``), read only when a template uses it.

    DSFR's own context processor reads it on every rendering, one or two queries per page,
    although the project's templates never show it.
    """
    from dsfr.context_processors import site_config as dsfr_site_config

    return {"SITE_CONFIG": SimpleLazyObject(lambda: dsfr_site_config(request)["SITE_CONFIG"])}
