"""Remind the quiet teams of the running cohorts to write a progress report."""

from django.core.management.base import BaseCommand, CommandError

from projects.progress_selectors import QUIET_AFTER_DAYS
from projects.progress_services import quiet_teams_remind


class Command(BaseCommand):
    help = (
        "Relance par e-mail les EIG et mentors de chaque équipe d'une promotion en cours qui "
        "n'a écrit aucun point d'avancement depuis --days jours (ou jamais), au plus une fois "
        "par période de --days jours : relancer deux fois de suite ne renvoie rien."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=QUIET_AFTER_DAYS,
            help=f"Jours sans point avant de relancer ({QUIET_AFTER_DAYS} par défaut).",
        )

    def handle(self, *args, days: int, **options):
        if days < 1:
            raise CommandError("--days doit valoir au moins 1.")
        reminded = quiet_teams_remind(days=days)
        self.stdout.write(f"{reminded} équipe(s) relancée(s).")
