"""Background tasks of the surveys: e-mailing a personal link.

The task receives only the invitation's id: it makes the link's token itself, so that the token
is never stored, not even in the task's arguments (``TASKS_BACKEND=database``).

Inviting and reminding start here: ``survey_invite`` and ``survey_remind`` call the services of
the same names, which hand each e-mail to ``invitation_email_queue``. The task module imports its
service, never the other way round.
"""

from django.db import transaction
from django_tasks import task

from alumni import services
from alumni.models import Survey
from alumni.services import SendOutcome, invitation_email_send


@task()
def invitation_email_send_task(*, invitation_id: int, kind: str, base_url: str | None) -> int:
    return invitation_email_send(invitation_id=invitation_id, kind=kind, base_url=base_url)


def invitation_email_queue(*, invitation_id: int, kind: str, base_url: str | None) -> None:
    """Queue the invitation's e-mail once the current transaction commits."""
    transaction.on_commit(
        lambda: invitation_email_send_task.enqueue(
            invitation_id=invitation_id, kind=kind, base_url=base_url
        )
    )


def survey_invite(*, survey: Survey, base_url: str | None = None) -> SendOutcome:
    """Invite everyone of the survey's audience not invited yet; the e-mails leave in the
    background once the invitations are committed."""
    return services.survey_invite(
        survey=survey, queue_email=invitation_email_queue, base_url=base_url
    )


def survey_remind(*, survey: Survey, base_url: str | None = None) -> SendOutcome:
    """Remind those who have not answered; the e-mails leave in the background once the
    reminders are committed."""
    return services.survey_remind(
        survey=survey, queue_email=invitation_email_queue, base_url=base_url
    )
