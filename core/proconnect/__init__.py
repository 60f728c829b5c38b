"""ProConnect, the State's OpenID Connect login for public agents, as an allauth provider.

Offered only when PROCONNECT_CLIENT_ID, PROCONNECT_CLIENT_SECRET and PROCONNECT_SERVER_URL are
set. Beyond allauth's generic OpenID Connect provider, ProConnect needs: a `nonce` and a `state`
of 32 characters or more, the nonce checked in the ID token, `acr_values=eidas1`, a userinfo
answer that is a JWT signed with the identity provider's keys (JWKS), the family name in
`usual_name`, and a logout at the identity provider with `id_token_hint`.
"""
