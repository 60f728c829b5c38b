from django.apps import AppConfig


class ProConnectConfig(AppConfig):
    name = "eig.proconnect"
    label = "proconnect"
    verbose_name = "ProConnect"
