from django.apps import AppConfig


class EigConfig(AppConfig):
    name = "eig"
    verbose_name = "EIG"
