from django.utils.translation import gettext_lazy as _

from backoffice.orders.method_apps import CheckoutMethodsAppConfig


class PickupConfig(CheckoutMethodsAppConfig):
    name = "backoffice.pickup"
    label = "pickup"
    verbose_name = _("Personal pickup")
    default = True
    # Modules defining a checkout method handler as HANDLER (backoffice/orders/checkout_methods.py).
    handler_modules = ("backoffice.pickup.handler",)
