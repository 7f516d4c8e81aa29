"""F02: bank-transfer prepayment. The order waits for the money (AWAITING_PAYMENT)."""
from django.utils.translation import gettext_lazy as _

from backoffice.orders.checkout import PaymentMethod
from backoffice.orders.checkout_methods import PAYMENT, CheckoutMethod


class BankTransferPayment(CheckoutMethod):
    kind = PAYMENT
    code = PaymentMethod.BANK_TRANSFER.value
    label = _("bank transfer (prepayment)")
    position = 20
    prepaid = True


HANDLER = BankTransferPayment()
