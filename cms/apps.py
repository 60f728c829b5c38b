from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site public")

    def ready(self) -> None:
        from core.cache import connect_cache_invalidation
        from core.tabular import guard_wagtail_exports
        from core.text_search import connect_text_search

        connect_cache_invalidation()
        connect_text_search()
        guard_wagtail_exports()
