from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = _("Promotions et personnes")

    def ready(self) -> None:
        from cohorts import rules
        from eig.spaces import register_space

        register_space(
            key="candidate",
            label=_("Espace candidat"),
            url_name="cohorts:candidate-space",
            visible_to=rules.may_apply,
            icon="fr-icon-file-text-line",
        )
        register_space(
            key="application-reviewer",
            label=_("Espace jury candidatures"),
            url_name="cohorts:reviewer-space",
            visible_to=rules.is_reviewer,
            icon="fr-icon-team-line",
        )
