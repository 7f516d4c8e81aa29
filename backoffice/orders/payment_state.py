"""F02/F03: an order placed with prepayment waits (AWAITING_PAYMENT) until the money is in; then it
goes on like any other order: to the ERP, or to "awaiting stock" for a pre-sale order.

order_mark_paid is the one way to record a payment, whoever learnt about it (staff, the payment
gateway's notification, the ERP's settlement data). It locks the order row, so a payment reported
many times (or by two sources at once) is recorded once.
"""
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .handoff import handoffs_create_for
from .models import Order, OrderEvent
from .status import order_log, order_set_status


class PaymentSource:
    STAFF = "staff"
    GATEWAY = "gateway"
    ERP = "erp"


def order_mark_paid(*, order_id: int, source: str, reference: str = "", user=None, paid_at: datetime | None = None) -> bool:
    """Record that the order is paid. True when this call recorded it; False when it was already
    paid (nothing changes) or cancelled (logged for staff: money came for a cancelled order)."""
    with transaction.atomic():
        order = Order.objects.select_for_update().select_related("company").get(pk=order_id)
        if order.paid_at is not None:
            return False
        if order.status == Order.Status.CANCELLED:
            order_log(order=order, kind=OrderEvent.Kind.NOTE, user=user,
                      message=_("A payment (%(reference)s) was reported for this cancelled order: refund it.") % {"reference": reference or source})
            return False
        order.paid_at = paid_at or timezone.now()
        order.payment_reference = reference[:128]
        order.save(update_fields=["paid_at", "payment_reference"])
        order_log(order=order, kind=OrderEvent.Kind.NOTE, user=user,
                  message=_("Payment recorded (%(source)s%(reference)s).") % {
                      "source": source, "reference": f": {reference}" if reference else ""})
        if order.status == Order.Status.AWAITING_PAYMENT:
            next_status = Order.Status.AWAITING_STOCK if order.is_presale else Order.Status.PLACED
            order_set_status(order=order, status=next_status, user=user, message=_("Paid."))
            if next_status == Order.Status.PLACED:
                handoffs_create_for(order=order)
    return True
