"""Background tasks of the surveys: e-mailing a personal link.

The task receives only the invitation's id: it makes the link's token itself, so that the token
is never stored, not even in the task's arguments (``TASKS_BACKEND=database``).
"""

from django_tasks import task

from alumni.services import invitation_email_send


@task()
def invitation_email_send_task(*, invitation_id: int, kind: str, base_url: str | None) -> int:
    return invitation_email_send(invitation_id=invitation_id, kind=kind, base_url=base_url)
