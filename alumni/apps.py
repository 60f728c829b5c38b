from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlumniConfig(AppConfig):
    name = "alumni"
    verbose_name = _("Alumni")

    def ready(self) -> None:
        from alumni.rules import user_can_browse_directory, user_is_network_member
        from core.spaces import register_space

        register_space(
            key="alumni-profile",
            label=_("Mon profil d'ancien"),
            url_name="alumni:profile",
            visible_to=user_is_network_member,
        )
        register_space(
            key="alumni-directory",
            label=_("Annuaire"),
            url_name="alumni:directory",
            visible_to=user_can_browse_directory,
            icon="fr-icon-team-line",
        )
