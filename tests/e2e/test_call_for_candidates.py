"""The call for candidates in a real browser: a candidate applies and submits, a mentor reviews
the application assigned to them, staff select the candidate, and the new fellow appears on the
challenge's public page. No accessibility violation that axe-core detects on the candidate's
pages nor on the reviewer's."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from projects.models import TeamRole
from selection.models import Application, ApplicationStatus, Decision, SelectionStage
from selection.services import review_assign
from tests.factories import ChallengeFactory, PersonFactory, TeamMembershipFactory, UserFactory
from tests.selection.factories import PDF_BYTES, open_call_cohort


@pytest.fixture
def call(public_site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cohort = open_call_cohort(name="EIG 9", slug="eig-9", number=9)
    challenge = ChallengeFactory(cohort=cohort, title="Lab santé", slug="lab-sante")
    ChallengeFactory(cohort=cohort, title="Données de l'eau", slug="donnees-eau")
    mentor = UserFactory(username="mentor", email="mentor@example.fr")
    TeamMembershipFactory(
        challenge=challenge,
        person=PersonFactory(full_name="Bruno Mentor", user=mentor),
        role=TeamRole.MENTOR,
    )
    return challenge


def browser_as(browser, live_server, user):
    """A browser tab logged in as ``user`` (its session cookie set by Django's test client)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context, context.new_page()


def assert_accessible(page, axe) -> None:
    violations = axe(page)
    assert violations == [], axe.describe(violations)


def test_apply_submit_review_select_and_the_fellow_appears_on_the_challenge(
    browser, page, live_server, axe, call, tmp_path, staff_user
):
    challenge = call
    candidate = UserFactory(username="candidate", email="ines@example.fr")
    cv_file = tmp_path / "mon-cv.pdf"
    cv_file.write_bytes(PDF_BYTES)

    # The candidate applies and submits.
    context, tab = browser_as(browser, live_server, candidate)
    tab.goto(live_server.url + "/candidature/")
    assert tab.locator("h1").inner_text() == "Espace candidat"
    assert_accessible(tab, axe)
    tab.get_by_role("link", name="Candidater à la promotion EIG 9").click()
    tab.wait_for_url("**/candidature/promotion/eig-9/")
    assert tab.get_by_text("Vos données personnelles").is_visible()
    assert_accessible(tab, axe)
    tab.get_by_label("Nom complet").fill("Inès Candidate")
    tab.get_by_label("Profil").select_option(label="Data scientist")
    tab.get_by_label("CV au format PDF").set_input_files(str(cv_file))
    tab.get_by_label("Motivation").fill("Ouvrir les données de santé au public.")
    tab.get_by_label("Défi, premier choix").select_option(label="Lab santé")
    tab.get_by_label("Genre (facultatif)").select_option(label="Femme")
    tab.get_by_label("accepte, si retenu, d'apparaître sur le site public").check(force=True)
    tab.get_by_role("button", name="Déposer ma candidature").click()
    tab.wait_for_url("**/candidature/dossier/*/")
    assert tab.get_by_text("Votre candidature est déposée").is_visible()
    assert_accessible(tab, axe)
    tab.goto(live_server.url + "/candidature/effacement/")
    assert_accessible(tab, axe)
    context.close()

    application = Application.objects.get(candidate=candidate)
    assert application.status == ApplicationStatus.SUBMITTED
    # Staff assign the challenge's mentor as reviewer (the admin's assignment form, tested in
    # tests/selection/test_selection.py, calls the same rule).
    mentor = challenge.memberships.get(role=TeamRole.MENTOR).person.user
    review_assign(application=application, reviewer=mentor, stage=SelectionStage.FIRST_REVIEW)

    # The mentor declares no conflict, then scores.
    context, tab = browser_as(browser, live_server, mentor)
    tab.goto(live_server.url + "/jury-candidatures/")
    assert_accessible(tab, axe)
    tab.get_by_role("link", name="Inès Candidate").click()
    tab.get_by_label("Non, aucun conflit").check(force=True)
    tab.get_by_role("button", name="Enregistrer ma déclaration").click()
    assert tab.get_by_text("Ouvrir les données de santé au public.").is_visible()
    assert tab.get_by_text("Femme").count() == 0
    assert_accessible(tab, axe)
    tab.get_by_label("compétences (0 à 5)").select_option("4")
    tab.get_by_label("motivation (0 à 5)").select_option("5")
    tab.get_by_label("adéquation aux défis (0 à 5)").select_option("4")
    tab.get_by_label("commentaire").fill("Excellent profil.")
    tab.get_by_role("button", name="Enregistrer mon évaluation").click()
    assert tab.get_by_text("Votre évaluation est enregistrée.").is_visible()
    context.close()

    # Staff select the candidate from the admin.
    context, tab = browser_as(browser, live_server, staff_user)
    tab.goto(live_server.url + f"/admin/candidatures/{application.pk}/decision/")
    assert tab.get_by_text("Excellent profil.").is_visible()
    tab.get_by_role("radio", name="Retenue", exact=True).check()
    tab.get_by_role("button", name="Enregistrer la décision").click()
    expect(tab.get_by_text("Décision enregistrée")).to_be_visible()
    context.close()
    application.refresh_from_db()
    assert application.decision == Decision.SELECTED

    # The public challenge page shows the new fellow.
    page.goto(live_server.url + f"/defis/{challenge.cohort.slug}/{challenge.slug}/")
    assert page.get_by_role("link", name="Inès Candidate").is_visible()

    # The candidate reads the decision; the decided application is read-only.
    context, tab = browser_as(browser, live_server, candidate)
    tab.goto(live_server.url + f"/candidature/dossier/{application.pk}/")
    assert tab.get_by_text("ne peut plus être modifiée").is_visible()
    assert tab.get_by_text("Défi attribué : Lab santé.").is_visible()
    assert_accessible(tab, axe)
    context.close()
