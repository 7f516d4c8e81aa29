"""Access-matrix rules of the distributor area (see tests/access_matrix_rules.py and tests/access_rules/__init__.py).

A11 pages under /end-customers/ are for the users of a distributor company only: its end customers
cannot manage anything (404), other buyers and staff get 404 (staff use the back office), and
another distributor's end customer or order is a 404 like a missing one. In the matrix world the
end customer's company buys through the distributor's company (world() links them) and has an
order waiting for approval; another distributor has an end customer with an order of its own.
"""
from tests.access_matrix_rules import PENDING, Rule, S

DISTRIBUTOR_ONLY = dict(anonymous="login", logged_in="404", distributor="ok", applicant=PENDING)
NOBODY = dict(anonymous="login", logged_in="404", applicant=PENDING)
GET_OF_POST = dict(anonymous="login", logged_in="405", applicant=PENDING)

RULES: tuple[Rule, ...] = (
    Rule("distributor-customers", names=("distributor:customers",), samples=(
        S("/end-customers/", **DISTRIBUTOR_ONLY), S("/end-customers/?page=2", **DISTRIBUTOR_ONLY),
    )),
    Rule("distributor-customer-new", names=("distributor:customer_new",), samples=(
        S("/end-customers/new/", **DISTRIBUTOR_ONLY),
        S("/end-customers/new/", "POST", data={"name": ""}, **DISTRIBUTOR_ONLY),  # invalid: the form again, nothing created
    )),
    Rule("distributor-customer-edit", names=("distributor:customer_edit",), samples=(
        S("/end-customers/{dist_end_customer}/", **DISTRIBUTOR_ONLY),
        S("/end-customers/{dist_end_customer}/", "POST", data={"markup_percent": "15", "is_active": "on"}, anonymous="login",
          logged_in="404", distributor="redirect:/end-customers/", applicant=PENDING),
        S("/end-customers/{dist_other_end_customer}/", **NOBODY),  # another distributor's end customer
        S("/end-customers/999999/", **NOBODY),
    )),
    Rule("distributor-orders", names=("distributor:orders",), samples=(
        S("/end-customers/orders/", **DISTRIBUTOR_ONLY),
        S("/end-customers/orders/?status=awaiting&customer={dist_end_customer}", **DISTRIBUTOR_ONLY),
        S("/end-customers/orders/?status=nonsense&customer=abc&page=x", **DISTRIBUTOR_ONLY),
    )),
    Rule("distributor-order-detail", names=("distributor:order_detail",), samples=(
        S("/end-customers/orders/{dist_end_order}/", **DISTRIBUTOR_ONLY),
        S("/end-customers/orders/{dist_other_end_order}/", **NOBODY),
        S("/end-customers/orders/999999/", **NOBODY),
    )),
    Rule("distributor-order-approve", names=("distributor:order_approve",), samples=(
        S("/end-customers/orders/{dist_end_order}/approve/", "POST", **DISTRIBUTOR_ONLY),  # -> back to the order
        S("/end-customers/orders/{dist_other_end_order}/approve/", "POST", **NOBODY),
        S("/end-customers/orders/{dist_end_order}/approve/", **GET_OF_POST),
    )),
    Rule("distributor-order-reject", names=("distributor:order_reject",), samples=(
        S("/end-customers/orders/{dist_end_order}/reject/", "POST", data={"reason": "Brak zgody"}, **DISTRIBUTOR_ONLY),
        S("/end-customers/orders/{dist_other_end_order}/reject/", "POST", data={"reason": "x"}, **NOBODY),
        S("/end-customers/orders/{dist_end_order}/reject/", **GET_OF_POST),
    )),
)


def world(users, values) -> dict:
    """Link the end customer to the distributor, give it an order awaiting approval (one line of
    the matrix product), and create another distributor with an end customer and its order."""
    from decimal import Decimal

    from backoffice.accounts.models import Company
    from backoffice.catalog.models import Product
    from backoffice.orders.models import Order, OrderLine

    distributor = users["distributor"].company
    Company.objects.filter(pk=distributor.pk).update(is_distributor=True, markup_percent=Decimal("10"))
    end_company = users["end_customer"].company
    Company.objects.filter(pk=end_company.pk).update(distributor=distributor)
    other_distributor = Company.objects.create(name="Inny dystrybutor", is_distributor=True)
    other_end = Company.objects.create(name="Klient innego dystrybutora", distributor=other_distributor)
    product = Product.objects.get(pk=values["product"])

    def order(company, dist, number, placed_by=None):
        made = Order.objects.create(company=company, distributor=dist, number=number, placed_by=placed_by, status=Order.Status.AWAITING_APPROVAL,
                                    net=Decimal("110.00"), vat=Decimal("25.30"), gross=Decimal("135.30"), distributor_net=Decimal("100.00"),
                                    distributor_vat=Decimal("23.00"), distributor_gross=Decimal("123.00"), payment_method="cod")
        OrderLine.objects.create(order=made, position=1, product=product, sku=product.sku, name="Kabel", quantity=1, base_quantity=1,
                                 unit_net=Decimal("110"), vat_rate=Decimal("23"), line_net=Decimal("110.00"), line_gross=Decimal("135.30"),
                                 distributor_unit_net=Decimal("100"), distributor_line_net=Decimal("100.00"))
        return made

    own = order(end_company, distributor, "MATRIX/DIST/1", users["end_customer"])
    other = order(other_end, other_distributor, "MATRIX/DIST/2")
    return {"dist_end_customer": end_company.pk, "dist_end_order": own.pk, "dist_other_end_customer": other_end.pk,
            "dist_other_end_order": other.pk}
