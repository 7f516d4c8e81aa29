from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "backoffice.core"
    label = "core"
    verbose_name = _("Settings")

    def ready(self):
        from . import lookups  # noqa: F401  (registers field__in_ids)
