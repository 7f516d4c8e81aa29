"""Access-matrix rules for the cart URLs of the "orders" namespace (see tests/access_matrix_rules.py).

Buyers only: staff have no cart (404), applicants are sent to the pending page. A buyer only ever
works on its own cart: another buyer's line id changes nothing (tests/cart/test_cart_views.py).
"""
from tests.access_matrix_rules import PENDING, Rule, S  # noqa: F401

BUYER_PAGE = dict(anonymous="login", staff="404", buyers="ok", applicant=PENDING)
POST_ONLY = dict(anonymous="login", staff="405", buyers="405", applicant=PENDING)

RULES: tuple[Rule, ...] = (
    Rule(
        "cart",
        names=("orders:cart",),
        samples=(
            S("/cart/", **BUYER_PAGE),
            S("/cart/", method="POST", data={"qty-{cart_line}": "3"}, **BUYER_PAGE),
        ),
    ),
    Rule(
        "cart-add",
        names=("orders:add_to_cart",),
        samples=(
            S("/cart/add/", **POST_ONLY),
            # the product has a price for the customer only; the others get an error message and go back
            S("/cart/add/", method="POST", data={"product": "{product}", "quantity": "1", "next": "/catalog/"},
              anonymous="login", staff="404", buyers="redirect:/catalog/", applicant=PENDING),
            S("/cart/add/", method="POST", data={"product": "{product}", "quantity": "1", "next": "https://evil.example.com/"},
              anonymous="login", staff="404", buyers="redirect:/cart/", applicant=PENDING),
        ),
    ),
    Rule(
        "cart-line-remove",
        names=("orders:cart_line_remove",),
        samples=(
            S("/cart/lines/{cart_line}/remove/", **POST_ONLY),
            S("/cart/lines/{cart_line}/remove/", method="POST", anonymous="login", staff="404", buyers="redirect:/cart/",
              applicant=PENDING),
            S("/cart/lines/999999/remove/", method="POST", anonymous="login", staff="404", buyers="redirect:/cart/", applicant=PENDING),
        ),
    ),
    Rule(
        "cart-clear",
        names=("orders:cart_clear",),
        samples=(
            S("/cart/clear/", **POST_ONLY),
            S("/cart/clear/", method="POST", anonymous="login", staff="404", buyers="redirect:/cart/", applicant=PENDING),
        ),
    ),
    Rule(
        "cart-quick-order",
        names=("orders:quick_order",),
        samples=(
            S("/cart/quick-order/", **BUYER_PAGE),
            S("/cart/quick-order/", method="POST", data={"lines": "NO-SUCH-CODE 1"}, **BUYER_PAGE),
        ),
    ),
    Rule(
        "cart-import",
        names=("orders:cart_import", "orders:cart_import_sample"),
        samples=(
            S("/cart/import/", **BUYER_PAGE),
            S("/cart/import/", method="POST", data={}, **BUYER_PAGE),  # no file: the form again
            S("/cart/import/sample.csv", **BUYER_PAGE),
        ),
    ),
)


def world(users, values) -> dict:
    """A cart line of the customer (the product only the customer's company may buy)."""
    from backoffice.orders.models import CartLine
    from backoffice.orders.cart import cart_for

    customer = users["customer"]
    cart = cart_for(user=customer, company=customer.company)
    line = CartLine.objects.create(cart=cart, product_id=values["product"], quantity=2)
    return {"cart_line": line.pk}
