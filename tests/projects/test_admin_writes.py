"""Every write of the projects' admin goes through the projects' services, as the front office
does: the jury's assignments, the agents of an administration, the decisions on proposals and
the progress reports. A refused write shows in French on the admin page, with nothing saved."""

import pytest
from django.urls import reverse

from projects import progress_services, services
from projects.models import (
    AdministrationMembership,
    Mood,
    ProgressReport,
    ProposalStatus,
    ReviewAssignment,
    ReviewRound,
)
from tests.admin_writes import page_text, service_calls
from tests.call_factories import (
    AssignmentFactory,
    MembershipFactory,
    ProposalFactory,
    ReviewRoundFactory,
    VerifiedUserFactory,
)
from tests.factories import AdministrationFactory, ChallengeFactory, CohortFactory, PersonFactory
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
