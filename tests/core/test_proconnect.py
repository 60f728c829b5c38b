"""ProConnect login, driven end to end against a local OpenID Connect identity provider.

The identity provider runs in a thread on 127.0.0.1 and speaks real HTTP: discovery, JWKS, token
and userinfo (a signed JWT, as ProConnect answers), end of session.
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.urls import reverse

from core.proconnect.views import ID_TOKEN_SESSION_KEY

CLIENT_ID = "eig-test"
CLIENT_SECRET = "secret-de-test"  # noqa: S105
KEY_ID = "cle-de-test"


def new_rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class LocalIdentityProvider:
    """A tiny ProConnect stand-in. `authorize()` plays the agent who logs in at the provider."""

    def __init__(self):
        self.key = new_rsa_key()
        self.userinfo_key = self.key  # replaced by another key to forge a signature
        self.codes: dict[str, dict] = {}
        self.agent = {
            "sub": "agent-4242",
            "email": "camille.martin@finances.gouv.fr",
            "given_name": "Camille",
            "usual_name": "Martin",
            "uid": "4242",
            "siret": "11000201100044",
            "idp_id": "fia1v2",
        }
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()

    def authorize(self, *, code: str, nonce: str) -> None:
        self.codes[code] = {"nonce": nonce, "access_token": f"jeton-{code}"}

    def sign(self, claims: dict, key) -> str:
        now = int(time.time())
        payload = {"iss": self.url, "aud": CLIENT_ID, "iat": now, "exp": now + 60, **claims}
        return jwt.encode(payload, key, algorithm="RS256", headers={"kid": KEY_ID})

    def discovery(self) -> dict:
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
            "end_session_endpoint": f"{self.url}/session/end",
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "userinfo_signing_alg_values_supported": ["RS256"],
        }

    def jwks(self) -> dict:
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**public, "kid": KEY_ID, "alg": "RS256", "use": "sig"}]}

    def _handler_class(self):
        idp = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format, *args):
                pass

            def _send(self, status: int, body: str, content_type="application/json"):
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                path = urlsplit(self.path).path
                if path == "/.well-known/openid-configuration":
                    self._send(200, json.dumps(idp.discovery()))
                elif path == "/jwks":
                    self._send(200, json.dumps(idp.jwks()))
                elif path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    if token not in {grant["access_token"] for grant in idp.codes.values()}:
                        self._send(401, "{}")
                        return
                    body = idp.sign(idp.agent, idp.userinfo_key)
                    self._send(200, body, content_type="application/jwt; charset=utf-8")
                else:
                    self._send(404, "{}")

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                grant = idp.codes.get(form.get("code", ""))
                if (
                    urlsplit(self.path).path != "/token"
                    or grant is None
                    or form.get("client_id") != CLIENT_ID
                    or form.get("client_secret") != CLIENT_SECRET
                ):
                    self._send(400, json.dumps({"error": "invalid_grant"}))
                    return
                id_token = idp.sign(
                    {"sub": idp.agent["sub"], "nonce": grant["nonce"], "acr": "eidas1"}, idp.key
                )
                self._send(
                    200,
                    json.dumps(
                        {
                            "access_token": grant["access_token"],
                            "token_type": "Bearer",
                            "expires_in": 60,
                            "id_token": id_token,
                        }
                    ),
                )

        return Handler


@pytest.fixture
def idp():
    provider = LocalIdentityProvider()
    provider.start()
    yield provider
    provider.stop()


@pytest.fixture
def proconnect(settings, idp):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "proconnect": {
            "APPS": [
                {
                    "client_id": CLIENT_ID,
                    "secret": CLIENT_SECRET,
                    "settings": {"server_url": idp.url},
                }
            ],
            "EMAIL_AUTHENTICATION": True,
        }
    }
    return idp


def start_login(client, idp) -> dict[str, str]:
    """Clicks « S'identifier avec ProConnect »: the answer is a redirect to the provider."""
    response = client.post(reverse("proconnect_login"))
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(f"{idp.url}/authorize?")
    return {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}


