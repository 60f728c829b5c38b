"""Erasure of personal data, one path for every kind: a candidate erasing their applications,
a person deleting their account, the data protection team erasing a person on request, and the
retention purge.

An ``Erasure`` deletes records and everything that would keep a copy of them:

- each record deleted, and each one its deletion cascades to, loses its change history
  (django-simple-history rows) and its files (removed once the transaction commits);
- the admin's log entries about those records keep who did what and when, but their label and
  data are replaced by a neutral text;
- log entries and background task rows that still carry one of the erased texts (a name, an
  address) are neutralised or deleted, whatever record they are about.

Apps register what an account deletion erases with ``register_account_eraser``, in their
``AppConfig.ready()``; ``account_erase`` runs them, then deletes the account, its addresses,
its second factors and its sessions.
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import models, router, transaction
from django.db.models import Q
from django.db.models.deletion import Collector
from django.utils.translation import gettext_lazy as _
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_app_model_primary_key_name, get_history_model_for_model

ERASED_LABEL = _("Donnée personnelle effacée")

_ACCOUNT_ERASERS: dict[str, Callable] = {}
_ACCOUNT_KEEPERS: dict[str, Callable] = {}


def register_account_eraser(key: str, eraser: Callable) -> None:
    """``eraser(user=, erasure=)`` erases what the app holds about an account being deleted."""
    _ACCOUNT_ERASERS[key] = eraser


def register_account_keeper(key: str, keeper: Callable) -> None:
    """``keeper(user)`` returns why the account's owner may not delete it themselves (the
    program still needs it: a jury's pending work…), or an empty text."""
    _ACCOUNT_KEEPERS[key] = keeper


def account_deletion_refusals(user) -> list[str]:
    """Why ``user`` may not delete their own account; empty when they may."""
    reasons = []
    if user.is_staff or user.is_superuser:
        reasons.append(
            str(_("Un compte de l'équipe du programme est supprimé par un administrateur."))
        )
    for keeper in _ACCOUNT_KEEPERS.values():
        reason = keeper(user)
        if reason:
            reasons.append(str(reason))
    return reasons


class Erasure:
    """Collects what is erased within one transaction; ``finish`` removes the traces."""

    def __init__(self, *, texts: Iterable[str] = ()) -> None:
        self.texts: set[str] = set()
        self.forgotten: dict[type[models.Model], set[str]] = {}
        self.files: list[tuple] = []
        self.remember(*texts)

    def remember(self, *texts: str) -> None:
        """Texts (names, addresses) that no trace may keep once the erasure is done."""
        self.texts.update(text.strip() for text in texts if text and len(text.strip()) >= 3)

    def delete(self, objects) -> int:
        """Delete ``objects`` (a queryset, a list or one instance) with everything their
        deletion cascades to, and forget their history and files. Returns how many records
        were deleted."""
        if isinstance(objects, models.Model):
            objects = [objects]
        objects = list(objects)
        if not objects:
            return 0
        collector = Collector(using=router.db_for_write(type(objects[0])), origin=objects)
        collector.collect(objects)
        doomed = [(model, list(instances)) for model, instances in collector.data.items()]
        doomed += [(queryset.model, list(queryset)) for queryset in collector.fast_deletes]
        # The keys and files are read before the deletion, which empties the instances' keys.
        doomed = [(model, [o.pk for o in instances]) for model, instances in doomed if instances]
        for model, instances in collector.data.items():
            self._files_remember(model, instances)
        for queryset in collector.fast_deletes:
            self._files_remember(queryset.model, list(queryset))
        deleted, _per_model = collector.delete()
        # After the deletion, which adds a last history row of its own.
        for model, pks in doomed:
            self._forget(model, pks)
        return deleted

    def _files_remember(self, model, instances) -> None:
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                for instance in instances:
                    file = getattr(instance, field.attname)
                    if file:
                        self.files.append((file.storage, file.name))

    def _forget(self, model, pks) -> None:
        concrete = model._meta.concrete_model
        self.forgotten.setdefault(concrete, set()).update(str(pk) for pk in pks)
        history = _history_model(concrete)
        if history is not None:
            key = get_app_model_primary_key_name(concrete)
            history.objects.filter(**{f"{key}__in": pks}).delete()

    def finish(self) -> None:
        """Neutralise the log entries and delete the task rows that keep an erased trace, and
        remove the files once the transaction commits."""
        from wagtail.models import ModelLogEntry, PageLogEntry

        for model, pks in self.forgotten.items():
            content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
            ModelLogEntry.objects.filter(content_type=content_type, object_id__in=pks).update(
                label=str(ERASED_LABEL), data={}
            )
        if self.texts:
            for log_model in (ModelLogEntry, PageLogEntry):
                log_model.objects.filter(_any_contains("label", self.texts)).update(
                    label=str(ERASED_LABEL), data={}
                )
            _task_rows_delete(self.texts)
        files = list(self.files)
        if files:
            transaction.on_commit(lambda: _files_delete(files))


