import pytest
from django.core import mail
from django_tasks import TaskResultStatus

from core.emails import send_templated_email, send_templated_email_task


@pytest.fixture
def email_template(tmp_path, settings):
    folder = tmp_path / "emails"
    folder.mkdir()
    (folder / "hello_subject.txt").write_text("Bonjour {{ name }}\n  et bienvenue\n")
    (folder / "hello_message.txt").write_text("Votre défi « {{ title }} » est reçu.\n")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    return "emails/hello"


def test_the_message_leaves_only_when_the_transaction_commits(
    db, email_template, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_templated_email(
            email_template, ["agent@example.gouv.fr"], {"name": "Ada", "title": "<b>Défi</b>"}
        )
        assert mail.outbox == []

    for callback in callbacks:
        callback()

    [message] = mail.outbox
    assert message.to == ["agent@example.gouv.fr"]
    assert message.subject == "[EIG] Bonjour Ada et bienvenue"
    # Plain text: nothing is HTML-escaped or interpreted.
    assert "« <b>Défi</b> »" in message.body


def test_no_recipient_sends_nothing(db, email_template, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_email(email_template, ["", ""], {"name": "Ada", "title": "x"})

    assert mail.outbox == []


def test_a_missing_template_fails_the_task_and_sends_nothing(db):
    result = send_templated_email_task.enqueue(
        name="emails/absent", recipients=["a@example.org"], context={}
    )

    assert result.status == TaskResultStatus.FAILED
    assert mail.outbox == []
