"""Wagtail admin: the selection of the fellows (applications, reviewers, interviews,
decisions) and the statistics of the calls for candidates, for program staff."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from cohorts import admin_urls
from cohorts.models import Application
from cohorts.viewsets import NoCreatePermissionPolicy, SelectionGroup
from eig.wagtail_hooks import StaffMenuItem

register_permission_policy(Application, NoCreatePermissionPolicy(Application))
register_snippet(SelectionGroup)


@hooks.register("register_admin_urls")
def register_selection_urls():
    return [path("candidatures/", include(admin_urls, namespace="cohorts_selection"))]


@hooks.register("register_admin_menu_item")
def register_statistics_menu_item():
    return StaffMenuItem(
        _("Statistiques des candidatures"),
        reverse("cohorts_selection:statistics"),
        name="statistiques-candidatures",
        icon_name="table",
        order=905,
    )