def _history_model(model):
    try:
        return get_history_model_for_model(model)
    except NotHistoricalModelError:
        return None


def _any_contains(field: str, texts: Iterable[str]) -> Q:
    query = Q()
    for text in texts:
        query |= Q(**{f"{field}__icontains": text})
    return query


def _task_rows_delete(texts: set[str]) -> int:
    """Delete the background task rows whose arguments, result or error mention an erased
    text, except one a worker is running (it is deleted once finished, by the prune job)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    candidates = DBTaskResult.objects.exclude(status=TaskResultStatus.RUNNING)
    wanted = [text.casefold() for text in texts]
    doomed = []
    for task_id, args_kwargs, return_value, traceback in candidates.values_list(
        "id", "args_kwargs", "return_value", "traceback"
    ).iterator(chunk_size=500):
        blob = f"{args_kwargs} {return_value} {traceback}".casefold()
        if any(text in blob for text in wanted):
            doomed.append(task_id)
    deleted, _per_model = DBTaskResult.objects.filter(id__in=doomed).delete()
    return deleted


def _files_delete(files: list[tuple]) -> None:
    for storage, name in files:
        storage.delete(name)


def erasure_run(*, texts: Iterable[str] = (), work: Callable[[Erasure], object]):
    """Run ``work(erasure)`` in one transaction, then remove the traces; returns its result."""
    with transaction.atomic():
        erasure = Erasure(texts=texts)
        result = work(erasure)
        erasure.finish()
    return result


def account_texts(user) -> list[str]:
    """The texts that identify an account: its addresses and its name."""
    from allauth.account.models import EmailAddress

    addresses = list(EmailAddress.objects.filter(user=user).values_list("email", flat=True))
    return [user.email, *addresses, user.get_full_name(), user.get_username()]


def account_erase(*, user, erasure: Erasure | None = None) -> None:
    """Delete an account with what every app holds about it (its registered erasers), its
    addresses, second factors, sessions and Wagtail profile."""
    if erasure is None:
        erasure_run(texts=account_texts(user), work=lambda e: account_erase(user=user, erasure=e))
        return
    erasure.remember(*account_texts(user))
    for eraser in _ACCOUNT_ERASERS.values():
        eraser(user=user, erasure=erasure)
    for session in Session.objects.filter(expire_date__gt=_now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
    user_model = get_user_model()
    erasure.delete(user_model.objects.filter(pk=user.pk))


def _now():
    from django.utils import timezone

    return timezone.now()


def task_result_forget(sender=None, *, task_result, **kwargs) -> None:
    """Once a task that carries personal data succeeded, its row goes (connected to
    django-tasks' ``task_finished`` in ``eig.apps``)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    # django-tasks sends the backend itself on success and its class on failure.
    backend_class = sender if isinstance(sender, type) else type(sender)
    if not issubclass(backend_class, DatabaseBackend):
        return  # no row: the task ran in the request (the immediate backend)
    if task_result.status != TaskResultStatus.SUCCESSFUL:
        return
    if task_result.task.module_path not in settings.EIG_PERSONAL_TASKS:
        return
    DBTaskResult.objects.filter(id=task_result.id).delete()
