"""Run every time-based job of the product that is due now (see ``core.schedule``)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from core.schedule import jobs


class Command(BaseCommand):
    help = (
        "Lance toutes les tâches planifiées du produit qui sont dues (relances, purges, "
        "envois programmés). À lancer régulièrement par une seule ligne cron, par exemple "
        "toutes les 15 minutes ; relancer la commande aussitôt n'envoie rien de plus. "
        "Une tâche en échec n'empêche pas les autres de tourner ; la commande sort alors "
        "en erreur."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--only",
            action="append",
            default=[],
            metavar="NOM",
            help="Ne lancer que cette tâche (répétable).",
        )
        parser.add_argument(
            "--list", action="store_true", help="Lister les tâches sans les lancer."
        )

    def handle(self, *args, only: list[str], list: bool, **options):
        registered = jobs()
        if list:
            for item in registered:
                self.stdout.write(f"{item.name} : {item.description}")
            return
        unknown = sorted(set(only) - {item.name for item in registered})
        if unknown:
            raise CommandError(f"Tâche planifiée inconnue : {', '.join(unknown)}.")
        now = timezone.now()
        failed = []
        for item in registered:
            if only and item.name not in only:
                continue
            try:
                with transaction.atomic():
                    count = item.run(now)
            except Exception as error:  # noqa: BLE001 - one failing job must not stop the others
                failed.append(item.name)
                self.stderr.write(f"{item.name} : échec ({error.__class__.__name__} : {error}).")
                continue
            self.stdout.write(f"{item.name} : {count}")
        if failed:
            raise CommandError(f"Tâches en échec : {', '.join(failed)}.")
