"""Every write of the projects' admin goes through the projects' services, as the front office
does: administrations, challenges and what belongs to them, the call for challenges (proposals,
review rounds and criteria, the jury's assignments, the agents of an administration, the
decisions on proposals) and the progress reports. A refused write shows in French on the admin
page, with nothing saved."""

import pytest
from django.urls import reverse

from projects import progress_services, services
from projects.models import (
    Administration,
    AdministrationMembership,
    Challenge,
    ChallengeLink,
    ChallengeStatus,
    KeyFigure,
    LinkKind,
    Mood,
    ProgressReport,
    ProposalStatus,
    ReviewAssignment,
    ReviewRound,
    ReviewScore,
    Skill,
    TeamMembership,
    TeamRole,
    Theme,
)
from tests.admin_writes import page_text, service_calls
from tests.call_factories import (
    AssignmentFactory,
    MembershipFactory,
    ProposalFactory,
    ReviewRoundFactory,
    VerifiedUserFactory,
    closed_call_dates,
)
from tests.factories import (
    AdministrationFactory,
    ChallengeFactory,
    ChallengeLinkFactory,
    CohortFactory,
    KeyFigureFactory,
    PersonFactory,
    SkillFactory,
    TeamMembershipFactory,
    ThemeFactory,
)
from tests.program_life_factories import ProgressReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def review_round():
    return ReviewRoundFactory(criteria=["Impact"])


@pytest.fixture
def proposal(review_round):
    return ProposalFactory(cohort=review_round.cohort, submitted=True, title="Orienter")


# --- The jury's review rounds ------------------------------------------------------------------


def round_data(cohort, **overrides):
    return {"cohort": cohort.pk, "name": "Jury d'hiver", "instructions": ""} | overrides


def test_admin_opens_a_review_round_through_review_round_open(client, staff_user, monkeypatch):
    calls = service_calls(monkeypatch, services, "review_round_open")
    cohort = CohortFactory()
    client.force_login(staff_user)

    response = client.post(reverse("projects_reviewround:add"), round_data(cohort))

    assert response.status_code == 302
    assert [(call["cohort"], call["name"]) for call in calls] == [(cohort, "Jury d'hiver")]
    review_round = ReviewRound.objects.get()
    assert review_round.is_open is False  # the box was not ticked
    assert review_round.history.first().history_user == staff_user


def test_admin_refuses_to_move_a_round_with_assignments_to_another_cohort(
    client, staff_user, review_round
):
    AssignmentFactory(round=review_round)
    first_cohort = review_round.cohort
    client.force_login(staff_user)

    response = client.post(
        reverse("projects_reviewround:edit", args=[review_round.pk]),
        round_data(CohortFactory(), name="Jury renommé", is_open="on"),
    )

    assert response.status_code == 200
    assert "elle ne change plus de promotion" in page_text(response)
    review_round.refresh_from_db()
    assert review_round.cohort == first_cohort
    assert review_round.name != "Jury renommé"


def test_admin_closes_a_review_round_through_review_round_change(
    client, staff_user, review_round, monkeypatch
):
    calls = service_calls(monkeypatch, services, "review_round_change")
    client.force_login(staff_user)

    response = client.post(
        reverse("projects_reviewround:edit", args=[review_round.pk]),
        round_data(review_round.cohort, name="Jury clos"),
    )

    assert response.status_code == 302
    assert [call["review_round"] for call in calls] == [review_round]
    review_round.refresh_from_db()
    assert (review_round.name, review_round.is_open) == ("Jury clos", False)


# --- The jury's assignments ---------------------------------------------------------------------


def test_admin_assigns_a_jury_member_through_review_assign(
    client, staff_user, review_round, proposal, monkeypatch
):
    calls = service_calls(monkeypatch, services, "review_assign")
    reviewer = VerifiedUserFactory()
    client.force_login(staff_user)

    response = client.post(
        reverse("projects_reviewassignment:add"),
        {"round": review_round.pk, "proposal": proposal.pk, "reviewer": reviewer.pk},
    )

    assert response.status_code == 302
    assert calls == [{"review_round": review_round, "proposal": proposal, "reviewer": reviewer}]
    assert ReviewAssignment.objects.get().reviewer == reviewer


def test_admin_refuses_a_jury_member_from_the_proposing_administration(
    client, staff_user, review_round, proposal
):
    agent = MembershipFactory(administration=proposal.administration).user
    client.force_login(staff_user)

    response = client.post(
        reverse("projects_reviewassignment:add"),
        {"round": review_round.pk, "proposal": proposal.pk, "reviewer": agent.pk},
    )

    assert response.status_code == 200
    assert "agent de l'administration qui propose ce défi" in page_text(response)
    assert not ReviewAssignment.objects.exists()


