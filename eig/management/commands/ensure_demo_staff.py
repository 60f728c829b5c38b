"""Create or update the program staff account of the demo, with a new password each run."""

import secrets
import string

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

DEFAULT_USERNAME = "equipe"
DEFAULT_EMAIL = "equipe@eig.localhost"
# No look-alike characters (0/O, 1/l/I), so that the password can be read off a terminal.
PASSWORD_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")


def generate_password(*, groups: int = 4, group_length: int = 5) -> str:
    return "-".join(
        "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(group_length))
        for _ in range(groups)
    )


def mark_email_verified(*, user, email: str) -> None:
    """Make the address the account's primary, verified one, so that e-mail login accepts it."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user).exclude(email__iexact=email).update(primary=False)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )


def ensure_totp(*, user) -> bool:
    """Give the account a TOTP authenticator if it has none, so that the admin, which asks staff
    for a second factor, opens at once; ``demo_totp_code`` prints its current code. Returns
    whether one was created."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        return False
    TOTP.activate(user, generate_totp_secret())
    return True


class Command(BaseCommand):
    help = (
        "Crée ou met à jour le compte de l'équipe du programme pour la démonstration "
        "(superutilisateur) et lui donne un nouveau mot de passe, affiché à chaque exécution. "
        "Refuse de s'exécuter hors mode debug, sauf avec --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=DEFAULT_USERNAME, help="Identifiant du compte.")
        parser.add_argument("--email", default=DEFAULT_EMAIL, help="Adresse e-mail du compte.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="S'exécuter même quand DJANGO_DEBUG vaut false (production).",
        )

    def handle(self, *args, username: str, email: str, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DJANGO_DEBUG vaut false : ce compte de démonstration n'a pas sa place en "
                "production. Ajoutez --force pour passer outre."
            )
        password = generate_password()
        user_model = get_user_model()
        with transaction.atomic():
            user, created = user_model._default_manager.get_or_create(
                **{user_model.USERNAME_FIELD: username}, defaults={"email": email}
            )
            user.email = email
            user.is_active = True
            user.is_staff = True
            user.is_superuser = True
            user.set_password(password)
            user.save()
            if apps.is_installed("allauth.account"):
                mark_email_verified(user=user, email=email)
            if apps.is_installed("allauth.mfa"):
                ensure_totp(user=user)

        status = "Compte créé." if created else "Compte mis à jour, avec un nouveau mot de passe."
        self.stdout.write(self.style.SUCCESS(status))
        self.stdout.write(f"Adresse e-mail : {email}")
        self.stdout.write(f"Identifiant : {username}")
        self.stdout.write(f"Mot de passe : {password}")
        if apps.is_installed("allauth.mfa"):
            self.stdout.write(
                "Second facteur (TOTP), demandé à l'entrée de l'administration : le code du "
                f"moment s'affiche avec « .venv/bin/python manage.py demo_totp_code --username "
                f"{username} »."
            )
