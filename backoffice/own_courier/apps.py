from django.utils.translation import gettext_lazy as _

from backoffice.orders.method_apps import CheckoutMethodsAppConfig


class OwnCourierConfig(CheckoutMethodsAppConfig):
    name = "backoffice.own_courier"
    label = "own_courier"
    verbose_name = _("Own courier")
    default = True
    # Modules defining a checkout method handler as HANDLER (backoffice/orders/checkout_methods.py).
    handler_modules = ("backoffice.own_courier.handler",)