# --- Agents of an administration ----------------------------------------------------------------


def test_admin_makes_an_agent_through_membership_add(client, staff_user, monkeypatch):
    calls = service_calls(monkeypatch, services, "membership_add")
    administration = AdministrationFactory()
    user = VerifiedUserFactory()
    client.force_login(staff_user)

    response = client.post(
        reverse("projects_membership:add"),
        {"user": user.pk, "administration": administration.pk},
    )

    assert response.status_code == 302
    assert calls == [{"user": user, "administration": administration}]
    assert AdministrationMembership.objects.get().user == user


def test_admin_refuses_to_make_someone_an_agent_twice(client, staff_user):
    membership = MembershipFactory()
    client.force_login(staff_user)

    response = client.post(
        reverse("projects_membership:add"),
        {"user": membership.user.pk, "administration": membership.administration.pk},
    )

    assert response.status_code == 200
    assert "existe déjà" in page_text(response)
    assert AdministrationMembership.objects.count() == 1


# --- Decisions on proposals ---------------------------------------------------------------------


def test_admin_decision_refused_by_proposal_decide_is_shown_and_nothing_changes(
    client, staff_user, review_round, proposal
):
    services.proposal_decide(proposal=proposal, selected=True)
    challenge = proposal.challenge
    challenge.is_published = True
    challenge.save()
    client.force_login(staff_user)

    response = client.post(
        reverse("projects_call:decide", args=[review_round.pk, proposal.pk]),
        {"decision": "rejected"},
        follow=True,
    )

    assert "déjà publié ou a une équipe" in page_text(response)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SELECTED
    assert proposal.challenge == challenge


def test_admin_decision_accepted_by_proposal_decide(
    client, staff_user, review_round, proposal, monkeypatch
):
    calls = service_calls(monkeypatch, services, "proposal_decide")
    client.force_login(staff_user)

    response = client.post(
        reverse("projects_call:decide", args=[review_round.pk, proposal.pk]),
        {"decision": "rejected"},
        follow=True,
    )

    assert "n'est pas retenue" in page_text(response)
    assert calls == [{"proposal": proposal, "selected": False}]
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED


# --- Progress reports ---------------------------------------------------------------------------


def report_data(challenge, author, **overrides):
    return {
        "challenge": challenge.pk,
        "reported_on": "2026-11-02",
        "author": author.pk,
        "progress": "Le prototype est en test.",
        "blockers": "",
        "help_needed": "",
        "mood": str(Mood.GOOD),
    } | overrides


def test_admin_records_a_progress_report_through_progress_report_record(
    client, staff_user, monkeypatch
):
    calls = service_calls(monkeypatch, progress_services, "progress_report_record")
    challenge, author = ChallengeFactory(), PersonFactory()
    client.force_login(staff_user)

    response = client.post(
        reverse(ProgressReport.snippet_viewset.get_url_name("add")), report_data(challenge, author)
    )

    assert response.status_code == 302
    assert [(call["challenge"], call["author"]) for call in calls] == [(challenge, author)]
    report = ProgressReport.objects.get()
    assert (report.author, report.mood) == (author, Mood.GOOD)
    assert report.history.get().history_user == staff_user


def test_admin_corrects_a_progress_report_through_progress_report_record(
    client, staff_user, monkeypatch
):
    calls = service_calls(monkeypatch, progress_services, "progress_report_record")
    report = ProgressReportFactory()
    author = PersonFactory()
    client.force_login(staff_user)

    response = client.post(
        reverse(ProgressReport.snippet_viewset.get_url_name("edit"), args=[report.pk]),
        report_data(report.challenge, author, progress="Mis en production."),
    )

    assert response.status_code == 302
    assert [call["report"] for call in calls] == [report]
    report.refresh_from_db()
    assert (report.author, report.progress) == (author, "Mis en production.")


def test_admin_refuses_a_progress_report_without_progress_and_saves_nothing(client, staff_user):
    challenge, author = ChallengeFactory(), PersonFactory()
    client.force_login(staff_user)

    response = client.post(
        reverse(ProgressReport.snippet_viewset.get_url_name("add")),
        report_data(challenge, author, progress=""),
    )

    assert response.status_code == 200
    assert "Champ requis." in page_text(response)
    assert not ProgressReport.objects.exists()


# --- Administrations, challenges, teams, key figures, links, themes, skills --------------------


