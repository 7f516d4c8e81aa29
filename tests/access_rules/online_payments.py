"""Access-matrix rules of the online_payments area (see tests/access_matrix_rules.py and tests/access_rules/__init__.py).

Paying is for the buyer whose company placed the order (another company's order, or an order not
paid online, is a 404 like a missing one); staff have no storefront orders (404). In the matrix
world PayU is not configured, so "Pay now" shows the "not available" page (200).

PayU's notification URL is public (no login, no CSRF): the signature is its only authentication.
GET is refused (405) for everybody; a POST without a valid signature answers 400, which the matrix
cannot state, so that and "anonymous with a valid signature is accepted" are tested in
tests/online_payments/test_access.py.
"""
from tests.access_matrix_rules import PENDING, Rule, S

OWN_ONLY = dict(anonymous="login", staff="404", buyers="404", customer="ok", applicant=PENDING)
NOBODY = dict(anonymous="login", staff="404", buyers="404", applicant=PENDING)

RULES: tuple[Rule, ...] = (
    Rule(
        "online-payment-start",
        names=("orders:online_payment_start",),
        samples=(
            S("/pay/{online_order_own}/", **OWN_ONLY),
            S("/pay/{online_order_own}/", method="POST", **OWN_ONLY),
            S("/pay/{online_order_other}/", **NOBODY),  # a company none of the matrix users belongs to
            S("/pay/{online_order_not_online}/", **NOBODY),  # the customer's own order, paid another way
            S("/pay/999999/", **NOBODY),
        ),
    ),
    Rule(
        "online-payment-return",
        names=("orders:online_payment_return",),
        samples=(
            S("/pay/{online_order_own}/return/", **OWN_ONLY),
            S("/pay/{online_order_own}/return/?error=501", **OWN_ONLY),
            S("/pay/{online_order_other}/return/", **NOBODY),
            S("/pay/999999/return/", **NOBODY),
        ),
    ),
    Rule(
        "payu-notify",
        names=("orders:payu_notify",),
        samples=(S("/pay/payu/notify/", all="405"),),  # public, POST only
    ),
)


def world(users, values) -> dict:
    """An order of the customer's company awaiting an online payment, one paid by transfer, and one
    of a company without matrix users."""
    from backoffice.orders.models import Order
    from tests.factories import CompanyFactory

    waiting = dict(payment_method="online", status=Order.Status.AWAITING_PAYMENT)
    own = Order.objects.create(company=users["customer"].company, number="MATRIX/PAY/1", placed_by=users["customer"], **waiting)
    transfer = Order.objects.create(company=users["customer"].company, number="MATRIX/PAY/2", placed_by=users["customer"],
                                    payment_method="bank_transfer", status=Order.Status.AWAITING_PAYMENT)
    other = Order.objects.create(company=CompanyFactory(), number="MATRIX/PAY/3", **waiting)
    return {"online_order_own": own.pk, "online_order_other": other.pk, "online_order_not_online": transfer.pk}
