"""Delete the rejected applications whose retention period is over (RGPD)."""

from django.core.management.base import BaseCommand

from selection.services import application_purge_expired


class Command(BaseCommand):
    help = (
        "Supprime les candidatures non retenues dont la durée de conservation est écoulée "
        "(trois mois après la décision, deux ans avec le consentement du candidat), avec leur "
        "CV, leurs évaluations, leurs entretiens et leur historique. À lancer chaque jour ; "
        "relancer la commande ne supprime rien de plus."
    )

    def handle(self, *args, **options):
        count = application_purge_expired()
        self.stdout.write(f"Candidatures supprimées : {count}.")
