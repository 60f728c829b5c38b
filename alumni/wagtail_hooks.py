"""Wagtail admin of the alumni: the menu « Alumni » (positions) and the feedback surveys."""

from wagtail.snippets.models import register_snippet

from alumni.viewsets import AlumniGroup, SurveyViewSet
from core.viewsets import MENU_GROUPS

MENU_GROUPS.register(AlumniGroup)
register_snippet(SurveyViewSet)
