"""F04: cash on delivery, with the optional fee staff set on the method (Delivery and payment
methods in the back office)."""
from django.utils.translation import gettext_lazy as _

from backoffice.orders.checkout import PaymentMethod
from backoffice.orders.checkout_methods import PAYMENT, CheckoutMethod


class CashOnDeliveryPayment(CheckoutMethod):
    kind = PAYMENT
    code = PaymentMethod.CASH_ON_DELIVERY.value
    label = _("cash on delivery")
    position = 40


HANDLER = CashOnDeliveryPayment()
