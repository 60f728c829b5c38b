"""The first content of the public site, written by `manage.py setup_site`.

Each page is a dict: slug, title, intro, body (StreamField raw data: a list of {"type", "value"}).
Staff edit the pages in the admin afterwards; the command never overwrites an existing page.
"""

import datetime

SITE_NAME = "Entrepreneurs d'intérêt général"


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def faq(title: str, questions: list[tuple[str, str]]) -> dict:
    return {
        "type": "faq",
        "value": {
            "title": title,
            "questions": [
                {"question": question, "answer": answer} for question, answer in questions
            ],
        },
    }


def call_to_action(title: str, text: str, label: str, url: str) -> dict:
    return {
        "type": "call_to_action",
        "value": {"title": title, "text": text, "link": {"label": label, "page": None, "url": url}},
    }


def quote(text: str, author: str, source: str) -> dict:
    return {"type": "quote", "value": {"text": text, "author": author, "source": source}}


HOME_INTRO = (
    "<p>Le programme <b>Entrepreneurs d'intérêt général</b> fait venir dans les administrations, "
    "pour dix mois, des talents du numérique — développeurs, data scientists, designers, "
    "juristes du numérique… — pour relever avec les agents des défis d'intérêt général.</p>"
)

HOME_BODY = [
    paragraph(
        "<h2>Comment fonctionne le programme</h2>"
        "<ol>"
        "<li><b>L'appel à défis</b> : les administrations proposent un problème concret qu'elles "
        "veulent résoudre grâce au numérique et aux données, avec des mentors pour le porter.</li>"
        "<li><b>La sélection des défis</b> : un jury retient les défis les plus utiles et les "
        "mieux préparés ; ils forment la promotion de l'année.</li>"
        "<li><b>L'appel à candidatures</b> : des professionnels du numérique venus de l'extérieur "
        "de l'administration candidatent sur les défis qui les intéressent.</li>"
        "<li><b>Dix mois de travail</b> : chaque défi est relevé par une équipe de deux ou trois "
        "entrepreneurs ou designers, avec leurs mentors et l'accompagnement du programme.</li>"
        "</ol>"
    ),
    quote(
        "Faire entrer dans l'État des compétences qu'il n'a pas, le temps de résoudre un problème "
        "réel, et laisser derrière soi des outils, du code ouvert et des méthodes.",
        "L'équipe du programme",
        "",
    ),
]

CANDIDATES_QUESTIONS_1 = [
    (
        "Qu'est-ce qu'un entrepreneur d'intérêt général ?",
        "<p>Un professionnel du numérique qui rejoint une administration pendant dix mois pour "
        "relever un défi d'intérêt général. Il travaille en équipe de deux ou trois, avec des "
        "profils complémentaires, aux côtés de mentors de l'administration d'accueil.</p>",
    ),
    (
        "Quels profils le programme recherche-t-il ?",
        "<p>Des développeurs, data scientists, data engineers, designers, géomaticiens ou juristes"
        " du numérique, et d'autres profils selon les défis. Chaque défi précise les compétences "
        "qu'il attend.</p>",
    ),
    (
        "Faut-il être fonctionnaire ?",
        "<p>Non. Le programme s'adresse à des personnes extérieures à l'administration. Les "
        "entrepreneurs sont recrutés par l'administration d'accueil sous contrat pour la durée du "
        "défi.</p>",
    ),
]

CANDIDATES_QUESTIONS_2 = [
    (
        "Quand peut-on candidater ?",
        "<p>Pendant l'appel à candidatures de chaque promotion, dont les dates figurent sur la "
        "page d'accueil. En dehors de cette période, les défis restent consultables mais on ne "
        "peut pas candidater.</p>",
    ),
    (
        "Peut-on candidater à plusieurs défis ?",
        "<p>Oui. La candidature indique les défis qui vous intéressent, classés par ordre de "
        "préférence.</p>",
    ),
    (
        "Comment se passe la sélection ?",
        "<p>Un jury réunissant l'équipe du programme et les mentors des défis étudie les dossiers,"
        " puis reçoit en entretien les candidats présélectionnés. Chaque équipe est composée pour "
        "réunir des compétences complémentaires.</p>",
    ),
    (
        "Que deviennent les données de ma candidature ?",
        "<p>Elles servent uniquement à la sélection. La page « Données personnelles » du site "
        "détaille ce qui est conservé, combien de temps et comment exercer vos droits.</p>",
    ),
]

