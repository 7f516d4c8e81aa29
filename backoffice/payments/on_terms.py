"""F01: trade credit, for customers the ERP allows to buy on terms."""
from django.utils.translation import gettext_lazy as _

from backoffice.orders.checkout import PaymentMethod
from backoffice.orders.checkout_methods import PAYMENT, CheckoutMethod


class OnTermsPayment(CheckoutMethod):
    kind = PAYMENT
    code = PaymentMethod.ON_TERMS.value
    label = _("on payment terms")
    position = 10

    def is_offered(self, ctx) -> bool:
        return bool(ctx.company.may_buy_on_terms)


HANDLER = OnTermsPayment()
