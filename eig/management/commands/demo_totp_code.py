"""Print the current TOTP code of a demo account, so that the demo's admin can be entered
without an authenticator application."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from eig.management.commands.ensure_demo_staff import DEFAULT_USERNAME


class Command(BaseCommand):
    help = (
        "Affiche le code TOTP du moment d'un compte de démonstration (second facteur de "
        "l'administration). Refuse de s'exécuter hors mode debug."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=DEFAULT_USERNAME, help="Identifiant du compte.")

    def handle(self, *args, username: str, **options):
        from allauth.mfa.models import Authenticator
        from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
        from allauth.mfa.totp.internal.auth import yield_hotp_counters_from_time as counters
        from allauth.mfa.utils import decrypt

        if not settings.DEBUG:
            raise CommandError(
                "DJANGO_DEBUG vaut false : les codes du second facteur ne s'affichent pas en "
                "production."
            )
        user_model = get_user_model()
        user = user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).first()
        authenticator = (
            Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
            if user is not None
            else None
        )
        if authenticator is None:
            raise CommandError(
                f"Le compte « {username} » n'a pas de second facteur TOTP : lancez d'abord "
                "« manage.py ensure_demo_staff »."
            )
        secret = decrypt(authenticator.data["secret"])
        # The middle counter of allauth's tolerance window is the current period.
        periods = list(counters())
        self.stdout.write(format_hotp_value(hotp_value(secret, periods[len(periods) // 2])))
