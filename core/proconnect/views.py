from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from allauth.utils import build_absolute_uri
from django.http import Http404
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

PROVIDER_ID = "proconnect"
ID_TOKEN_SESSION_KEY = "proconnect_id_token"  # noqa: S105 (a session key)


class ProConnectError(OAuth2Error):
    """A refused ProConnect answer, with the reason shown to the user."""

    def __init__(self, user_message):
        super().__init__(str(user_message))
        self.user_message = user_message


class ProConnectOAuth2Adapter(OpenIDConnectOAuth2Adapter):
    expected_nonce: str | None = None

    def __init__(self, request) -> None:
        super().__init__(request, PROVIDER_ID)

    def get_callback_url(self, request, app):
        return build_absolute_uri(
            request, reverse("proconnect_callback"), self.redirect_uri_protocol
        )

    def _verify_jwt(self, credential: str, app) -> dict:
        return jwtkit.verify_and_decode(
            credential=credential,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
        )

    def complete_login(self, request, app, token, **kwargs):
        id_token_jwt = kwargs["response"].get("id_token")
        if not id_token_jwt:
            raise ProConnectError(_("ProConnect n'a pas transmis de jeton d'identité."))
        try:
            id_token = self._verify_jwt(id_token_jwt, app)
        except OAuth2Error as error:
            raise ProConnectError(_("Le jeton d'identité de ProConnect est invalide.")) from error
        if not self.expected_nonce or not constant_time_compare(
            str(id_token.get("nonce", "")), self.expected_nonce
        ):
            raise ProConnectError(
                _("La réponse de ProConnect ne correspond pas à cette connexion (nonce invalide).")
            )
        userinfo = self._fetch_user_info(token.token, app)
        if userinfo.get("sub") != id_token.get("sub"):
            raise ProConnectError(_("Les informations de ProConnect ne concernent pas cet agent."))
        request.session[ID_TOKEN_SESSION_KEY] = id_token_jwt
        return self.get_provider().sociallogin_from_response(
            request, {"userinfo": userinfo, "id_token": id_token}
        )

    def _fetch_user_info(self, access_token: str, app=None) -> dict:
        # ProConnect answers with a JWT signed by its keys (application/jwt), not with JSON.
        headers = {"Authorization": f"Bearer {access_token}", "Accept": "application/jwt"}
        with get_adapter().get_requests_session() as session:
            response = session.get(self.profile_url, headers=headers)
            response.raise_for_status()
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip()
        if content_type != "application/jwt":
            raise ProConnectError(_("ProConnect a transmis des informations non signées."))
        try:
            return self._verify_jwt(response.text.strip(), app or self.get_provider().app)
        except OAuth2Error as error:
            raise ProConnectError(
                _("La signature des informations transmises par ProConnect est invalide.")
            ) from error


class ProConnectCallbackView(OAuth2CallbackView):
    def _get_state(self, request, provider):
        state, response = super()._get_state(request, provider)
        if state is not None:
            self.adapter.expected_nonce = state.get("nonce")
        return state, response


@login_not_required
def login(request):
    try:
        return OAuth2LoginView.adapter_view(ProConnectOAuth2Adapter(request))(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None


@login_not_required
def callback(request):
    try:
        return ProConnectCallbackView.adapter_view(ProConnectOAuth2Adapter(request))(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None