def snippet_url(model, action, *args):
    return reverse(model.snippet_viewset.get_url_name(action), args=args)


def test_admin_creates_an_administration_through_administration_save(
    client, staff_user, monkeypatch
):
    calls = service_calls(monkeypatch, services, "administration_save")
    ministry = AdministrationFactory(name="Ministère de la Culture")
    client.force_login(staff_user)

    response = client.post(
        snippet_url(Administration, "add"),
        {"name": "Direction du patrimoine", "kind": "directorate", "parent": ministry.pk},
    )

    assert response.status_code == 302
    assert [call["user"] for call in calls] == [staff_user]
    assert Administration.objects.get(name="Direction du patrimoine").parent == ministry


def test_admin_refuses_an_administration_that_would_depend_on_itself_and_saves_nothing(
    client, staff_user
):
    ministry = AdministrationFactory(name="Ministère de la Culture")
    directorate = AdministrationFactory(name="Direction du patrimoine", parent=ministry)
    client.force_login(staff_user)

    response = client.post(
        snippet_url(Administration, "edit", ministry.pk),
        {"name": "Ministère de la Culture", "kind": "ministry", "parent": directorate.pk},
    )

    assert response.status_code == 200
    assert "Une administration ne peut pas dépendre d'elle-même." in page_text(response)
    ministry.refresh_from_db()
    assert ministry.parent is None


def challenge_data(cohort, administration, **overrides):
    return {
        "cohort": cohort.pk,
        "title": "Trier le courrier",
        "slug": "trier-le-courrier",
        "summary": "",
        "body": "",
        "administrations": [administration.pk],
        "duration_months": "10",
        "status": ChallengeStatus.SELECTED,
        "outcome": "",
        "outcome_note": "",
    } | overrides


def test_admin_creates_a_challenge_with_its_relations_through_challenge_save(
    client, staff_user, monkeypatch
):
    calls = service_calls(monkeypatch, services, "challenge_save")
    cohort, administration, theme = CohortFactory(), AdministrationFactory(), ThemeFactory()
    client.force_login(staff_user)

    response = client.post(
        snippet_url(Challenge, "add"),
        challenge_data(cohort, administration, themes=[theme.pk]),
    )

    assert response.status_code == 302
    assert len(calls) == 1
    challenge = Challenge.objects.get(slug="trier-le-courrier")
    assert list(challenge.administrations.all()) == [administration]
    assert list(challenge.themes.all()) == [theme]


def test_admin_refuses_a_challenge_slug_taken_in_its_cohort_and_saves_nothing(client, staff_user):
    taken = ChallengeFactory(slug="trier-le-courrier")
    client.force_login(staff_user)

    response = client.post(
        snippet_url(Challenge, "add"), challenge_data(taken.cohort, AdministrationFactory())
    )

    assert response.status_code == 200
    assert "existe déjà" in page_text(response)
    assert Challenge.objects.count() == 1


def test_admin_puts_a_person_in_a_team_through_team_membership_save(
    client, staff_user, monkeypatch
):
    calls = service_calls(monkeypatch, services, "team_membership_save")
    challenge, person = ChallengeFactory(), PersonFactory()
    client.force_login(staff_user)

    response = client.post(
        snippet_url(TeamMembership, "add"),
        {"challenge": challenge.pk, "person": person.pk, "role": TeamRole.MENTOR},
    )

    assert response.status_code == 302
    assert len(calls) == 1
    assert TeamMembership.objects.get().role == TeamRole.MENTOR


def test_admin_refuses_the_same_role_twice_in_a_team_and_saves_nothing(client, staff_user):
    membership = TeamMembershipFactory()
    client.force_login(staff_user)

    response = client.post(
        snippet_url(TeamMembership, "add"),
        {
            "challenge": membership.challenge.pk,
            "person": membership.person.pk,
            "role": membership.role,
        },
    )

    assert response.status_code == 200
    assert "existe déjà" in page_text(response)
    assert TeamMembership.objects.count() == 1


def key_figure_data(figure, **overrides):
    return {
        "challenge": figure.challenge.pk,
        "amount": "42",
        "prefix": "",
        "suffix": "",
        "description": "agents formés",
        "position": "0",
    } | overrides


def test_admin_changes_a_key_figure_through_key_figure_save(client, staff_user, monkeypatch):
    calls = service_calls(monkeypatch, services, "key_figure_save")
    figure = KeyFigureFactory()
    client.force_login(staff_user)

    response = client.post(
        snippet_url(KeyFigure, "edit", figure.pk), key_figure_data(figure, amount="1200")
    )

    assert response.status_code == 302
    assert [call["instance"] for call in calls] == [figure]
    figure.refresh_from_db()
    assert figure.amount == 1200


