"""Generate synthetic demonstration data: see projects.importers.demo_data."""

from django.core.management.base import BaseCommand, CommandError

from projects.importers.demo_data import DemoDataExists, demo_data_generate


class Command(BaseCommand):
    help = (
        "Crée des données synthétiques de démonstration : promotions, administrations, défis, "
        "personnes, parcours, équipes et chiffres clés, N fois la taille des données réelles. "
        "Toutes portent « synthétique » dans leur nom. Le même --scale et la même --seed "
        "donnent toujours les mêmes données. Si des données synthétiques existent déjà, la "
        "commande refuse sans rien changer, sauf avec --replace qui les remplace ; les données "
        "réelles ne sont jamais touchées."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Multiple de la taille des données réelles (1 par défaut).",
        )
        parser.add_argument(
            "--seed", type=int, default=2017, help="Graine du tirage aléatoire (2017 par défaut)."
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Supprimer les données synthétiques existantes et les recréer.",
        )

    def handle(self, *args, scale: int, seed: int, replace: bool, **options):
        if scale < 1:
            raise CommandError("--scale doit valoir au moins 1.")
        try:
            counts = demo_data_generate(scale=scale, seed=seed, replace=replace)
        except DemoDataExists:
            raise CommandError(
                "Des données synthétiques existent déjà : rien n'a été modifié. Relancez avec "
                "--replace pour les remplacer."
            ) from None
        self.stdout.write(f"Données synthétiques créées (échelle {scale}, graine {seed}) :")
        for label, value in (
            ("promotions", counts.cohorts),
            ("administrations", counts.administrations),
            ("défis", counts.challenges),
            ("personnes", counts.people),
            ("parcours d'EIG", counts.fellowships),
            ("membres d'équipe", counts.memberships),
            ("chiffres clés", counts.key_figures),
        ):
            self.stdout.write(f"  {label} : {value}")
