"""The AppConfig of an app that provides checkout methods (delivery or payment handlers)."""
from importlib import import_module

from django.apps import AppConfig


class CheckoutMethodsAppConfig(AppConfig):
    """Registers the HANDLER of each module in `handler_modules` when the app is ready
    (backoffice/orders/checkout_methods.py)."""

    default = False  # never an app's config by itself: each app's subclass sets default = True
    default_auto_field = "django.db.models.BigAutoField"
    handler_modules: tuple[str, ...] = ()

    def ready(self):
        from .checkout_methods import register_method

        for module in self.handler_modules:
            register_method(import_module(module).HANDLER)
