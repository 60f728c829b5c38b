from django.apps import AppConfig


class ProConnectConfig(AppConfig):
    name = "core.proconnect"
    label = "proconnect"
    verbose_name = "ProConnect"
