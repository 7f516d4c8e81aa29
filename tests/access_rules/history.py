"""Access-matrix rules for the history URLs of the "orders" namespace (see tests/access_matrix_rules.py).

Order history (F08/F09), repeat order and "recently bought" (C05) are for buyers only: staff use the
back office (404 here), and an order of another company is a 404 like a missing one. In the matrix
world the customer's company and the employee's company are different companies; the distributor
and the end customer have companies of their own.
"""
from tests.access_matrix_rules import PENDING, Rule, S

BUYERS_OK = dict(anonymous="login", staff="404", buyers="ok", applicant=PENDING)
OWN_ONLY = dict(anonymous="login", staff="404", buyers="404", customer="ok", applicant=PENDING)
NOBODY = dict(anonymous="login", staff="404", buyers="404", applicant=PENDING)

RULES: tuple[Rule, ...] = (
    Rule("orders-list", names=("orders:order_list",), samples=(S("/orders/", **BUYERS_OK), S("/orders/?q=x&status=shipped", **BUYERS_OK))),
    Rule(
        "orders-detail",
        names=("orders:order_detail",),
        samples=(
            S("/orders/{history_order_own}/", **OWN_ONLY),
            # the employee's company is another company: only the employee sees its order
            S("/orders/{history_order_other}/", anonymous="login", staff="404", buyers="404", employee="ok", applicant=PENDING),
            S("/orders/{history_order_erp}/", **OWN_ONLY),  # ERP-only order: the ERP-mirror module is on by default
            S("/orders/999999/", **NOBODY),
        ),
    ),
    Rule(
        "orders-reorder",
        names=("orders:reorder",),
        samples=(
            S("/orders/{history_order_own}/reorder/", "POST", **OWN_ONLY),  # -> the cart (or back to the order)
            S("/orders/{history_order_other}/reorder/", "POST", anonymous="login", staff="404", buyers="404", employee="ok",
              applicant=PENDING),
            S("/orders/{history_order_own}/reorder/", anonymous="login", logged_in="405", applicant=PENDING),
        ),
    ),
    Rule(
        "recently-bought",
        names=("orders:recently_bought", "orders:recently_bought_add", "orders:recently_bought_csv"),
        samples=(
            S("/recently-bought/", **BUYERS_OK),
            S("/recently-bought/?months=24&q=kabel", **BUYERS_OK),
            S("/recently-bought/add/", "POST", data={"product": "1"}, **BUYERS_OK),  # -> the cart (or back)
            S("/recently-bought/add/", anonymous="login", logged_in="405", applicant=PENDING),
            S("/recently-bought/export.csv", **BUYERS_OK),
            S("/recently-bought/export.csv", "POST", data={"product": "1"}, **BUYERS_OK),
        ),
    ),
)


def world(users, values) -> dict:
    """An order of the customer's company (with a line of the matrix product), one of the
    employee's company and an ERP-only order of the customer's company."""
    from decimal import Decimal

    from backoffice.orders.models import Order, OrderLine

    own_company = users["customer"].company
    own = Order.objects.create(company=own_company, number="MATRIX/OWN/1", placed_by=users["customer"])
    OrderLine.objects.create(order=own, position=1, product_id=values["product"], sku="MATRIX-1", name="Kabel", quantity=Decimal("2"),
                             base_quantity=Decimal("2"), unit_net=Decimal("2.50"), vat_rate=Decimal("23"))
    other = Order.objects.create(company=users["employee"].company, number="MATRIX/OTHER/1", placed_by=users["employee"])
    erp = Order.objects.create(company=own_company, source=Order.Source.ERP, erp_id="MATRIX-ZK-1", erp_number="ZK 1/MATRIX")
    return {"history_order_own": own.pk, "history_order_other": other.pk, "history_order_erp": erp.pk}
