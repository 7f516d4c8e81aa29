"""F03: the "online payment" checkout method (PayU). Prepaid: the order waits for the money
(AWAITING_PAYMENT); the buyer goes to the gateway right after placing and may retry later from
the order's page ("Pay now")."""
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backoffice.orders.checkout import PaymentMethod
from backoffice.orders.checkout_methods import PAYMENT, CheckoutMethod, MethodContext

from .models import OnlinePayment
from .payu import payu_config

P = OnlinePayment.Status


def start_url(order) -> str:
    return reverse("orders:online_payment_start", args=[order.pk])


class OnlinePaymentMethod(CheckoutMethod):
    kind = PAYMENT
    code = PaymentMethod.ONLINE.value
    label = gettext_lazy("online payment (PayU)")
    position = 10
    prepaid = True

    def is_offered(self, ctx: MethodContext) -> bool:
        config = payu_config()
        return config is not None and str(ctx.currency).upper() in config.currencies

    def next_url(self, order) -> str | None:
        return start_url(order)

    def order_action(self, order):
        from .services import payment_due

        return (_("Pay now"), start_url(order)) if payment_due(order) else None

    def order_info(self, order) -> list[str]:
        from .services import latest_payment, payment_due

        if order.paid_at is not None:
            return [_("Paid online.")] if order.online_payments.filter(status=P.COMPLETED).exists() else []
        if not payment_due(order):
            return []
        payment = latest_payment(order)
        if payment is None or payment.status in (P.FAILED, P.CANCELED):
            return [_("The order waits for your online payment: it goes ahead as soon as the payment is confirmed.")]
        if payment.status == P.NEW:
            return [_("The online payment has been started but not yet confirmed by the payment service.")]
        return [_("The payment service is confirming your payment.")]


HANDLER = OnlinePaymentMethod()
