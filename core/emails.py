"""E-mails of the program, rendered from French templates and sent in the background.

A message is two templates: ``templates/<name>_subject.txt`` (one line) and
``templates/<name>_message.txt`` (plain text). ``send_templated_email`` enqueues the sending once
the current transaction commits; the task renders and sends. The context must be JSON-serialisable
(plain strings, numbers, lists, dicts), since the database backend stores it.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template import Context
from django.template.loader import get_template
from django_tasks import task

from core.typography import without_doubled_words


def _render_text(template_name: str, context: dict) -> str:
    # Plain text: no HTML escaping (a title "<b>" stays "<b>" in the message).
    return get_template(template_name).template.render(Context(context, autoescape=False))


def render_email(name: str, context: dict) -> tuple[str, str]:
    # A word a template repeats ("la promotion Promotion 2027") is written once.
    subject = without_doubled_words(" ".join(_render_text(f"{name}_subject.txt", context).split()))
    body = without_doubled_words(_render_text(f"{name}_message.txt", context))
    return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body


@task()
def send_templated_email_task(*, name: str, recipients: list[str], context: dict) -> int:
    """Render and send one message to ``recipients``; returns the number of messages sent."""
    subject, body = render_email(name, context)
    return send_mail(subject, body, None, recipients, fail_silently=False)


def send_templated_email(name: str, recipients: list[str], context: dict) -> None:
    """Send the message ``name`` in the background, after the current transaction commits."""
    recipients = [address for address in recipients if address]
    if not recipients:
        return
    transaction.on_commit(
        lambda: send_templated_email_task.enqueue(name=name, recipients=recipients, context=context)
    )
