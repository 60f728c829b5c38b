import secrets

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def generate_state_param(self, state: dict) -> str:
        # ProConnect wants a state of 32 characters or more: 43 here.
        return secrets.token_urlsafe(32)
