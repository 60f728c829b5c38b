"""Wagtail admin of the cohorts: the menu « Promotions » (promotions, people, fellowships).

The events and their attendance are shown in « Vie du programme », registered by the projects
(projects/wagtail_hooks.py) with the progress reports."""

from cohorts.viewsets import CohortsGroup
from core.viewsets import MENU_GROUPS

MENU_GROUPS.register(CohortsGroup)
