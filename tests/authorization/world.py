"""The world the matrix requests: one object of each program model, documents, restricted
content, and the samples of both calls; each made once per test."""

from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import resolve
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from cohorts.models import CalendarFeed
from tests.alumni_factories import (
    DirectoryProfileFactory,
    SurveyFactory,
    SurveyInvitationFactory,
    SurveyQuestionFactory,
)
from tests.factories import (
    ChallengeFactory,
    ChallengeLinkFactory,
    FellowshipFactory,
    KeyFigureFactory,
    PersonFactory,
    PositionFactory,
    SkillFactory,
    TeamMembershipFactory,
    ThemeFactory,
)
from tests.program_life_factories import (
    AttendanceFactory,
    ChecklistItemFactory,
    ChecklistTemplateFactory,
    EventFactory,
    ObjectiveFactory,
    ObjectiveValueFactory,
    ProgressReportFactory,
)

HIDDEN_ORGANISATION = "Organisation cachée par consentement"


def build_world(team_user) -> SimpleNamespace:
    """One object of each program model, a document and restricted content to request."""
    challenge = ChallengeFactory(title="Lab santé")
    person = PersonFactory(full_name="Camille Martin")
    samples = [  # the challenge brings its cohort and its host administration
        challenge.cohort,
        person,
        FellowshipFactory(person=person, cohort=challenge.cohort),
        challenge.administrations.get(),
        challenge,
        TeamMembershipFactory(challenge=challenge, person=person),
        KeyFigureFactory(challenge=challenge),
        ChallengeLinkFactory(challenge=challenge),
        ThemeFactory(),
        SkillFactory(),
        PositionFactory(person=person),
        *program_life_samples(team_user),
    ]
    root_collection = Collection.get_first_root_node()
    restricted_collection = root_collection.add_child(name="Documents réservés")
    home_page = Page.objects.get(depth=2).specific
    restricted_page = home_page.add_child(instance=Page(title="Espace réservé", slug="reserve"))
    # The alumni network: Camille is listed in the directory but hides her positions.
    DirectoryProfileFactory(person=person, listed=True, show_positions=False)
    PositionFactory(person=person, organisation=HIDDEN_ORGANISATION)
    survey = SurveyFactory(cohort=challenge.cohort)
    SurveyQuestionFactory(survey=survey)
    checklists = checklist_samples(team_user)
    return SimpleNamespace(
        survey=survey,
        checklists=checklists,
        invitation=SurveyInvitationFactory(survey=survey, person=person),
        by_model={
            type(sample): sample for sample in [*samples, survey, checklists.fellows_template]
        },
        challenge=challenge,
        team_challenge=team_user.person.memberships.get().challenge,
        person=person,
        document=Document.objects.create(
            title="Rapport d'évaluation", file=ContentFile(b"%PDF-1.4 rapport", name="rapport.pdf")
        ),
        collection_restriction=CollectionViewRestriction.objects.create(
            collection=restricted_collection,
            restriction_type=CollectionViewRestriction.PASSWORD,
            password="mot-de-passe",
        ),
        home_page=home_page,
        restricted_page=restricted_page,
        page_restriction=PageViewRestriction.objects.create(
            page=restricted_page,
            restriction_type=PageViewRestriction.PASSWORD,
            password="mot-de-passe",
        ),
    )


def program_life_samples(team_user) -> list:
    """An event with the team member's attendance, a progress report they wrote, and an
    objective of their challenge with a value."""
    membership = team_user.person.memberships.get()
    event = EventFactory(cohort=membership.challenge.cohort)
    objective = ObjectiveFactory(challenge=membership.challenge)
    return [
        objective,
        ObjectiveValueFactory(objective=objective, recorded_by=membership.person),
        event,
        CalendarFeed.objects.create(person=membership.person),
        AttendanceFactory(event=event, person=membership.person),
        ProgressReportFactory(
            challenge=membership.challenge, author=membership.person, author_user=team_user
        ),
    ]