ADMINISTRATIONS_QUESTIONS_1 = [
    (
        "Qui peut proposer un défi ?",
        "<p>Les administrations de l'État — ministères, directions, services déconcentrés — et les"
        " établissements publics, pendant l'appel à défis. Plusieurs administrations peuvent "
        "porter un défi ensemble.</p>",
    ),
    (
        "Qu'est-ce qu'un bon défi ?",
        "<p>Un problème concret d'intérêt général, que le numérique ou les données peuvent aider à"
        " résoudre en dix mois ; des données ou des outils disponibles pour commencer ; des "
        "mentors disponibles et un sponsor, haut responsable de l'administration, qui soutient le "
        "défi.</p>",
    ),
    (
        "Comment les défis sont-ils choisis ?",
        "<p>Un jury évalue chaque proposition selon son impact, sa faisabilité et l'engagement de "
        "l'administration, puis retient les défis de la promotion.</p>",
    ),
]

ADMINISTRATIONS_QUESTIONS_2 = [
    (
        "Quel est le rôle des mentors ?",
        "<p>Les mentors sont des agents de l'administration d'accueil. Ils guident l'équipe dans "
        "l'administration, lui ouvrent l'accès aux données et aux métiers, et suivent l'avancement"
        " du défi tout au long des dix mois.</p>",
    ),
    (
        "Comment le défi est-il financé ?",
        "<p>Le financement est partagé entre le programme et l'administration d'accueil, selon les"
        " conditions précisées dans l'appel à défis.</p>",
    ),
    (
        "Et après les dix mois ?",
        "<p>L'administration prépare dès le début la suite du défi : reprise du service par ses "
        "équipes, prolongation, ou essaimage dans d'autres administrations. Le devenir de chaque "
        "défi est publié sur sa page.</p>",
    ),
]

FAQ_CANDIDATES = {
    "slug": "faq-candidats",
    "title": "Questions fréquentes des candidats",
    "intro": "Ce qu'il faut savoir avant de candidater pour relever un défi d'intérêt général.",
    "body": [
        faq("Le programme", CANDIDATES_QUESTIONS_1),
        faq("Candidater", CANDIDATES_QUESTIONS_2),
    ],
}

FAQ_ADMINISTRATIONS = {
    "slug": "faq-administrations",
    "title": "Questions fréquentes des administrations",
    "intro": "Proposer un défi, accueillir une équipe, préparer la suite.",
    "body": [
        faq("Proposer un défi", ADMINISTRATIONS_QUESTIONS_1),
        faq("Accueillir une équipe", ADMINISTRATIONS_QUESTIONS_2),
    ],
}

CONTACT = {
    "slug": "contact",
    "title": "Contact",
    "intro": "Le programme Entrepreneurs d'intérêt général est porté par la direction "
    "interministérielle du numérique (DINUM).",
    "body": [
        paragraph(
            "<p>La plupart des questions sur les candidatures et sur les défis trouvent leur "
            "réponse dans les questions fréquentes des candidats et des administrations.</p>"
            "<h2>Adresse postale</h2>"
            "<p>Direction interministérielle du numérique<br>Programme Entrepreneurs d'intérêt "
            "général<br>20 avenue de Ségur<br>75007 Paris</p>"
        ),
    ],
}

LEGAL_NOTICE = {
    "slug": "mentions-legales",
    "title": "Mentions légales",
    "intro": "",
    "body": [
        paragraph(
            "<h2>Éditeur</h2>"
            "<p>Direction interministérielle du numérique (DINUM), 20 avenue de Ségur, "
            "75007 Paris.</p>"
            "<h2>Directeur de la publication</h2>"
            "<p>Le directeur interministériel du numérique.</p>"
            "<h2>Hébergement</h2>"
            "<p>Le nom et l'adresse de l'hébergeur sont indiqués ici par l'équipe du programme "
            "lors de la mise en service du site.</p>"
            "<h2>Réutilisation des contenus</h2>"
            "<p>Sauf mention contraire, les contenus et les données du site sont publiés sous "
            "Licence Ouverte / Open Licence version 2.0 (Etalab) : vous pouvez les réutiliser "
            "librement, y compris à des fins commerciales, en citant leur source. Les données du "
            "programme de 2017 à 2020 proviennent de l'ancien site du programme : "
            "« Programme Entrepreneurs d'Intérêt Général — Etalab / DINUM, site-eig, mis à jour "
            "le 2022-09-05 ».</p>"
            "<h2>Code source</h2>"
            "<p>Les codes sources produits pendant les défis sont publiés sur la page de chaque "
            "défi.</p>"
        ),
    ],
}

