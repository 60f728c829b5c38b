"""Fill the demo with front-office activity: a cohort whose two calls are open today, a cohort
running today, and one account per role of the front office, each with something to see.

Idempotent: every record is found again by a fixed key (a ``demo-`` URL identifier, a fixed
title or account), so that running the command twice creates nothing more; only the passwords,
the dates relative to today and the survey's personal link change. The imported real data is
only read: an administration and a past cohort are picked from it, never modified. On an empty
database the command creates what it needs (an administration, a past cohort).
"""

import contextlib
import datetime
import secrets
import sys
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from alumni import services as alumni_services
from alumni.models import (
    QuestionKind,
    Sector,
    Survey,
    SurveyAudience,
    SurveyInvitation,
    SurveyQuestion,
    SurveyWave,
)
from cohorts import checklists_services
from cohorts import services as cohort_services
from cohorts.checklists import ChecklistItem, ChecklistPhase, ChecklistRole, ChecklistTemplate
from cohorts.events import Event, EventKind
from cohorts.models import Cohort, Person, Profile, Track, ended_cohorts_q
from core.records import record_changes_save
from eig.management.commands.ensure_demo_staff import generate_password, mark_email_verified
from projects import progress_services
from projects import services as project_services
from projects.importers.demo_data import ADMINISTRATION_PREFIX, COHORT_SLUG_PREFIX
from projects.models import (
    Administration,
    ChallengeObjective,
    ChallengeProposal,
    ChallengeStatus,
    ObjectiveValue,
    ProgressReport,
    ProposalStatus,
    ReviewAssignment,
    ReviewRound,
    TeamRole,
)
from selection import services as selection_services
from selection.models import Application

# Fixed keys of the demo records: no imported record uses the "demo-" prefix.
NEXT_COHORT_SLUG = "demo-promotion-a-venir"
RUNNING_COHORT_SLUG = "demo-promotion-en-cours"
PAST_COHORT_SLUG = "demo-promotion-passee"
DEMO_SLUGS = (NEXT_COHORT_SLUG, RUNNING_COHORT_SLUG, PAST_COHORT_SLUG)
FALLBACK_ADMINISTRATION = "Administration de démonstration"
RUNNING_CHALLENGE_SLUG = "demo-defi-en-cours"
PUBLISHED_CHALLENGE_SLUG = "demo-defi-objectifs"
# Objectives of the demo challenges: (name, unit, baseline, target, public, values), each value
# (days after the cohort's start, value); the last one a few days before today.
DEMO_OBJECTIVES = {
    RUNNING_CHALLENGE_SLUG: [
        ("Démarches faites en ligne", "%", 35, 60, True, [(5, 35), (35, 41), (65, 47), (85, 52)]),
        ("Délai moyen de réponse", "jours", 21, 7, False, [(5, 21), (45, 17), (85, 14)]),
    ],
    PUBLISHED_CHALLENGE_SLUG: [
        (
            "Demandes traitées en moins de 48 heures",
            "%",
            40,
            80,
            True,
            [(10, 42), (40, 55), (70, 68), (85, 81)],
        ),
    ],
}
FELLOW_PERSON_SLUG = "demo-eig-en-cours"
ALUMNUS_PERSON_SLUG = "demo-ancien"
DRAFT_TITLE = "Mieux orienter les usagers vers les aides locales (démonstration)"
SUBMITTED_TITLE = "Détecter les anomalies dans les déclarations (démonstration)"
ROUND_NAME = "Jury de l'appel à défis (démonstration)"
EVENT_TITLE = "Séminaire de la promotion (démonstration)"
DEMO_DAY_TITLE = "Démo day de la promotion (démonstration)"
SURVEY_TITLE = "Enquête de suivi, un an après (démonstration)"
POSITION_TITLE = "Responsable de la donnée"
# Onboarding and offboarding checklists for every promotion: (title, role, phase, items), each
# item (label, days after the promotion's start or end); the first item of the fellows' and of
# the administration's arrival lists is ticked by the demo fellow and agent.
CHECKLISTS = [
    (
        "Arrivée des EIG (démonstration)",
        ChecklistRole.FELLOW,
        ChecklistPhase.ONBOARDING,
        [
            ("Signer la charte du programme", 7),
            ("Retirer son badge et son poste de travail", 14),
            ("Présenter son défi à l'équipe du programme", 30),
        ],
    ),
    (
        "Départ des EIG (démonstration)",
        ChecklistRole.FELLOW,
        ChecklistPhase.OFFBOARDING,
        [
            ("Remettre le code source et sa documentation", -15),
            ("Répondre à l'enquête de fin de programme", 15),
        ],
    ),
    (
        "Arrivée des mentors (démonstration)",
        ChecklistRole.MENTOR,
        ChecklistPhase.ONBOARDING,
        [
            ("Fixer un point hebdomadaire avec l'équipe", 7),
            ("Présenter l'équipe au service", 14),
        ],
    ),
    (
        "Accueil par l'administration (démonstration)",
        ChecklistRole.ADMINISTRATION,
        ChecklistPhase.ONBOARDING,
        [
            ("Préparer les postes de travail et les accès", -7),
            ("Désigner un référent pour les ressources humaines", -14),
            ("Signer la convention de cofinancement", 30),
        ],
    ),
    (
        "Fin du programme dans l'administration (démonstration)",
        ChecklistRole.ADMINISTRATION,
        ChecklistPhase.OFFBOARDING,
        [("Décider de la suite du défi", -30)],
    ),
]
# Fictional alumni listed in the directory, so that its search and filters have peers to show:
# (slug, name, profile, headline, organisation, sector, title).
PEER_ALUMNI = [
    (
        "demo-ancienne-camille",
        "Camille Exemple",
        Profile.DEVELOPER,
        "Développeuse, services publics numériques",
        "Direction interministérielle du numérique",
        Sector.PUBLIC,
        "Développeuse",
    ),
    (
        "demo-ancien-samir",
        "Samir Exemple",
        Profile.DESIGNER,
        "Designer de services",
        "Une coopérative de design",
        Sector.ASSOCIATIVE,
        "Designer de services",
    ),
    (
        "demo-ancienne-lea",
        "Léa Exemple",
        Profile.DATA_ENGINEER,
        "Ingénieure des données, transports",
        "Une entreprise de mobilité",
        Sector.PRIVATE,
        "Ingénieure des données",
    ),
    (
        "demo-ancien-hugo",
        "Hugo Exemple",
        Profile.DATA_SCIENTIST,
        "Data scientist indépendant",
        "Indépendant",
        Sector.INDEPENDENT,
        "Consultant",
    ),
]