def test_admin_refuses_a_key_figure_without_a_number_and_saves_nothing(client, staff_user):
    figure = KeyFigureFactory()
    client.force_login(staff_user)

    response = client.post(
        snippet_url(KeyFigure, "edit", figure.pk),
        key_figure_data(figure, amount="beaucoup", description="usagers servis"),
    )

    assert response.status_code == 200
    assert "Saisissez un nombre." in page_text(response)
    figure.refresh_from_db()
    assert figure.description == "agents formés"


def link_data(challenge, url, **overrides):
    return {
        "challenge": challenge.pk,
        "kind": LinkKind.SOURCE_CODE,
        "url": url,
        "title": "Code source",
        "description": "",
        "position": "0",
    } | overrides


def test_admin_adds_a_challenge_link_through_challenge_link_save(client, staff_user, monkeypatch):
    calls = service_calls(monkeypatch, services, "challenge_link_save")
    challenge = ChallengeFactory()
    client.force_login(staff_user)

    response = client.post(
        snippet_url(ChallengeLink, "add"), link_data(challenge, "https://code.gouv.fr/defi")
    )

    assert response.status_code == 302
    assert len(calls) == 1
    assert ChallengeLink.objects.get().url == "https://code.gouv.fr/defi"


def test_admin_refuses_a_challenge_link_given_twice_and_saves_nothing(client, staff_user):
    link = ChallengeLinkFactory()
    client.force_login(staff_user)

    response = client.post(
        snippet_url(ChallengeLink, "add"), link_data(link.challenge, link.url, title="Encore")
    )

    assert response.status_code == 200
    assert "existe déjà" in page_text(response)
    assert ChallengeLink.objects.count() == 1


def test_admin_creates_a_theme_through_theme_save(client, staff_user, monkeypatch):
    calls = service_calls(monkeypatch, services, "theme_save")
    client.force_login(staff_user)

    response = client.post(snippet_url(Theme, "add"), {"name": "Santé", "slug": "sante"})

    assert response.status_code == 302
    assert len(calls) == 1
    assert Theme.objects.get().name == "Santé"


def test_admin_refuses_a_theme_name_taken_and_saves_nothing(client, staff_user):
    ThemeFactory(name="Santé", slug="sante")
    client.force_login(staff_user)

    response = client.post(snippet_url(Theme, "add"), {"name": "Santé", "slug": "sante-2"})

    assert response.status_code == 200
    assert "existe déjà" in page_text(response)
    assert Theme.objects.count() == 1


def test_admin_creates_a_skill_through_skill_save(client, staff_user, monkeypatch):
    calls = service_calls(monkeypatch, services, "skill_save")
    client.force_login(staff_user)

    response = client.post(
        snippet_url(Skill, "add"), {"code": "cartographie", "name": "Cartographie"}
    )

    assert response.status_code == 302
    assert len(calls) == 1
    assert Skill.objects.get(code="cartographie").name == "Cartographie"


def test_admin_refuses_a_skill_code_taken_and_saves_nothing(client, staff_user):
    skill = SkillFactory(code="cartographie", name="Cartographie")
    skills = Skill.objects.count()
    client.force_login(staff_user)

    response = client.post(
        snippet_url(Skill, "add"), {"code": "cartographie", "name": "Géographie"}
    )

    assert response.status_code == 200
    assert "existe déjà" in page_text(response)
    assert Skill.objects.count() == skills
    skill.refresh_from_db()
    assert skill.name == "Cartographie"


# --- The call for challenges: criteria, proposals, assignments ---------------------------------


def criterion_data(review_round, **overrides):
    return {"round": review_round.pk, "label": "Impact", "description": "", "position": "0"} | (
        overrides
    )


def test_admin_changes_a_criterion_through_review_criterion_save(
    client, staff_user, review_round, monkeypatch
):
    calls = service_calls(monkeypatch, services, "review_criterion_save")
    criterion = review_round.criteria.get()
    client.force_login(staff_user)

    response = client.post(
        reverse("projects_reviewcriterion:edit", args=[criterion.pk]),
        criterion_data(review_round, label="Impact pour les usagers"),
    )

    assert response.status_code == 302
    assert [call["instance"] for call in calls] == [criterion]
    criterion.refresh_from_db()
    assert criterion.label == "Impact pour les usagers"


