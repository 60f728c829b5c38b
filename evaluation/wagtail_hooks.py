"""Wagtail admin: the evaluation pages (indicators and reports), shown to program staff only."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.admin import PermissionMenuItem
from evaluation import admin_urls


@hooks.register("register_admin_urls")
def register_evaluation_urls():
    return [path("evaluation/", include(admin_urls, namespace="evaluation"))]


@hooks.register("register_admin_menu_item")
def register_indicators_menu_item():
    return PermissionMenuItem(
        _("Indicateurs"),
        reverse("evaluation:indicators"),
        name="indicateurs",
        icon_name="table",
        order=900,
        permission="evaluation.view_indicators",
    )


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return PermissionMenuItem(
        _("Rapports d'évaluation"),
        reverse("evaluation:reports"),
        name="rapports-evaluation",
        icon_name="doc-full",
        order=910,
        permission="evaluation.view_report",
    )
