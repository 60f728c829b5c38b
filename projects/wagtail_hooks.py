"""Wagtail admin of the projects: the menus « Défis », « Appel à défis » and « Vie du
programme », the quiet teams, and the staff pages of the call for challenges (ranking,
decisions).

Invitations are sent by agents from their space (they carry a signed link by e-mail); staff make
the first agent of an administration here, in "Agents des administrations"."""

from django.urls import include, path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from core.viewsets import MENU_GROUPS
from projects import call_urls
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
    return [path("appel-a-defis/", include(call_urls, namespace="projects_call"))]


@hooks.register("register_admin_viewset")
def register_quiet_teams_viewset():
    return QuietTeamsViewSet()