def test_admin_refuses_to_move_a_scored_criterion_to_another_round_and_saves_nothing(
    client, staff_user, review_round
):
    criterion = review_round.criteria.get()
    assignment = AssignmentFactory(round=review_round)
    ReviewScore.objects.create(assignment=assignment, criterion=criterion, score=3)
    other_round = ReviewRoundFactory(cohort=review_round.cohort, criteria=[])
    client.force_login(staff_user)

    response = client.post(
        reverse("projects_reviewcriterion:edit", args=[criterion.pk]),
        criterion_data(other_round, label="Impact déplacé"),
    )

    assert response.status_code == 200
    assert "Le jury a déjà noté ce critère : il ne change plus de session." in page_text(response)
    criterion.refresh_from_db()
    assert (criterion.round, criterion.label) == (review_round, "Impact")


def proposal_data(proposal, **overrides):
    return {
        "cohort": proposal.cohort.pk,
        "administration": proposal.administration.pk,
        "title": proposal.title,
        "problem": proposal.problem,
        "goal": proposal.goal,
        "data_available": proposal.data_available,
        "posts": str(proposal.posts),
        "town": proposal.town,
        "sponsor": proposal.sponsor,
        "mentors": proposal.mentors,
        "cofunding": proposal.cofunding,
        "administration_funding_amount": "",
        "program_funding_amount": "",
    } | overrides


def test_admin_corrects_a_proposal_of_an_open_call_through_proposal_admin_save(
    client, staff_user, proposal, monkeypatch
):
    calls = service_calls(monkeypatch, services, "proposal_admin_save")
    client.force_login(staff_user)

    response = client.post(
        reverse("projects_proposal:edit", args=[proposal.pk]),
        proposal_data(proposal, town="Lille"),
    )

    assert response.status_code == 302
    assert [call["instance"] for call in calls] == [proposal]
    proposal.refresh_from_db()
    assert (proposal.town, proposal.status) == ("Lille", ProposalStatus.SUBMITTED)


def test_admin_refuses_to_change_a_decided_proposal_and_saves_nothing(client, staff_user, proposal):
    services.proposal_decide(proposal=proposal, selected=False)
    client.force_login(staff_user)

    response = client.post(
        reverse("projects_proposal:edit", args=[proposal.pk]),
        proposal_data(proposal, town="Lille"),
    )

    assert response.status_code == 200
    assert "a déjà fait l'objet d'une décision" in page_text(response)
    proposal.refresh_from_db()
    assert proposal.town == "Paris"


def test_admin_refuses_to_change_a_proposal_after_its_call_closed_and_saves_nothing(
    client, staff_user
):
    proposal = ProposalFactory(cohort=CohortFactory(**closed_call_dates()), submitted=True)
    client.force_login(staff_user)

    response = client.post(
        reverse("projects_proposal:edit", args=[proposal.pk]),
        proposal_data(proposal, town="Lille"),
    )

    assert response.status_code == 200
    assert "n'est pas ouvert" in page_text(response)
    proposal.refresh_from_db()
    assert proposal.town == "Paris"


def assignment_data(assignment, **overrides):
    return {
        "round": assignment.round.pk,
        "proposal": assignment.proposal.pk,
        "reviewer": assignment.reviewer.pk,
    } | overrides


def test_admin_hands_an_assignment_to_another_jury_member_through_review_assignment_change(
    client, staff_user, monkeypatch
):
    calls = service_calls(monkeypatch, services, "review_assignment_change")
    assignment = AssignmentFactory()
    reviewer = VerifiedUserFactory()
    client.force_login(staff_user)

    response = client.post(
        reverse("projects_reviewassignment:edit", args=[assignment.pk]),
        assignment_data(assignment, reviewer=reviewer.pk),
    )

    assert response.status_code == 302
    assert [call["instance"] for call in calls] == [assignment]
    assignment.refresh_from_db()
    assert assignment.reviewer == reviewer


def test_admin_refuses_to_hand_an_assignment_to_an_agent_of_the_proposer_and_saves_nothing(
    client, staff_user
):
    assignment = AssignmentFactory()
    first_reviewer = assignment.reviewer
    agent = MembershipFactory(administration=assignment.proposal.administration).user
    client.force_login(staff_user)

    response = client.post(
        reverse("projects_reviewassignment:edit", args=[assignment.pk]),
        assignment_data(assignment, reviewer=agent.pk),
    )

    assert response.status_code == 200
    assert "agent de l'administration qui propose ce défi" in page_text(response)
    assignment.refresh_from_db()
    assert assignment.reviewer == first_reviewer
