"""Delivery by our courier (L01-L03, L05): shipping cost from the staff's tables."""
from django.utils.translation import gettext_lazy as _

from backoffice.orders.checkout import DeliveryMethod
from backoffice.orders.checkout_methods import DELIVERY, CheckoutMethod


class CourierDelivery(CheckoutMethod):
    kind = DELIVERY
    code = DeliveryMethod.COURIER.value
    label = _("courier")
    position = 10


HANDLER = CourierDelivery()
