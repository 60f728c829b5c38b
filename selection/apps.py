from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelectionConfig(AppConfig):
    name = "selection"
    verbose_name = _("Appel à candidatures")

    def ready(self) -> None:
        from core.erasure import register_account_eraser, register_account_keeper
        from core.spaces import register_space
        from selection import rules, services

        register_account_eraser("selection", services.candidate_erase)
        register_account_keeper("selection", services.account_jury_keeper)

        register_space(
            key="candidate",
            label=_("Espace candidat"),
            url_name="selection:candidate-space",
            visible_to=rules.may_apply,
            icon="fr-icon-file-text-line",
        )
        register_space(
            key="application-reviewer",
            label=_("Espace jury candidatures"),
            url_name="selection:reviewer-space",
            visible_to=rules.is_reviewer,
            icon="fr-icon-team-line",
        )