PERSONAL_DATA = {
    "slug": "donnees-personnelles",
    "title": "Données personnelles",
    "intro": "Ce que le site conserve à votre sujet, pourquoi, combien de temps, et comment "
    "exercer vos droits.",
    "body": [
        paragraph(
            "<h2>Responsable du traitement</h2>"
            "<p>La direction interministérielle du numérique (DINUM) gère le programme "
            "Entrepreneurs d'intérêt général et ce site. Le traitement repose sur l'exécution "
            "de sa mission d'intérêt public (article 6-1-e du règlement général sur la protection "
            "des données), et sur votre consentement pour ce qui est publié à votre sujet.</p>"
            "<h2>Les données conservées</h2>"
            "<ul>"
            "<li><b>Comptes</b> : adresse électronique, mot de passe chiffré de façon "
            "irréversible, et pour l'équipe du programme le second facteur "
            "d'authentification.</li>"
            "<li><b>Candidatures</b> : profil, CV, lettre de motivation, défis choisis et leur "
            "ordre, décisions du jury.</li>"
            "<li><b>Propositions de défis</b> : nom et coordonnées des agents qui proposent un "
            "défi, des mentors et du sponsor.</li>"
            "<li><b>Évaluations du jury</b> : notes et commentaires, et les déclarations de "
            "conflit d'intérêts des membres du jury.</li>"
            "<li><b>Communauté</b> : nom, promotion, profil, biographie, liens vers vos profils "
            "publics, parcours après le programme.</li>"
            "<li><b>Questionnaires de suivi</b> : vos réponses. Un questionnaire anonyme ne garde "
            "aucun lien entre vous et vos réponses.</li>"
            "<li><b>Historique des modifications</b> : qui a modifié quelle donnée du programme "
            "et quand, pour la traçabilité des décisions.</li>"
            "</ul>"
            "<h2>Ce qui est publié</h2>"
            "<p>Votre nom, votre biographie et votre parcours n'apparaissent sur le site public "
            "que si vous y avez consenti. Vous pouvez retirer ce consentement à tout moment : "
            "vous disparaissez alors de toutes les pages publiques et des données ouvertes. "
            "Sans ce consentement, les pages des défis indiquent seulement le nombre de membres "
            "de l'équipe.</p>"
            "<h2>Qui y a accès</h2>"
            "<p>L'équipe du programme ; les membres du jury, pour les seuls dossiers qui leur "
            "sont confiés ; les agents d'une administration, pour les seuls défis de leur "
            "administration. Aucune donnée n'est vendue ni cédée.</p>"
            "<h2>Cookies</h2>"
            "<p>Le site ne dépose que les cookies nécessaires à son fonctionnement : la session "
            "des personnes connectées et la protection des formulaires. Il n'utilise aucun "
            "outil de mesure d'audience ni de lecteur vidéo tiers : les vidéos sont des liens "
            "vers le site qui les héberge.</p>"
            "<h2>Vos droits</h2>"
            "<p>Vous disposez d'un droit d'accès, de rectification, d'effacement, de limitation "
            "et d'opposition sur vos données. Pour les exercer, écrivez à l'équipe du programme "
            "(voir la page Contact). Si vous estimez que vos droits ne sont pas respectés, vous "
            "pouvez adresser une réclamation à la Commission nationale de l'informatique et des "
            'libertés (<a href="https://www.cnil.fr">cnil.fr</a>).</p>'
        ),
    ],
}

