from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _staff_roles_sync(sender, **kwargs):
    from eig.roles import staff_roles_sync

    staff_roles_sync()


class EigConfig(AppConfig):
    name = "eig"
    verbose_name = "EIG"

    def ready(self):
        # After every migrate: a permission added by a later migration reaches its groups.
        post_migrate.connect(_staff_roles_sync, sender=self)
        # A task that carries personal data leaves no row once it succeeded.
        from django_tasks.signals import task_finished

        from core.erasure import task_result_forget

        task_finished.connect(task_result_forget, dispatch_uid="eig-task-result-forget")
