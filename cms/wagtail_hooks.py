"""Wagtail admin registrations: the program's data, grouped in the admin menu."""

from wagtail.snippets.models import register_snippet

from cms.viewsets import MENU_GROUPS

for group in MENU_GROUPS:
    register_snippet(group)