ACCESSIBILITY = {
    "slug": "accessibilite",
    "title": "Déclaration d'accessibilité",
    "intro": "La direction interministérielle du numérique s'engage à rendre ce site accessible, "
    "conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.",
    "body": [
        paragraph(
            "<p>Cette déclaration d'accessibilité s'applique au site du programme Entrepreneurs "
            "d'intérêt général.</p>"
            "<h2>État de conformité</h2>"
            "<p>Le site est <b>non conforme</b> avec le référentiel général d'amélioration de "
            "l'accessibilité (RGAA), version 4.1 : il n'a pas encore fait l'objet d'un audit "
            "complet.</p>"
            "<h2>Ce qui est déjà vérifié</h2>"
            "<p>Le site utilise le système de design de l'État (DSFR). Chaque type de page est "
            "contrôlé automatiquement à chaque évolution du site, dans un vrai navigateur : "
            "absence d'erreur détectable automatiquement, navigation au clavier, liens "
            "d'évitement. Les graphiques sont accompagnés d'un tableau donnant les mêmes "
            "chiffres.</p>"
            "<h2>Retour d'information et contact</h2>"
            "<p>Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez "
            "contacter l'équipe du programme (voir la page Contact) pour être orienté vers une "
            "alternative accessible ou obtenir le contenu sous une autre forme.</p>"
            "<h2>Voies de recours</h2>"
            "<p>Si vous avez signalé un défaut d'accessibilité qui vous empêche d'accéder à un "
            "contenu ou à un service et que vous n'avez pas obtenu de réponse satisfaisante, "
            "vous pouvez écrire au Défenseur des droits "
            '(<a href="https://formulaire.defenseurdesdroits.fr">formulaire en ligne</a>), '
            "contacter le délégué du Défenseur des droits dans votre région, ou envoyer un "
            "courrier gratuit, sans affranchissement : Défenseur des droits, Libre réponse "
            "71120, 75342 Paris CEDEX 07.</p>"
        ),
    ],
}

CONTENT_PAGES = [
    FAQ_CANDIDATES,
    FAQ_ADMINISTRATIONS,
    CONTACT,
    LEGAL_NOTICE,
    PERSONAL_DATA,
    ACCESSIBILITY,
]

NEWS_INDEX = {
    "slug": "actualites",
    "title": "Actualités",
    "intro": "Les nouvelles du programme, de ses promotions et de ses défis.",
}

NEWS = [
    {
        "slug": "donnees-du-programme-2017-2020",
        "title": "Les données du programme de 2017 à 2020 sont ouvertes",
        "date": datetime.date(2022, 9, 5),
        "intro": "Défis, promotions et administrations d'accueil des cinq premières promotions "
        "sont consultables sur le site et téléchargeables sous Licence Ouverte.",
        "body": [
            paragraph(
                "<p>Les cinq promotions de 2017 à 2020 — EIG 1, EIG 2, EIG 3, la promotion des "
                "designers d'intérêt général et EIG 4 — sont réunies sur le site, avec leurs "
                "défis, leurs administrations d'accueil et les personnes qui ont accepté d'y "
                "apparaître.</p>"
                "<p>Les données sont téléchargeables aux formats CSV et JSON depuis la page "
                "« Données ouvertes », sous Licence Ouverte / Open Licence.</p>"
            ),
        ],
    },
    {
        "slug": "promotion-eig-4",
        "title": "La promotion EIG 4 relève ses défis",
        "date": datetime.date(2020, 2, 3),
        "intro": "La quatrième promotion d'entrepreneurs d'intérêt général commence ses dix "
        "mois de travail dans les administrations.",
        "body": [
            paragraph(
                "<p>Comme chaque promotion, les entrepreneurs d'EIG 4 travaillent en équipes "
                "pluridisciplinaires, au sein des administrations qui ont proposé les défis, "
                "avec leurs mentors.</p>"
                "<p>Les défis de la promotion, leurs équipes et leurs résultats sont présentés "
                "sur la page « Les défis ».</p>"
            ),
        ],
    },
    {
        "slug": "designers-interet-general",
        "title": "Des designers d'intérêt général rejoignent le programme",
        "date": datetime.date(2019, 9, 2),
        "intro": "En 2019, le programme accueille pour la première fois une promotion de "
        "designers d'intérêt général.",
        "body": [
            paragraph(
                "<p>Les designers d'intérêt général (DIG) mettent les méthodes du design au "
                "service des administrations : recherche utilisateur, conception de services, "
                "prototypage. Ils relèvent leurs défis aux côtés des entrepreneurs de la "
                "promotion EIG 3.</p>"
            ),
        ],
    },
]
