from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Administrations et défis")

    def ready(self):
        from core.erasure import register_account_eraser, register_account_keeper
        from core.spaces import register_space
        from projects import rules, rules_progress, services

        register_account_eraser("projects", services.account_invitations_erase)
        register_account_keeper("projects", services.account_jury_keeper)

        register_space(
            key="administration",
            label=_("Espace administration"),
            url_name="projects:space",
            visible_to=rules.is_agent,
            icon="fr-icon-government-line",
        )
        register_space(
            key="jury",
            label=_("Espace jury"),
            url_name="projects:jury-space",
            visible_to=rules.is_reviewer,
            icon="fr-icon-survey-line",
        )
        register_space(
            key="team",
            label=_("Espace équipe"),
            url_name="team:home",
            visible_to=rules_progress.is_team_member,
            icon="fr-icon-team-line",
        )