def checklist_samples(team_user) -> SimpleNamespace:
    """The team member's promotion made current (it started two months ago), with a fellows'
    onboarding list and a host administration's list (of which no role of the matrix is an
    agent)."""
    import datetime

    from django.utils import timezone

    from cohorts.models import ChecklistRole, Cohort

    today = timezone.localdate()
    cohort = team_user.person.memberships.get().challenge.cohort
    Cohort.objects.filter(pk=cohort.pk).update(
        start_date=today - datetime.timedelta(days=60),
        end_date=today + datetime.timedelta(days=240),
    )
    fellows_template = ChecklistTemplateFactory(
        title="Arrivée des EIG", cohort=cohort, role=ChecklistRole.FELLOW
    )
    hosts_template = ChecklistTemplateFactory(
        title="Accueil par l'administration", role=ChecklistRole.ADMINISTRATION
    )
    return SimpleNamespace(
        cohort=cohort,
        fellows_template=fellows_template,
        fellows_item=ChecklistItemFactory(template=fellows_template, due_days=-10),
        hosts_item=ChecklistItemFactory(template=hosts_template, due_days=-10),
    )


def call_world(world: SimpleNamespace) -> SimpleNamespace:
    """The call for candidates' samples, made once per world: another candidate's submitted
    application (with a CV) to a promotion whose call is open, a review assigned to someone
    else, the review of a reviewer who declared a conflict of interest on it (the role
    CONFLICTED_REVIEWER), and an interview."""
    if not hasattr(world, "call"):
        from selection.services import review_declare_conflict
        from tests.selection.factories import InterviewSlotFactory, ReviewFactory, open_call_cohort

        review = ReviewFactory(application__full_name="Dominique Autre")
        conflicted = ReviewFactory(
            application=review.application, reviewer__username="jury-en-conflit"
        )
        review_declare_conflict(review=conflicted, has_conflict=True, note="Ancienne collègue.")
        world.call = SimpleNamespace(
            application=review.application,
            review=review,
            conflicted_review=conflicted,
            interview=InterviewSlotFactory(application=review.application),
            open_cohort=open_call_cohort(),
        )
    return world.call


def challenges_world(world: SimpleNamespace) -> SimpleNamespace:
    """The call for challenges' samples, made once per world: a submitted proposal of another
    administration with an attachment, a pending invitation to another address, and a review
    round with a review assigned to someone else."""
    if not hasattr(world, "challenges_call"):
        from projects.services import invitation_token
        from tests.call_factories import (
            AssignmentFactory,
            AttachmentFactory,
            InvitationFactory,
            MembershipFactory,
        )

        assignment = AssignmentFactory(proposal__title="Proposition d'une autre direction")
        invitation = InvitationFactory(email="quelquun-d-autre@example.fr")
        world.challenges_call = SimpleNamespace(
            proposal=assignment.proposal,
            attachment=AttachmentFactory(proposal=assignment.proposal),
            assignment=assignment,
            round=assignment.round,
            criterion=assignment.round.criteria.first(),
            membership=MembershipFactory(),
            invitation=invitation,
            token=invitation_token(invitation=invitation),
        )
    return world.challenges_call


def evaluation_world(world: SimpleNamespace) -> SimpleNamespace:
    """The evaluation's samples, made once per world: a finished report with its PDF."""
    if not hasattr(world, "evaluation"):
        from evaluation.models import Report, ReportStatus

        world.evaluation = SimpleNamespace(
            report=Report.objects.create(
                status=ReportStatus.DONE,
                file=ContentFile(b"%PDF-1.4 rapport", name="rapport.pdf"),
            )
        )
    return world.evaluation


def sample_of(world: SimpleNamespace, model) -> object:
    """The world's object of a program model (those of both calls included)."""
    if model not in world.by_model:
        call = call_world(world)
        challenges = challenges_world(world)
        for sample in (
            call.application,
            call.review,
            call.interview,
            challenges.proposal,
            challenges.round,
            challenges.criterion,
            challenges.assignment,
            challenges.membership,
        ):
            world.by_model.setdefault(type(sample), sample)
    assert model in world.by_model, (
        f"The world has no {model.__name__}: add one to tests/authorization/world.py"
    )
    return world.by_model[model]


def media_sample_url() -> str:
    """A file present in the folder that the DEBUG-only media route serves.

    The route's folder is fixed when the URLconf loads, whatever a test later sets MEDIA_ROOT to.
    """
    name = "matrice-autorisations.txt"
    root = Path(resolve(settings.MEDIA_URL + name).kwargs["document_root"])
    root.mkdir(parents=True, exist_ok=True)
    (root / name).write_bytes(b"ok")
    return settings.MEDIA_URL + name
