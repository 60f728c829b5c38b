"""Wagtail admin: the selection of the fellows (applications, reviewers, interviews,
decisions) and the statistics of the calls for candidates, for program staff."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from core.admin import PermissionMenuItem
from selection import admin_urls
from selection.models import Application
from selection.viewsets import NoCreatePermissionPolicy, SelectionGroup

register_permission_policy(Application, NoCreatePermissionPolicy(Application))
register_snippet(SelectionGroup)


@hooks.register("register_admin_urls")
def register_selection_urls():
    return [path("candidatures/", include(admin_urls, namespace="selection_admin"))]


@hooks.register("register_admin_menu_item")
def register_statistics_menu_item():
    return PermissionMenuItem(
        _("Statistiques des candidatures"),
        reverse("selection_admin:statistics"),
        name="statistiques-candidatures",
        icon_name="table",
        order=905,
        permission="selection.view_equalitystatistics",
    )
