"""Access-matrix rules for the checkout URLs of the "orders" namespace (see tests/access_matrix_rules.py).

Checkout is for buyers only: staff have no cart (404), applicants are sent to the pending page.
The "order placed" page shows an order of the buyer's own company only (another company's order
is a 404 like a missing one). In the matrix world the customer's and the employee's companies
are different companies.
"""
from tests.access_matrix_rules import PENDING, Rule, S

BUYERS_OK = dict(anonymous="login", staff="404", buyers="ok", applicant=PENDING)
OWN_ONLY = dict(anonymous="login", staff="404", buyers="404", customer="ok", applicant=PENDING)
NOBODY = dict(anonymous="login", staff="404", buyers="404", applicant=PENDING)

RULES: tuple[Rule, ...] = (
    Rule(
        "checkout",
        names=("orders:checkout",),
        samples=(
            S("/checkout/", **BUYERS_OK),  # the form, or why the cart cannot be ordered yet
            S("/checkout/", method="POST", data={"token": "0" * 32, "delivery_address": "x"}, **BUYERS_OK),  # errors, no order
        ),
    ),
    Rule(
        "checkout-order-placed",
        names=("orders:order_placed",),
        samples=(
            S("/checkout/placed/{checkout_order_own}/", **OWN_ONLY),
            S("/checkout/placed/{checkout_order_other}/", **NOBODY),  # a company none of the matrix users belongs to
            S("/checkout/placed/999999/", **NOBODY),
        ),
    ),
)


def world(users, values) -> dict:
    """A placed order of the customer's company and one of a company without matrix users."""
    from backoffice.orders.models import Order
    from tests.factories import CompanyFactory

    own = Order.objects.create(company=users["customer"].company, number="MATRIX/CHECKOUT/1", placed_by=users["customer"])
    other = Order.objects.create(company=CompanyFactory(), number="MATRIX/CHECKOUT/2")
    return {"checkout_order_own": own.pk, "checkout_order_other": other.pk}
