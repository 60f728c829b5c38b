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
        # Django sends post_migrate only for apps with models, which eig has none of: the sync
        # follows auth's (it creates every app's permissions itself, so the order is free).
        from django.apps import apps

        post_migrate.connect(
            _staff_roles_sync,
            sender=apps.get_app_config("auth"),
            dispatch_uid="eig-staff-roles-sync",
        )
        # A task that carries personal data leaves no row once it succeeded.
        from django_tasks.signals import task_finished

        from core.erasure import task_result_forget

        task_finished.connect(task_result_forget, dispatch_uid="eig-task-result-forget")
