"""Import the former public site's data: see projects.importers.site_eig."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from projects.importers.site_eig import SourceError, site_eig_import


class Command(BaseCommand):
    help = (
        "Importe les données de l'ancien site public du programme (dossier site-eig : "
        "promos.yml, defis.yml, personnes.yml, defis/*.md, communaute/*.md). Crée ou met à "
        "jour promotions, administrations, défis, personnes, parcours et équipes ; une seconde "
        "exécution ne change rien. Tout se fait dans une seule transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="Dossier des données site-eig.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Tout faire puis tout annuler, en affichant le même bilan.",
        )

    def handle(self, *args, directory: Path, dry_run: bool, **options):
        if not directory.is_dir():
            raise CommandError(f"Dossier introuvable : {directory}")
        try:
            report = site_eig_import(directory=directory, dry_run=dry_run)
        except SourceError as error:
            raise CommandError(f"Import annulé, rien n'a été enregistré. {error}") from error
        self.stdout.write(f"Import des données du site EIG depuis {directory}")
        for line in report.lines():
            self.stdout.write(line)
