"""The call for challenges in a real browser: an invited agent signs up, verifies their e-mail
address, joins their administration, proposes and submits a challenge; a jury member scores it;
staff sign in with their second factor, select it from the round's ranking in the Wagtail admin
and publish the challenge there, which then appears on the public site. axe-core finds no
accessibility violation on the front-office pages."""

import re
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from projects import services
from projects.models import Challenge, ChallengeProposal, ProposalStatus
from tests.call_factories import (
    PDF_BYTES,
    MembershipFactory,
    OpenCallCohortFactory,
    VerifiedUserFactory,
)

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EIG_PRIVATE_MEDIA_ROOT = tmp_path / "private"


def assert_accessible(page, axe) -> None:
    violations = axe(page)
    assert violations == [], f"{page.url}\n" + axe.describe(violations)


def link_in_last_email(pattern: str) -> str:
    match = re.search(pattern, mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(0)


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def log_in(page, live_server, email: str) -> None:
    page.goto(live_server.url + "/comptes/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/comptes/login/" not in url)


def current_totp_code(user) -> str:
    """The code the user's authenticator application shows now (their TOTP secret, RFC 6238)."""
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    # The server accepts only the current period's code: near the end of a period, wait for the
    # next one (a few seconds at most) so that the code is still valid when the form arrives.
    left = mfa_settings.TOTP_PERIOD - time.time() % mfa_settings.TOTP_PERIOD
    if left < 5:
        time.sleep(left)
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def test_a_challenge_from_proposal_to_public_site(page, browser, live_server, axe, public_site):
    cohort = OpenCallCohortFactory(name="EIG 9", slug="eig-9", number=9, year=2026)
    inviter = MembershipFactory(administration__name="Direction des usagers")
    services.invitation_send(
        administration=inviter.administration,
        email="nouvelle.agente@example.fr",
        invited_by=inviter.user,
    )
    invitation_path = path_of(link_in_last_email(r"https?://\S+/espace-administration/\S+/"))

    # The agent signs up and verifies their address through the e-mailed link.
    page.goto(live_server.url + "/comptes/signup/")
    page.fill("input[name=email]", "nouvelle.agente@example.fr")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/comptes/confirm-email/")
    confirm_path = path_of(link_in_last_email(r"https?://\S+/comptes/confirm-email/\S+/"))
    page.goto(live_server.url + confirm_path)
    page.locator("main form button[type=submit]").first.click()
    log_in(page, live_server, "nouvelle.agente@example.fr")

    # They accept the invitation and land in their administration's space.
    page.goto(live_server.url + invitation_path)
    assert_accessible(page, axe)
    page.get_by_role("button", name="Accepter l'invitation").click()
    page.wait_for_url("**/espace-administration/")
    assert page.get_by_text("Direction des usagers").first.is_visible()
    assert_accessible(page, axe)

    # They invite a colleague: a mistyped address is refused next to the field, then sent.
    with page.expect_navigation():
        page.get_by_role("link", name="Inviter un ou une collègue").click()
    page.get_by_label("Adresse e-mail de votre collègue").fill("collegue@")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    email_field = page.get_by_label("Adresse e-mail de votre collègue")
    assert email_field.get_attribute("aria-invalid") == "true"
    assert page.locator(f"#{email_field.get_attribute('aria-describedby')}").is_visible()
    assert email_field.input_value() == "collegue@"
    assert_accessible(page, axe)
    email_field.fill("collegue@usagers.gouv.fr")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    page.wait_for_url("**/espace-administration/")
    assert page.get_by_text("Une invitation est envoyée à collegue@usagers.gouv.fr.").is_visible()

    # They propose a challenge: a draft first, then the details, an attachment, the submission.
    with page.expect_navigation():
        page.get_by_role("link", name="Proposer un défi").click()
    assert_accessible(page, axe)
    page.get_by_label("Titre du défi").fill("Orienter les usagers")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_url("**/modifier/")
    assert page.get_by_text("Votre brouillon est enregistré.").is_visible()
    page.get_by_label("Problème à résoudre").fill("Les usagers se perdent entre les guichets.")
    page.get_by_label("Objectif").fill("Un outil d'orientation.")
    page.get_by_label("Données disponibles").fill("Trois ans de demandes.")
    page.locator("label", has_text="Développeur ou développeuse").click()
    page.locator("label", has_text="Designer").click()
    page.get_by_label("Nombre de postes").fill("2")
    page.get_by_label("Porteur ou porteuse du défi").fill("Claire Dupont, directrice")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_url("**/modifier/")
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "cadrage.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.get_by_role("button", name="Ajouter la pièce jointe").click()
    assert page.get_by_role("link", name="cadrage.pdf").is_visible()
    assert_accessible(page, axe)
    page.get_by_role("button", name="Déposer la proposition").click()
    page.wait_for_url(re.compile(r".*/propositions/\d+/$"))
    assert page.get_by_text("Votre proposition est déposée").is_visible()
    assert_accessible(page, axe)
    proposal = ChallengeProposal.objects.get()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.attachments.count() == 1

    # Staff open a review round and assign a jury member, who scores the proposal.
    review_round = services.review_round_open(
        cohort=cohort, name="Jury 2026", criteria=["Impact", "Faisabilité"]
    )
    reviewer = VerifiedUserFactory(email="jure@example.fr")
    services.review_assign(review_round=review_round, proposal=proposal, reviewer=reviewer)
    jury_context = browser.new_context(locale="fr-FR")
    jury_page = jury_context.new_page()
    try:
        log_in(jury_page, live_server, "jure@example.fr")
        jury_page.goto(live_server.url + "/espace-jury/")
        assert_accessible(jury_page, axe)
        with jury_page.expect_navigation():
            jury_page.get_by_role("link", name="Orienter les usagers").click()
        assert_accessible(jury_page, axe)
        jury_page.get_by_label("Impact").select_option("4")
        jury_page.get_by_label("Faisabilité").select_option("5")
        jury_page.get_by_label("Commentaire").fill("Un besoin clair.")
        jury_page.get_by_role("button", name="Enregistrer mon évaluation").click()
        jury_page.wait_for_url("**/espace-jury/")
        assert jury_page.get_by_text("Notée").is_visible()
    finally:
        jury_context.close()

    # Staff sign in (password, then the code of their authenticator application), open the
    # round's ranking in the admin and select the proposal: it becomes an unpublished challenge.
    staff = VerifiedUserFactory(username="equipe", email="equipe@example.fr", staff=True)
    ranking_path = reverse("projects_call:ranking", args=[review_round.pk])
    staff_context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    staff_context.set_default_timeout(10_000)
    visitor_context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    visitor_context.set_default_timeout(10_000)
    staff_page = staff_context.new_page()
    visitor = visitor_context.new_page()
    try:
        staff_page.goto(live_server.url + ranking_path)
        staff_page.wait_for_url("**/comptes/login/**")
        staff_page.fill("input[name=login]", "equipe@example.fr")
        staff_page.fill("input[name=password]", PASSWORD)
        staff_page.locator("main form button[type=submit]").first.click()
        staff_page.wait_for_url(lambda url: "/comptes/login/" not in url)
        code_form = staff_page.locator("main form", has=staff_page.locator("input[name=code]"))
        code_form.locator("input[name=code]").fill(current_totp_code(staff))
        code_form.locator("button[type=submit]").first.click()
        staff_page.wait_for_url("**" + ranking_path)
        row = staff_page.get_by_role("row", name=re.compile("Orienter les usagers"))
        expect(row).to_contain_text("4,50")
        row.get_by_role("button", name="Retenir", exact=True).click()
        expect(staff_page.get_by_text("« Orienter les usagers » est retenue")).to_be_visible()
        expect(
            staff_page.get_by_role("row", name=re.compile("Orienter les usagers"))
        ).to_contain_text("non publié")
        proposal.refresh_from_db()
        assert proposal.status == ProposalStatus.SELECTED
        assert "retenu" in mail.outbox[-1].subject

        # Not public yet.
        visitor.goto(live_server.url + "/defis/")
        assert visitor.get_by_text("Orienter les usagers").count() == 0

        # Staff publish the challenge from its edit form in the admin.
        staff_page.goto(live_server.url + reverse(Challenge.snippet_viewset.get_url_name("list")))
        staff_page.get_by_role("link", name="Orienter les usagers").first.click()
        staff_page.wait_for_url("**/edit/**")
        staff_page.get_by_label("publié sur le site").check()
        staff_page.get_by_role("button", name="Enregistrer").first.click()
        expect(staff_page.locator(".messages .success")).to_be_visible()
        challenge = Challenge.objects.get(pk=proposal.challenge_id)
        assert challenge.is_published

        # Any visitor now finds the challenge on the public site.
        visitor.goto(live_server.url + "/defis/")
        assert_accessible(visitor, axe)
        visitor.get_by_role("link", name="Orienter les usagers").first.click()
        expect(visitor.get_by_role("heading", level=1, name="Orienter les usagers")).to_be_visible()
        assert_accessible(visitor, axe)
    finally:
        staff_context.close()
        visitor_context.close()
