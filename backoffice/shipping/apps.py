from django.utils.translation import gettext_lazy as _

from backoffice.orders.method_apps import CheckoutMethodsAppConfig


class ShippingConfig(CheckoutMethodsAppConfig):
    name = "backoffice.shipping"
    label = "shipping"
    verbose_name = _("Delivery")
    default = True
    # Modules defining a checkout method handler as HANDLER (backoffice/orders/checkout_methods.py).
    handler_modules = ("backoffice.shipping.courier",)
