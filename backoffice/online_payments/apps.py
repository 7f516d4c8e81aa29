from django.utils.translation import gettext_lazy as _

from backoffice.orders.method_apps import CheckoutMethodsAppConfig


class OnlinePaymentsConfig(CheckoutMethodsAppConfig):
    name = "backoffice.online_payments"
    label = "online_payments"
    verbose_name = _("Online payments")
    default = True
    # Modules defining a checkout method handler as HANDLER (backoffice/orders/checkout_methods.py).
    handler_modules = ("backoffice.online_payments.handler",)
