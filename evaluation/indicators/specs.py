"""What each indicator is, whatever the data (``SPECS``), the families they are shown in and
what is said when a source is not given."""

from django.utils.translation import gettext_lazy

from evaluation.indicators.results import IndicatorSpec

FAMILIES = {
    "challenges": gettext_lazy("Défis proposés et retenus"),
    "structures": gettext_lazy("Structures et services d'accueil"),
    "fellows": gettext_lazy("Entrepreneurs et designers d'intérêt général"),
    "applications": gettext_lazy("Candidatures"),
    "events": gettext_lazy("Événements et présence"),
    "surveys": gettext_lazy("Enquêtes de suivi"),
    "alumni": gettext_lazy("Devenir des alumni"),
    "outcomes": gettext_lazy("Pérennisation des défis"),
    "key_figures": gettext_lazy("Chiffres clés des défis"),
    "objectives": gettext_lazy("Objectifs des défis"),
}


# --- Definitions -----------------------------------------------------------------------------

SPECS: dict[str, IndicatorSpec] = {
    spec.key: spec
    for spec in [
        IndicatorSpec(
            key="challenges_proposed",
            family="challenges",
            title=gettext_lazy("Défis proposés"),
            definition=gettext_lazy(
                "Nombre de propositions de défis déposées par les administrations "
                "lors des appels à défis, retenues ou non (brouillons exclus) : les "
                "propositions enregistrées par l'appel à défis, plus les défis enregistrés "
                "sans proposition (promotions antérieures à l'appel en ligne)."
            ),
            population_label=gettext_lazy("propositions"),
        ),
        IndicatorSpec(
            key="challenges_selected",
            family="challenges",
            title=gettext_lazy("Défis retenus"),
            definition=gettext_lazy(
                "Nombre de défis retenus par le jury (retenus, en cours ou terminés)."
            ),
            population_label=gettext_lazy("propositions"),
        ),
        IndicatorSpec(
            key="challenges_selection_rate",
            family="challenges",
            title=gettext_lazy("Taux de sélection des défis"),
            definition=gettext_lazy(
                "Part des défis proposés qui ont été retenus, sur les promotions dont "
                "toutes les propositions sont enregistrées."
            ),
            population_label=gettext_lazy("propositions"),
            unit="%",
        ),
        IndicatorSpec(
            key="challenges_cofunding_declared",
            family="challenges",
            title=gettext_lazy("Défis retenus avec un cofinancement déclaré"),
            definition=gettext_lazy(
                "Part des propositions retenues à l'appel à défis qui déclarent un "
                "cofinancement par l'administration (champ « Cofinancement » rempli, en "
                "texte libre : origine et conditions). Les montants sont chiffrés par "
                "l'indicateur « Répartition du financement des défis retenus »."
            ),
            population_label=gettext_lazy("propositions retenues"),
            unit="%",
        ),
        IndicatorSpec(
            key="challenges_funding_split",
            family="challenges",
            title=gettext_lazy("Répartition du financement des défis retenus"),
            definition=gettext_lazy(
                "Part du programme dans le financement des défis retenus à l'appel à défis : "
                "somme des montants demandés au programme, divisée par la somme des montants "
                "demandés au programme et des montants financés par les administrations, sur "
                "les propositions retenues dont les deux montants sont renseignés. La part des "
                "administrations est le complément à 100 %."
            ),
            population_label=gettext_lazy("propositions retenues avec les deux montants"),
            unit="%",
        ),
        IndicatorSpec(
            key="host_structures_top",
            family="structures",
            title=gettext_lazy("Structures d'accueil de premier niveau"),
            definition=gettext_lazy(
                "Nombre de structures de premier niveau (ministère, ou structure sans "
                "rattachement) dont relève au moins un défi retenu : chaque "
                "administration d'accueil est remontée à la tête de sa hiérarchie "
                "(ministère → direction → service)."
            ),
            population_label=gettext_lazy("structures et services d'accueil"),
        ),
        IndicatorSpec(
            key="host_structures_all",
            family="structures",
            title=gettext_lazy("Structures et services d'accueil"),
            definition=gettext_lazy(
                "Nombre de structures et services, à tout niveau de la hiérarchie, "
                "désignés comme administration d'accueil d'au moins un défi retenu."
            ),
            population_label=gettext_lazy("défis retenus"),
        ),
        IndicatorSpec(
            key="fellows_per_cohort",
            family="fellows",
            title=gettext_lazy("EIG par promotion"),
            definition=gettext_lazy(
                "Nombre de parcours d'EIG : une personne compte une fois par "
                "promotion qu'elle a suivie."
            ),
            population_label=gettext_lazy("parcours d'EIG"),
        ),
        IndicatorSpec(
            key="fellows_per_profile",
            family="fellows",
            title=gettext_lazy("EIG par profil"),
            definition=gettext_lazy(
                "Répartition des parcours d'EIG par profil (développement, science "
                "des données, design…)."
            ),
            population_label=gettext_lazy("parcours d'EIG"),
        ),
        IndicatorSpec(
            key="applications_per_post",
            family="applications",
            title=gettext_lazy("Candidatures par poste ouvert"),
            definition=gettext_lazy(
                "Nombre de candidatures reçues à l'appel à candidatures, rapporté au "
                "nombre de postes ouverts (somme des postes des défis retenus)."
            ),
            population_label=gettext_lazy("candidatures"),
        ),
        IndicatorSpec(
            key="applications_count",
            family="applications",
            title=gettext_lazy("Candidatures déposées"),
            definition=gettext_lazy(
                "Nombre de candidatures déposées à l'appel à candidatures (brouillons et "
                "candidatures retirées exclus), par promotion et par profil."
            ),
            population_label=gettext_lazy("candidatures"),
        ),
        IndicatorSpec(
            key="applicants_women_share",
            family="applications",
            title=gettext_lazy("Part des femmes parmi les candidatures"),
            definition=gettext_lazy(
                "Part des femmes parmi les candidatures déposées dont le genre est renseigné "
                "dans les statistiques d'égalité, facultatives et tenues à part des dossiers ; "
                "puis la répartition des genres déclarés."
            ),
            population_label=gettext_lazy("candidatures au genre renseigné"),
            unit="%",
        ),
        IndicatorSpec(
            key="applicants_under_35_share",
            family="applications",
            title=gettext_lazy("Part des candidatures de moins de 35 ans"),
            definition=gettext_lazy(
                "Part des moins de 35 ans parmi les candidatures déposées dont la tranche "
                "d'âge est renseignée dans les statistiques d'égalité (facultatives) ; puis "
                "la répartition par tranche d'âge. Seule la tranche d'âge est recueillie : "
                "l'âge moyen ne peut pas être calculé."
            ),
            population_label=gettext_lazy("candidatures à la tranche d'âge renseignée"),
            unit="%",
        ),
        IndicatorSpec(
            key="events_count",
            family="events",
            title=gettext_lazy("Événements organisés"),
            definition=gettext_lazy(
                "Nombre d'événements du programme (bootcamp, séminaires, sessions "
                "d'accompagnement, demo day) organisés pour la promotion."
            ),
            population_label=gettext_lazy("événements"),
        ),
        IndicatorSpec(
            key="events_attendance_rate",
            family="events",
            title=gettext_lazy("Taux de présence aux événements"),
            definition=gettext_lazy(
                "Part des présences constatées parmi les présences enregistrées aux "
                "événements du programme (présent, absent ou excusé ; une personne "
                "excusée compte comme absente)."
            ),
            population_label=gettext_lazy("présences enregistrées"),
            unit="%",
        ),
        IndicatorSpec(
            key="surveys_response_rate",
            family="surveys",
            title=gettext_lazy("Taux de réponse aux enquêtes"),
            definition=gettext_lazy(
                "Part des personnes invitées à une enquête de suivi (fin de programme, "
                "un an, deux ans) qui y ont répondu."
            ),
            population_label=gettext_lazy("invitations"),
            unit="%",
        ),
        IndicatorSpec(
            key="surveys_average_score",
            family="surveys",
            title=gettext_lazy("Note moyenne de satisfaction"),
            definition=gettext_lazy(
                "Note moyenne donnée dans les réponses aux enquêtes de suivi, sur 10, "
                "toutes questions notées confondues (les notes de 1 à 5 sont ramenées sur "
                "10 en les doublant) ; puis la moyenne de chaque question, sur 10, et la "
                "répartition des notes sur chaque échelle. Les réponses ne sont reliées à "
                "personne."
            ),
            population_label=gettext_lazy("réponses notées"),
            unit="/10",
        ),
        IndicatorSpec(
            key="alumni_public_sector_one_year",
            family="alumni",
            title=gettext_lazy("Alumni dans le secteur public un an après"),
            definition=gettext_lazy(
                "Part des EIG qui occupent un poste dans le secteur public un an après la "
                "fin de leur promotion, parmi ceux dont un poste est connu à cette date "
                "(postes en cours à la date de fin de promotion + 1 an)."
            ),
            population_label=gettext_lazy("parcours au poste connu à un an"),
            unit="%",
        ),
        IndicatorSpec(
            key="challenges_continued_share",
            family="outcomes",
            title=gettext_lazy("Défis poursuivis après le programme"),
            definition=gettext_lazy(
                "Part des défis terminés dont le produit a été poursuivi par "
                "l'administration, prolongé ou essaimé ailleurs, parmi les défis terminés "
                "dont le devenir est renseigné."
            ),
            population_label=gettext_lazy("défis terminés au devenir connu"),
            unit="%",
        ),
        IndicatorSpec(
            key="key_figures_count",
            family="key_figures",
            title=gettext_lazy("Chiffres clés publiés"),
            definition=gettext_lazy(
                "Nombre de chiffres clés (une valeur et ce qu'elle compte) publiés "
                "par les défis retenus pour dire leurs résultats."
            ),
            population_label=gettext_lazy("défis retenus"),
        ),
        IndicatorSpec(
            key="challenges_with_key_figures_share",
            family="key_figures",
            title=gettext_lazy("Défis ayant publié des chiffres clés"),
            definition=gettext_lazy(
                "Part des défis retenus qui ont publié au moins un chiffre clé."
            ),
            population_label=gettext_lazy("défis retenus"),
            unit="%",
        ),
        IndicatorSpec(
            key="challenges_with_objectives_share",
            family="objectives",
            title=gettext_lazy("Défis retenus ayant défini des objectifs"),
            definition=gettext_lazy(
                "Part des défis retenus dont l'équipe a défini au moins un objectif (un "
                "indicateur, sa valeur de départ et sa cible), public ou non."
            ),
            population_label=gettext_lazy("défis retenus"),
            unit="%",
        ),
        IndicatorSpec(
            key="objectives_reached_share",
            family="objectives",
            title=gettext_lazy("Objectifs atteints"),
            definition=gettext_lazy(
                "Part des objectifs des défis retenus dont la dernière valeur mesurée à la date "
                "de lecture des données atteint la cible (ou la dépasse, dans le sens de la "
                "cible), parmi les objectifs ayant au moins une valeur. Un objectif non atteint "
                "est « en bonne voie » quand, avant la fin de sa promotion, il a parcouru depuis "
                "son départ au moins la part du temps de la promotion déjà écoulée."
            ),
            population_label=gettext_lazy("objectifs mesurés"),
            unit="%",
        ),
    ]
}

# Sources not given to the computation (their IndicatorData field is None), in the words of


NOT_RECORDED = {
    "proposals": gettext_lazy(
        "Les propositions de l'appel à défis ne sont pas fournies : l'indicateur ne peut pas "
        "être calculé."
    ),
    "equality": gettext_lazy(
        "Les statistiques d'égalité des candidatures ne sont pas fournies : l'indicateur ne "
        "peut pas être calculé."
    ),
    "applications": gettext_lazy("Les candidatures ne sont pas enregistrées dans le système."),
    "events": gettext_lazy(
        "Les événements du programme et les présences ne sont pas enregistrés dans le système."
    ),
    "surveys": gettext_lazy(
        "Les enquêtes de suivi et leurs réponses ne sont pas enregistrées dans le système."
    ),
    "objectives": gettext_lazy(
        "Les objectifs des défis et leurs valeurs ne sont pas fournis : l'indicateur ne peut "
        "pas être calculé."
    ),
}
