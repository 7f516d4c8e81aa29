from django.utils.translation import gettext_lazy as _

from backoffice.orders.method_apps import CheckoutMethodsAppConfig


class PaymentsConfig(CheckoutMethodsAppConfig):
    name = "backoffice.payments"
    label = "payments"
    verbose_name = _("Payments")
    default = True
    # Modules defining a checkout method handler as HANDLER (backoffice/orders/checkout_methods.py).
    handler_modules = ("backoffice.payments.bank_transfer", "backoffice.payments.on_terms", "backoffice.payments.cash_on_delivery")
