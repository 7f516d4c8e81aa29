from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Modules defining a payment method handler as HANDLER (backoffice/orders/checkout_methods.py).
HANDLER_MODULES = ("backoffice.payments.bank_transfer", "backoffice.payments.on_terms", "backoffice.payments.cash_on_delivery")


class PaymentsConfig(AppConfig):
    name = "backoffice.payments"
    label = "payments"
    verbose_name = _("Payments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from backoffice.orders.checkout_methods import register_method

        for module in HANDLER_MODULES:
            register_method(import_module(module).HANDLER)
