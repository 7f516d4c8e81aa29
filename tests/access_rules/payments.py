"""Access-matrix rules of the payments area (see tests/access_matrix_rules.py and tests/access_rules/__init__.py).

Back office only. "Mark as paid" on an order's page (F02) is for administrators and sales managers
(who confirm money on the bank statement), and only while the order awaits a prepayment: a sales
rep, marketing, an order that is not awaiting payment or a missing one get 403 (the action's
permission check runs before the order is looked up). The payment settings' single row opens
directly for those who may see the Finance section.
"""
from tests.access_matrix_rules import ADMIN_WALL, Rule, S

MANAGERS_OK = dict(admin="ok", sales_manager="ok", sales_rep="403", marketing="403")
NOBODY = dict(staff="403")

RULES: tuple[Rule, ...] = (
    Rule(
        "admin-order-mark-paid",
        names=("admin:orders_order_mark_paid_detail",),
        every=ADMIN_WALL,
        samples=(
            S("/admin/orders/order/{order_awaiting_payment}/mark-paid/", **MANAGERS_OK),  # the confirmation form
            S("/admin/orders/order/{order_placed}/mark-paid/", method="POST", data={"reference": "x"}, **NOBODY),  # nothing to mark
            S("/admin/orders/order/999999/mark-paid/", **NOBODY),
        ),
    ),
    Rule(
        "admin-payment-settings",
        names=("admin:payments_paymentsettings_changelist",),
        every=ADMIN_WALL,
        samples=(S("/admin/payments/paymentsettings/", admin="redirect:/admin/payments/paymentsettings/1/change/",
                   sales_manager="redirect:/admin/payments/paymentsettings/1/change/", sales_rep="403", marketing="403"),),
    ),
)


def world(users, values) -> dict:
    """An order of the rep's customer waiting for a bank transfer, and one already placed."""
    from backoffice.accounts.models import Company
    from backoffice.orders.models import Order

    company = Company.objects.get(pk=values["company_rep"])
    awaiting = Order.objects.create(company=company, number="MATRIX/TRANSFER/1", status=Order.Status.AWAITING_PAYMENT,
                                    payment_method="bank_transfer")
    placed = Order.objects.create(company=company, number="MATRIX/TRANSFER/2", status=Order.Status.PLACED, payment_method="bank_transfer")
    return {"order_awaiting_payment": awaiting.pk, "order_placed": placed.pk}
