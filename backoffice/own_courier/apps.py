from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Modules defining a delivery method handler as HANDLER (backoffice/orders/checkout_methods.py).
HANDLER_MODULES = ("backoffice.own_courier.handler",)


class OwnCourierConfig(AppConfig):
    name = "backoffice.own_courier"
    label = "own_courier"
    verbose_name = _("Own courier")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from backoffice.orders.checkout_methods import register_method

        for module in HANDLER_MODULES:
            register_method(import_module(module).HANDLER)
