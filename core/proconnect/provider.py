import secrets

from allauth.account.models import EmailAddress
from allauth.socialaccount.providers.openid_connect.provider import (
    OpenIDConnectProvider,
    OpenIDConnectProviderAccount,
)
from django.urls import reverse
from django.utils.http import urlencode

from core.proconnect.views import PROVIDER_ID, ProConnectOAuth2Adapter


class ProConnectAccount(OpenIDConnectProviderAccount):
    def to_str(self):
        data = self.get_user_data() or {}
        return data.get("email") or super().to_str()


class ProConnectProvider(OpenIDConnectProvider):
    id = PROVIDER_ID
    name = "ProConnect"
    account_class = ProConnectAccount
    oauth2_adapter_class = ProConnectOAuth2Adapter

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.name = "ProConnect"

    def get_login_url(self, request, **kwargs):
        url = reverse("proconnect_login")
        return f"{url}?{urlencode(kwargs)}" if kwargs else url

    def get_callback_url(self):
        return reverse("proconnect_callback")

    def get_oauth2_adapter(self, request):
        return self.oauth2_adapter_class(request)

    def get_default_scope(self):
        return ["openid", "email", "given_name", "usual_name", "uid", "siret", "idp_id"]

    def get_auth_params(self):
        return {"acr_values": "eidas1", **super().get_auth_params()}

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        # The nonce travels to ProConnect and is kept in the login's state, to be found again in
        # the ID token.
        nonce = secrets.token_urlsafe(32)
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        auth_params["nonce"] = nonce
        return super().redirect(
            request, process, next_url, data, auth_params=auth_params, nonce=nonce, **kwargs
        )

    def extract_uid(self, data):
        return str(data["userinfo"]["sub"])

    def extract_common_fields(self, data):
        userinfo = data["userinfo"]
        return {
            "email": userinfo.get("email"),
            "first_name": userinfo.get("given_name") or "",
            "last_name": userinfo.get("usual_name") or "",
        }

    def extract_email_addresses(self, data):
        email = data["userinfo"].get("email")
        # ProConnect's identity providers are the agents' administrations: they vouch for it.
        return [EmailAddress(email=email, verified=True, primary=True)] if email else []


provider_classes = [ProConnectProvider]
