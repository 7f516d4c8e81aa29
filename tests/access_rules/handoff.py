"""Access-matrix rules for the back-office URLs of orders and ERP hand-offs that are our own
(F05: the EDI++ download of an order; the ordering settings' single row). The rest of the Orders
section follows the admin group rule.

Staff who may see orders (admins, sales managers, reps for their own customers) download; a rep
asking for another customer's order gets 404, marketing has no Orders section (403).
"""
from decimal import Decimal

from tests.access_matrix_rules import ADMIN_WALL, Rule, S

RULES: tuple[Rule, ...] = (
    Rule(
        "admin-order-epp",
        names=("admin:orders_order_download_epp",),
        every=ADMIN_WALL,
        samples=(
            S("/admin/orders/order/{order_epp_rep}/epp/", staff="ok", marketing="403"),
            S("/admin/orders/order/{order_epp_other}/epp/", staff="ok", marketing="403", sales_rep="404"),
            S("/admin/orders/order/999999/epp/", staff="404", marketing="403"),
        ),
    ),
    Rule(
        "admin-order-settings",
        names=("admin:orders_ordersettings_changelist",),
        every=ADMIN_WALL,
        # the single settings row opens directly (written with defaults on the first visit)
        samples=(S("/admin/orders/ordersettings/", staff="redirect:/admin/orders/ordersettings/1/change/", marketing="403"),),
    ),
)


def world(users, values) -> dict:
    from backoffice.accounts.models import Company
    from backoffice.orders.models import Order, OrderLine

    def order(company_pk, number):
        placed = Order.objects.create(company=Company.objects.get(pk=company_pk), number=number, status=Order.Status.AWAITING_STOCK)
        OrderLine.objects.create(order=placed, sku="EPP-1", name="Towar", quantity=Decimal(1), base_quantity=Decimal(1),
                                 unit_net=Decimal("10"), vat_rate=Decimal(23), line_net=Decimal("10"), line_gross=Decimal("12.30"))
        return placed.pk

    return {"order_epp_rep": order(values["company_rep"], "EPP/REP/1"), "order_epp_other": order(values["company_other"], "EPP/OTHER/1")}
