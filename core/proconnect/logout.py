"""Logging out of ProConnect too, when the session began there."""

import logging
import secrets

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialApp
from allauth.utils import build_absolute_uri
from django.utils.http import urlencode
from requests import RequestException

from core.proconnect.views import ID_TOKEN_SESSION_KEY, PROVIDER_ID

logger = logging.getLogger(__name__)


def proconnect_logout_url(request) -> str | None:
    """ProConnect's end-session address for this session, or None if it did not use ProConnect."""
    id_token = request.session.get(ID_TOKEN_SESSION_KEY)
    if not id_token:
        return None
    try:
        provider = get_adapter(request).get_provider(request, PROVIDER_ID)
        end_session = provider.get_oauth2_adapter(request).openid_config["end_session_endpoint"]
    except (SocialApp.DoesNotExist, RequestException, KeyError, ValueError):
        logger.warning("ProConnect logout unavailable; logging out of this site only.")
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "state": secrets.token_urlsafe(32),
            "post_logout_redirect_uri": build_absolute_uri(request, "/"),
        }
    )
    return f"{end_session}?{query}"
