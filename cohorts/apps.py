from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = _("Promotions et personnes")

    def ready(self) -> None:
        from cohorts.services import account_person_unlink
        from core.erasure import register_account_eraser

        register_account_eraser("cohorts", account_person_unlink)
