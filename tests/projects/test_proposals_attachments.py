"""Attachments of proposals: type read from the content, size limit, safe names, and served
only to those who may see the proposal."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects import uploads
from projects.models import ProposalAttachment
from tests.call_factories import (
    PDF_BYTES,
    AssignmentFactory,
    AttachmentFactory,
    MembershipFactory,
    ProposalFactory,
)

pytestmark = pytest.mark.django_db

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.fixture
def owner():
    return MembershipFactory(administration__name="Direction des usagers")


@pytest.fixture
def proposal(owner):
    return ProposalFactory(administration=owner.administration)


def upload(client, proposal, name, content):
    return client.post(
        reverse("projects:attachment-upload", args=[proposal.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("note.pdf", PDF_BYTES, "application/pdf"),
        ("schema.PNG", PNG_BYTES, "image/png"),
        ("photo.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
        ("cadrage.docx", docx_bytes(), uploads.DOCX.content_type),
        ("cadrage.odt", odt_bytes(), uploads.ODT.content_type),
    ],
)
def test_agent_uploads_accepted_types(
    client, owner, proposal, private_media, name, content, content_type
):
    client.force_login(owner.user)

    response = upload(client, proposal, name, content)

    attachment = ProposalAttachment.objects.get()
    assert response["Location"] == reverse("projects:proposal-edit", args=[proposal.pk])
    assert attachment.content_type == content_type
    assert attachment.size == len(content)
    stored = private_media / attachment.file.name
    assert stored.read_bytes() == content
    # The stored name is chosen by the application, not by the uploader.
    assert attachment.file.name.startswith("proposals/") and name not in attachment.file.name


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("faux.pdf", b"MZ\x90\x00 this is an executable", "ne correspond pas"),
        ("page.pdf", b"<html><script>alert(1)</script></html>", "ne correspond pas"),
        ("image.png", PDF_BYTES, "ne correspond pas"),
        ("archive.docx", odt_bytes(), "ne correspond pas"),
        ("script.sh", b"#!/bin/sh\nrm -rf /\n", "pas accepté"),
        ("sans-extension", PDF_BYTES, "pas accepté"),
    ],
)
def test_hostile_upload_is_refused(client, owner, proposal, name, content, message):
    client.force_login(owner.user)

    response = upload(client, proposal, name, content)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ProposalAttachment.objects.exists()


def test_oversized_upload_is_refused(client, owner, proposal, settings):
    client.force_login(owner.user)
    content = PDF_BYTES + b"0" * uploads.MAX_ATTACHMENT_SIZE

    response = upload(client, proposal, "gros.pdf", content)

    assert response.status_code == 400
    assert "taille maximale" in response.content.decode()
    assert not ProposalAttachment.objects.exists()


def test_path_tricks_never_choose_where_the_file_is_stored(
    client, owner, proposal, private_media, tmp_path
):
    client.force_login(owner.user)

    upload(client, proposal, "../../../../evil.pdf", PDF_BYTES)

    attachment = ProposalAttachment.objects.get()
    assert attachment.name == "evil.pdf"
    assert (private_media / attachment.file.name).resolve().is_relative_to(private_media)
    assert not (tmp_path / "evil.pdf").exists()


@pytest.mark.parametrize("name", ["../evil.pdf", "..\\..\\evil.pdf", "dir/evil.pdf", ".htaccess"])
def test_names_with_paths_are_refused_by_the_check(name):
    uploaded = SimpleUploadedFile("x.pdf", PDF_BYTES)
    uploaded._name = name  # as a storage-less caller could pass it, bypassing Django's basename

    with pytest.raises(ValidationError):
        uploads.check_attachment(uploaded)


def test_display_name_is_sanitised():
    assert uploads.safe_display_name("../a/<b>rapport final.PDF", uploads.PDF) == (
        "b_rapport final.pdf"
    )


def test_attachment_is_served_to_agents_of_the_administration(client, owner, proposal):
    attachment = AttachmentFactory(proposal=proposal)
    client.force_login(owner.user)

    response = client.get(reverse("projects:attachment-download", args=[attachment.pk]))

    assert response.status_code == 200
    # Reading the whole file closes the response (as a server would).
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert 'filename="note-de-cadrage.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"


def test_agent_of_another_administration_gets_404_on_the_attachment(client, proposal):
    attachment = AttachmentFactory(proposal=proposal)
    client.force_login(MembershipFactory().user)

    response = client.get(reverse("projects:attachment-download", args=[attachment.pk]))
    deletion = client.post(reverse("projects:attachment-delete", args=[attachment.pk]))

    assert response.status_code == 404
    assert deletion.status_code == 404
    assert ProposalAttachment.objects.filter(pk=attachment.pk).exists()


def test_reviewer_reads_attachments_of_assigned_proposals_until_a_conflict(client):
    assignment = AssignmentFactory()
    attachment = AttachmentFactory(proposal=assignment.proposal)
    url = reverse("projects:attachment-download", args=[attachment.pk])
    client.force_login(assignment.reviewer)

    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assignment.conflict_of_interest = True
    assignment.save()
    assert client.get(url).status_code == 404


def test_attachment_cannot_be_added_after_the_deadline(client, owner):
    from tests.call_factories import OpenCallCohortFactory, closed_call_dates

    proposal = ProposalFactory(
        administration=owner.administration, cohort=OpenCallCohortFactory(**closed_call_dates())
    )
    client.force_login(owner.user)

    response = upload(client, proposal, "note.pdf", PDF_BYTES)

    assert response["Location"] == reverse("projects:proposal-detail", args=[proposal.pk])
    assert not ProposalAttachment.objects.exists()


def test_attachments_are_limited_in_number(client, owner, proposal):
    AttachmentFactory.create_batch(uploads.MAX_ATTACHMENTS_PER_PROPOSAL, proposal=proposal)
    client.force_login(owner.user)

    response = upload(client, proposal, "une-de-trop.pdf", PDF_BYTES)

    assert response.status_code == 400
    assert "au plus 10 pièces jointes" in response.content.decode()
    assert proposal.attachments.count() == uploads.MAX_ATTACHMENTS_PER_PROPOSAL