@dataclass(frozen=True)
class DemoAccount:
    key: str
    username: str
    email: str
    role: str


ACCOUNTS = (
    DemoAccount("agent", "demo-agent", "agent@eig.localhost", "Agent d'une administration"),
    DemoAccount("jury", "demo-jury", "jury@eig.localhost", "Membre du jury de l'appel à défis"),
    DemoAccount("candidate", "demo-candidat", "candidat@eig.localhost", "Candidat ou candidate"),
    DemoAccount("fellow", "demo-eig", "eig@eig.localhost", "EIG en cours de programme"),
    DemoAccount("alumnus", "demo-ancien", "ancien@eig.localhost", "Ancien ou ancienne EIG"),
)


def _url(name: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name)


class Command(BaseCommand):
    help = (
        "Ajoute à la démonstration une promotion dont les appels sont ouverts, une promotion en "
        "cours et un compte par rôle du site (agent, jury, candidat, EIG, ancien), avec un "
        "nouveau mot de passe affiché à chaque exécution. Peut être relancée sans rien dupliquer. "
        "Refuse de s'exécuter hors mode debug, sauf avec --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="S'exécuter même quand DJANGO_DEBUG vaut false (production).",
        )

    def handle(self, *args, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DJANGO_DEBUG vaut false : ces comptes de démonstration n'ont pas leur place en "
                "production. Ajoutez --force pour passer outre."
            )
        self.today = timezone.localdate()
        self.now = timezone.now()
        # The e-mails that seeding sends (console backend in the demo) go to stderr, so that
        # stdout keeps only the summary of the accounts.
        with contextlib.redirect_stdout(sys.stderr), transaction.atomic():
            passwords = {account.key: self.account(account) for account in ACCOUNTS}
            next_cohort, running_cohort = self.cohorts()
            administration = self.administration()
            self.agent_activity(administration, next_cohort)
            self.jury_activity(next_cohort)
            self.candidate_activity(next_cohort)
            challenge = self.fellow_activity(administration, running_cohort)
            self.checklists(running_cohort)
            self.objectives_activity(
                challenge, self.published_challenge(administration, running_cohort)
            )
            past_cohort = self.past_cohort()
            survey_link = self.alumnus_activity(past_cohort)
            self.peer_alumni(past_cohort)
        self.summary(
            passwords=passwords,
            administration=administration,
            next_cohort=next_cohort,
            running_cohort=running_cohort,
            challenge=challenge,
            past_cohort=past_cohort,
            survey_link=survey_link,
        )

    # --- Accounts --------------------------------------------------------------------------------

    def account(self, account: DemoAccount) -> str:
        """Create or restore the account, with a verified address and a new password."""
        password = generate_password()
        user_model = get_user_model()
        users = user_model._default_manager
        # By login, else by address: someone may have signed up with the demo address.
        user = (
            users.filter(**{user_model.USERNAME_FIELD: account.username}).first()
            or users.filter(email__iexact=account.email).first()
            or user_model(**{user_model.USERNAME_FIELD: account.username})
        )
        user.email = account.email
        user.is_active = True
        user.is_staff = False
        user.is_superuser = False
        user.set_password(password)
        user.save()
        mark_email_verified(user=user, email=account.email)
        setattr(self, f"{account.key}_user", user)
        return password

    # --- Cohorts -----------------------------------------------------------------------------

    def _next_number(self) -> int:
        """The number after every EIG cohort's, the synthetic ones (1001 and up) aside."""
        highest = (
            Cohort.objects.filter(track=Track.EIG)
            .exclude(slug__startswith=COHORT_SLUG_PREFIX)
            .aggregate(Max("number"))["number__max"]
        )
        return (highest or 0) + 1

    def _demo_cohort(self, *, slug: str, year: int, dates: dict) -> Cohort:
        """The demo cohort ``slug``, created with the next number; its year, name and dates follow
        today at each run."""
        name = f"Promotion {year}"
        cohort = Cohort.objects.filter(slug=slug).first()
        if Cohort.objects.filter(name=name).exclude(slug=slug).exists():
            name = f"Promotion {year} (démonstration)"
        if cohort is None:
            cohort = Cohort(slug=slug, track=Track.EIG, number=self._next_number())
            cohort.name, cohort.year = name, year
            for field, value in dates.items():
                setattr(cohort, field, value)
            cohort.full_clean()
            cohort.save()
            return cohort
        record_changes_save(instance=cohort, values={"name": name, "year": year, **dates})
        return cohort

    def cohorts(self) -> tuple[Cohort, Cohort]:
        today = self.today
        running = self._demo_cohort(
            slug=RUNNING_COHORT_SLUG,
            year=today.year,
            dates={
                "start_date": today - datetime.timedelta(days=90),
                "end_date": today + datetime.timedelta(days=210),
                "challenges_call_opens": None,
                "challenges_call_closes": None,
                "candidates_call_opens": None,
                "candidates_call_closes": None,
            },
        )
        upcoming = self._demo_cohort(
            slug=NEXT_COHORT_SLUG,
            year=today.year + 1,
            dates={
                "start_date": today + datetime.timedelta(days=240),
                "end_date": today + datetime.timedelta(days=540),
                "challenges_call_opens": today - datetime.timedelta(days=7),
                "challenges_call_closes": today + datetime.timedelta(days=30),
                "candidates_call_opens": today - datetime.timedelta(days=7),
                "candidates_call_closes": today + datetime.timedelta(days=60),
            },
        )
        return upcoming, running

    def past_cohort(self) -> Cohort:
        """A real cohort for the alumnus: the latest ended one, else the latest one; a demo cohort
        that ended last year on an empty database."""
        real = Cohort.objects.exclude(slug__in=DEMO_SLUGS).exclude(
            slug__startswith=COHORT_SLUG_PREFIX
        )
        cohort = (
            real.filter(ended_cohorts_q(self.today), track=Track.EIG)
            .order_by("-year", "-number")
            .first()
            or real.filter(track=Track.EIG).order_by("-year", "-number").first()
            or real.order_by("-year", "-number").first()
        )
        if cohort is not None:
            return cohort
        year = self.today.year - 2
        return self._demo_cohort(
            slug=PAST_COHORT_SLUG,
            year=year,
            dates={
                "start_date": datetime.date(year, 1, 15),
                "end_date": datetime.date(year, 11, 15),
            },
        )

    # --- Call for challenges: agent and jury ---------------------------------------------------

    def administration(self) -> Administration:
        """The agent's administration: the one they already belong to, else a real one (with
        challenges, first by name), else a demo administration."""
        agent = self.agent_user
        current = Administration.objects.filter(memberships__user=agent).order_by("pk").first()
        if current is not None:
            return current
        real = Administration.objects.exclude(name__startswith=ADMINISTRATION_PREFIX)
        administration = (
            real.filter(challenges__isnull=False).order_by("name").first()
            or real.order_by("name").first()
        )
        if administration is None:
            administration, _outcome = project_services.administration_upsert(
                name=FALLBACK_ADMINISTRATION
            )
        project_services.membership_add(administration=administration, user=agent)
        return administration

    def _proposal(self, *, cohort, administration, title) -> ChallengeProposal | None:
        return ChallengeProposal.objects.filter(
            cohort=cohort, administration=administration, title=title
        ).first()

    def agent_activity(self, administration: Administration, cohort: Cohort) -> None:
        agent = self.agent_user
        if self._proposal(cohort=cohort, administration=administration, title=DRAFT_TITLE) is None:
            project_services.proposal_create(
                user=agent,
                administration=administration,
                cohort=cohort,
                data={
                    "title": DRAFT_TITLE,
                    "problem": "Les usagers ne trouvent pas les aides locales auxquelles ils ont "
                    "droit : elles sont dispersées entre plusieurs sites.",
                    "town": "Lyon (69003)",
                },
            )
        submitted = self._proposal(
            cohort=cohort, administration=administration, title=SUBMITTED_TITLE
        )
        if submitted is None:
            submitted = project_services.proposal_create(
                user=agent,
                administration=administration,
                cohort=cohort,
                data={
                    "title": SUBMITTED_TITLE,
                    "problem": "Les contrôles sont choisis à la main, sans exploiter les "
                    "données des déclarations déjà reçues.",
                    "goal": "Proposer aux agents une liste priorisée de dossiers à vérifier.",
                    "data_available": "Dix ans de déclarations, anonymisées pour le défi.",
                    "profiles": [Profile.DATA_SCIENTIST, Profile.DEVELOPER],
                    "posts": 2,
                    "sponsor": "Claire Martin, cheffe du bureau des contrôles",
                    "town": "Paris (75007)",
                },
            )
        if submitted.status == ProposalStatus.DRAFT:
            project_services.proposal_submit(proposal=submitted, user=agent)
        self.submitted_proposal = submitted

    def jury_activity(self, cohort: Cohort) -> None:
        review_round = ReviewRound.objects.filter(cohort=cohort, name=ROUND_NAME).first()
        if review_round is None:
            review_round = project_services.review_round_open(
                cohort=cohort,
                name=ROUND_NAME,
                criteria=["Impact pour les usagers", "Qualité des données", "Engagement"],
                instructions="Notez chaque critère de 0 à 5 et commentez.",
            )
        exists = ReviewAssignment.objects.filter(
            round=review_round, proposal=self.submitted_proposal, reviewer=self.jury_user
        ).exists()
        if not exists:
            project_services.review_assign(
                review_round=review_round,
                proposal=self.submitted_proposal,
                reviewer=self.jury_user,
            )

    # --- Call for candidates ---------------------------------------------------------------------

    def candidate_activity(self, cohort: Cohort) -> None:
        if Application.objects.filter(candidate=self.candidate_user, cohort=cohort).exists():
            return
        selection_services.application_save(
            candidate=self.candidate_user,
            cohort=cohort,
            values={
                "full_name": "Sacha Candidat",
                "profile": Profile.DEVELOPER,
                "motivation": "Mettre mes compétences au service d'un défi public.",
            },
            today=self.today,
        )

    # --- Program life: the fellow's team space ---------------------------------------------------

    def _person(self, *, slug: str, full_name: str, user) -> Person:
        """The demo person ``slug``, linked to ``user`` (never an imported person)."""
        person = (
            Person.objects.filter(user=user).first() or Person.objects.filter(slug=slug).first()
        )
        if person is None:
            return Person.objects.create(
                slug=slug, full_name=full_name, email=user.email, user=user, public_consent=False
            )
        record_changes_save(instance=person, values={"user": user, "email": user.email})
        return person

    def fellow_activity(self, administration: Administration, cohort: Cohort):
        user = self.fellow_user
        person = self._person(slug=FELLOW_PERSON_SLUG, full_name="Dominique Démo", user=user)
        cohort_services.fellowship_upsert(person=person, cohort=cohort, profile=Profile.DEVELOPER)
        challenge, _outcome = project_services.challenge_upsert(
            cohort=cohort,
            slug=RUNNING_CHALLENGE_SLUG,
            title="Défi de démonstration : simplifier les démarches en ligne",
            summary="Un défi fictif, créé pour la démonstration de l'espace équipe.",
            body=None,
            town="Paris (75007)",
            duration_months=10,
            status=ChallengeStatus.IN_PROGRESS,
            is_published=False,
            administrations=[administration],
            skills=[],
        )
        project_services.team_membership_ensure(
            challenge=challenge, person=person, role=TeamRole.FELLOW
        )
        if not ProgressReport.objects.filter(challenge=challenge, author_user=user).exists():
            progress_services.progress_report_create(
                challenge=challenge,
                user=user,
                data={
                    "reported_on": self.today,
                    "progress": "Premier prototype montré à dix agents ; retours très positifs.",
                    "blockers": "L'accès aux données de production tarde.",
                    "help_needed": "Une mise en relation avec le délégué à la protection des "
                    "données.",
                    "mood": 4,
                },
            )
        starts = timezone.make_aware(
            datetime.datetime.combine(self.today + datetime.timedelta(days=7), datetime.time(9, 30))
        )
        values = {
            "kind": EventKind.SEMINAR,
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=7),
            "place": "Paris, 20 avenue de Ségur",
            "description": "Une journée d'ateliers entre les équipes de la promotion.",
        }
        event = Event.objects.filter(cohort=cohort, title=EVENT_TITLE).first()
        if event is None:
            event = Event(cohort=cohort, title=EVENT_TITLE, **values)
            event.full_clean()
            event.save()
        else:
            record_changes_save(instance=event, values=values)
        # The closing demo day is public: it is in the public calendar, /evenements.ics.
        demo_day_starts = starts + datetime.timedelta(days=60)
        demo_day_values = {
            "kind": EventKind.DEMO_DAY,
            "starts_at": demo_day_starts,
            "ends_at": demo_day_starts + datetime.timedelta(hours=4),
            "place": "Paris, 20 avenue de Ségur",
            "description": "Les équipes de la promotion présentent leurs résultats.",
            "is_public": True,
        }
        demo_day = Event.objects.filter(cohort=cohort, title=DEMO_DAY_TITLE).first()
        if demo_day is None:
            demo_day = Event(cohort=cohort, title=DEMO_DAY_TITLE, **demo_day_values)
            demo_day.full_clean()
            demo_day.save()
        else:
            record_changes_save(instance=demo_day, values=demo_day_values)
        return challenge

    # --- Onboarding and offboarding checklists ----------------------------------------------------

    def checklists(self, cohort: Cohort) -> None:
        """The demo checklists (for all promotions), and a first task ticked by the fellow and by
        the agent; the rest of the arrival lists is overdue for the running cohort."""
        first_items = {}
        for title, role, phase, items in CHECKLISTS:
            template = ChecklistTemplate.objects.filter(
                title=title, role=role, phase=phase, cohort=None
            ).first() or ChecklistTemplate.objects.create(title=title, role=role, phase=phase)
            if not template.items.exists():
                for order, (label, due_days) in enumerate(items):
                    ChecklistItem.objects.create(
                        template=template, label=label, due_days=due_days, sort_order=order
                    )
            if phase == ChecklistPhase.ONBOARDING:
                first_items[role] = template.items.order_by("sort_order", "pk").first()
        for role, user in (
            (ChecklistRole.FELLOW, self.fellow_user),
            (ChecklistRole.ADMINISTRATION, self.agent_user),
        ):
            checklists_services.checklist_item_tick(
                item=first_items[role], cohort=cohort, user=user, done=True, now=self.now
            )

    def published_challenge(self, administration: Administration, cohort: Cohort):
        """A published demo challenge of the running cohort, whose objective shows on its
        public page."""
        challenge, _outcome = project_services.challenge_upsert(
            cohort=cohort,
            slug=PUBLISHED_CHALLENGE_SLUG,
            title="Défi de démonstration : répondre plus vite aux usagers",
            summary="Un défi fictif, créé pour montrer les objectifs suivis au fil du temps.",
            body=None,
            town="Lyon (69003)",
            duration_months=10,
            status=ChallengeStatus.IN_PROGRESS,
            is_published=True,
            administrations=[administration],
            skills=[],
        )
        return challenge

    def objectives_activity(self, *challenges) -> None:
        """The demo objectives of ``challenges`` (``DEMO_OBJECTIVES``), with their values dated
        from the cohort's start: found again by name, their values replaced at each run."""
        for challenge in challenges:
            starts = challenge.cohort.start_date
            for order, (name, unit, baseline, target, public, values) in enumerate(
                DEMO_OBJECTIVES[challenge.slug]
            ):
                objective = ChallengeObjective.objects.filter(
                    challenge=challenge, name=name
                ).first() or ChallengeObjective(challenge=challenge)
                project_services.objective_save(
                    instance=objective,
                    values={
                        "name": name,
                        "unit": unit,
                        "baseline": Decimal(baseline),
                        "target": Decimal(target),
                        "source": "Tableau de bord du service (démonstration)",
                        "is_public": public,
                        "order": order,
                    },
                )
                objective.values.all().delete()
                for days, value in values:
                    project_services.objective_value_save(
                        instance=ObjectiveValue(objective=objective),
                        values={
                            "measured_on": min(starts + datetime.timedelta(days=days), self.today),
                            "value": Decimal(value),
                            "note": "",
                        },
                    )

    # --- Alumni: directory and survey -----------------------------------------------------------

    def alumnus_activity(self, cohort: Cohort) -> str:
        """The alumnus, listed in the directory with a position, and a pending survey invitation
        whose personal link is returned (the token is made here and only its hash is stored)."""
        user = self.alumnus_user
        person = self._person(slug=ALUMNUS_PERSON_SLUG, full_name="Alex Ancien", user=user)
        self._listed_alumnus(
            person,
            cohort,
            profile_kind=Profile.DATA_SCIENTIST,
            headline="Data scientist, santé publique",
            presentation="Ancien EIG, je travaille sur les données de santé.",
            position={
                "organisation": "Agence régionale de santé",
                "sector": Sector.PUBLIC,
                "title": POSITION_TITLE,
            },
        )
        survey = Survey.objects.filter(
            cohort=cohort, wave=SurveyWave.ONE_YEAR, audience=SurveyAudience.FELLOWS
        ).first()
        if survey is None:
            survey = Survey.objects.create(
                cohort=cohort,
                wave=SurveyWave.ONE_YEAR,
                audience=SurveyAudience.FELLOWS,
                title=SURVEY_TITLE,
                introduction="Quelques questions sur ce que le programme vous a apporté.",
            )
            SurveyQuestion.objects.create(
                survey=survey,
                sort_order=0,
                label="Recommanderiez-vous le programme à un proche ?",
                kind=QuestionKind.RECOMMENDATION,
            )
            SurveyQuestion.objects.create(
                survey=survey,
                sort_order=1,
                label="Qu'avez-vous fait depuis la fin du programme ?",
                kind=QuestionKind.TEXT,
                required=False,
            )
        # Only the demo alumnus is invited (survey_invite would write to the whole cohort); the
        # link is made here, like alumni.services.invitation_email_send does, so as to print it.
        token = secrets.token_urlsafe(32)
        values = {
            "email": user.email,
            "token_hash": alumni_services.token_hash(token),
            "sent_at": self.now,
            "expires_at": self.now + datetime.timedelta(days=survey.validity_days),
            "answered": False,
            "draft": {},
        }
        invitation = SurveyInvitation.objects.filter(survey=survey, person=person).first()
        if invitation is None:
            SurveyInvitation.objects.create(survey=survey, person=person, **values)
        else:
            SurveyInvitation.objects.filter(pk=invitation.pk).update(**values)
        return alumni_services.survey_link(token)

    def peer_alumni(self, cohort: Cohort) -> None:
        """Fictional alumni of ``cohort`` without an account, listed in the directory with a
        position each (never an imported person)."""
        for slug, full_name, profile_kind, headline, organisation, sector, title in PEER_ALUMNI:
            person = Person.objects.filter(slug=slug).first() or Person.objects.create(
                slug=slug, full_name=full_name, public_consent=False
            )
            self._listed_alumnus(
                person,
                cohort,
                profile_kind=profile_kind,
                headline=headline,
                presentation="Profil fictif, créé pour la démonstration de l'annuaire.",
                position={"organisation": organisation, "sector": sector, "title": title},
            )

    def _listed_alumnus(
        self, person: Person, cohort: Cohort, *, profile_kind, headline, presentation, position
    ) -> None:
        """``person``, a fellow of ``cohort``, listed in the directory with ``position``
        (organisation, sector, title), begun the year after the cohort."""
        cohort_services.fellowship_upsert(person=person, cohort=cohort, profile=profile_kind)
        profile = alumni_services.directory_profile_get_or_create(person=person)
        alumni_services.directory_profile_update(
            profile=profile,
            values={
                "headline": headline,
                "presentation": presentation,
                "listed": True,
                "show_positions": True,
                "show_presentation": True,
            },
        )
        if not person.positions.filter(title=position["title"]).exists():
            alumni_services.position_create(
                person=person,
                values={**position, "start": datetime.date(cohort.year + 1, 1, 1)},
            )

    # --- Summary ---------------------------------------------------------------------------------

    def summary(
        self,
        *,
        passwords,
        administration,
        next_cohort,
        running_cohort,
        challenge,
        past_cohort,
        survey_link,
    ) -> None:
        where = {
            "agent": [
                f"Espace administration : {_url('projects:space')}",
                f"  tâches d'accueil de la promotion en cours : {_url('projects:space-tasks')}",
                f"  {administration} : une proposition en brouillon et une déposée "
                f"({next_cohort}, appel à défis ouvert)",
            ],
            "jury": [
                f"Espace jury : {_url('projects:jury-space')}",
                "  une proposition déposée à évaluer",
            ],
            "candidate": [
                f"Espace candidat : {_url('selection:candidate-space')}",
                f"  une candidature en brouillon ({next_cohort}, appel à candidatures ouvert)",
            ],
            "fellow": [
                f"Espace équipe : {_url('team:home')}",
                f"  « {challenge.title} » ({running_cohort}) : un point d'avancement, "
                "deux objectifs avec leurs valeurs et un événement à venir",
                f"  tâches d'arrivée et de départ : {_url('team:tasks')}",
            ],
            "alumnus": [
                f"Mon profil d'ancien : {_url('alumni:profile')}",
                f"  annuaire : {_url('alumni:directory')} ({past_cohort}, inscrit avec un poste)",
                f"  enquête à remplir, sans mot de passe : {survey_link}",
            ],
        }
        self.stdout.write(self.style.SUCCESS("Activité de démonstration prête."))
        self.stdout.write(
            f"{next_cohort} : appels à défis et à candidatures ouverts aujourd'hui ; "
            f"{running_cohort} : en cours de programme."
        )
        self.stdout.write("Comptes de démonstration (nouveau mot de passe à chaque exécution) :")
        for account in ACCOUNTS:
            self.stdout.write("")
            self.stdout.write(self.style.MIGRATE_HEADING(account.role))
            self.stdout.write(f"  Adresse e-mail : {account.email}")
            self.stdout.write(f"  Mot de passe : {passwords[account.key]}")
            for line in where[account.key]:
                self.stdout.write(f"  {line}")
        self.stdout.write("")
        self.stdout.write(
            "Le lien de l'enquête change à chaque exécution ; les e-mails du site s'affichent "
            "dans ce terminal."
        )