def come_back(client, *, code: str, state: str):
    query = urlencode({"code": code, "state": state})
    return client.get(f"{reverse('proconnect_callback')}?{query}")


@pytest.mark.django_db
def test_login_page_offers_proconnect_when_it_is_configured(client, proconnect):
    response = client.get(reverse("account_login"))

    assert response.status_code == 200
    assert "S’identifier avec" in response.content.decode()
    assert reverse("proconnect_login") in response.content.decode()


@pytest.mark.django_db
def test_login_page_does_not_offer_proconnect_without_its_settings(client):
    response = client.get(reverse("account_login"))

    assert response.status_code == 200
    assert reverse("proconnect_login") not in response.content.decode()


@pytest.mark.django_db
def test_proconnect_login_sends_state_nonce_and_eidas1_to_the_provider(client, proconnect):
    params = start_login(client, proconnect)

    assert len(params["state"]) >= 32
    assert len(params["nonce"]) >= 32
    assert params["acr_values"] == "eidas1"
    assert params["client_id"] == CLIENT_ID
    assert params["response_type"] == "code"
    assert params["redirect_uri"] == "http://testserver" + reverse("proconnect_callback")
    assert {"openid", "email", "given_name", "usual_name"} <= set(params["scope"].split())


@pytest.mark.django_db
def test_agent_logging_in_with_proconnect_gets_an_account_with_names_and_email(client, proconnect):
    params = start_login(client, proconnect)
    proconnect.authorize(code="code-1", nonce=params["nonce"])

    response = come_back(client, code="code-1", state=params["state"])

    assert response.status_code == 302
    assert response["Location"] == "/"
    user = get_user_model().objects.get(email="camille.martin@finances.gouv.fr")
    assert (user.first_name, user.last_name) == ("Camille", "Martin")
    assert user.emailaddress_set.get().verified
    assert client.session["_auth_user_id"] == str(user.pk)
    assert user.socialaccount_set.get().uid == "agent-4242"


@pytest.mark.django_db
def test_logout_after_proconnect_login_ends_the_session_at_proconnect(client, proconnect):
    params = start_login(client, proconnect)
    proconnect.authorize(code="code-1", nonce=params["nonce"])
    come_back(client, code="code-1", state=params["state"])
    id_token = client.session[ID_TOKEN_SESSION_KEY]

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == (
        f"{proconnect.url}/session/end"
    )
    query = {key: values[0] for key, values in parse_qs(location.query).items()}
    assert query["id_token_hint"] == id_token
    assert query["post_logout_redirect_uri"] == "http://testserver/"
    assert len(query["state"]) >= 32
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_userinfo_with_a_forged_signature_is_refused_with_a_french_error_page(client, proconnect):
    proconnect.userinfo_key = new_rsa_key()  # same key id, another key: the signature fails
    params = start_login(client, proconnect)
    proconnect.authorize(code="code-1", nonce=params["nonce"])

    response = come_back(client, code="code-1", state=params["state"])

    assert response.status_code == 401
    page = response.content.decode()
    assert "Échec de la connexion avec ProConnect" in page
    assert "La signature des informations transmises par ProConnect est invalide." in page
    assert not get_user_model().objects.filter(email="camille.martin@finances.gouv.fr").exists()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_id_token_with_another_nonce_is_refused(client, proconnect):
    params = start_login(client, proconnect)
    proconnect.authorize(code="code-1", nonce="n" * 43)  # not the nonce of this login

    response = come_back(client, code="code-1", state=params["state"])

    assert response.status_code == 401
    assert "nonce invalide" in response.content.decode()
    assert not get_user_model().objects.filter(email="camille.martin@finances.gouv.fr").exists()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_callback_with_an_unknown_state_is_refused(client, proconnect):
    params = start_login(client, proconnect)
    proconnect.authorize(code="code-1", nonce=params["nonce"])

    response = come_back(client, code="code-1", state="x" * 43)

    assert response.status_code == 401
    assert "_auth_user_id" not in client.session
