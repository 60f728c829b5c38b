"""Wagtail admin of the projects: the menus « Défis », « Appel à défis » and « Vie du
programme », the quiet teams, who is behind in the onboarding and offboarding checklists, and
the staff pages of the call for challenges (ranking, decisions).

Invitations are sent by agents from their space (they carry a signed link by e-mail); staff make
the first agent of an administration here, in "Agents des administrations"."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from core.admin import PermissionMenuItem
from core.viewsets import MENU_GROUPS
from projects import call_urls, checklist_admin_urls
from projects.viewsets import (
    CallForChallengesGroup,
    ChallengesGroup,
    ProgramLifeGroup,
    QuietTeamsViewSet,
)

CALL_VIEWSETS = CallForChallengesGroup.items

register_snippet(CallForChallengesGroup)
MENU_GROUPS.register(ChallengesGroup)
MENU_GROUPS.register(ProgramLifeGroup)


@hooks.register("register_admin_urls")
def register_call_urls():
    return [
        path("appel-a-defis/", include(call_urls, namespace="projects_call")),
        path(
            "qui-est-en-retard/",
            include(checklist_admin_urls, namespace="checklists_admin"),
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_checklists_overdue_menu_item():
    return PermissionMenuItem(
        _("Qui est en retard"),
        reverse("checklists_admin:overdue"),
        name="qui-est-en-retard",
        icon_name="warning",
        order=217,
        permission=checklist_admin_urls.OVERDUE_PERMISSION,
    )


@hooks.register("register_admin_viewset")
def register_quiet_teams_viewset():
    return QuietTeamsViewSet()
