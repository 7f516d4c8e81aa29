"""A11: the distributor approves or rejects an end customer's order waiting for it.

Approve: the order goes where it would have gone without the approval step (placing.initial_status:
awaiting payment for a prepaid order not paid yet, awaiting stock for a pre-sale order, else
placed) and, once placed, its ERP hand-off is written in the same transaction, as when an order is
paid (payment_state.order_mark_paid). Reject: cancelled through orders.cancel.order_cancel, which
releases the stock reservations.

Both lock the order row and act only while it is AWAITING_APPROVAL: a double click, two tabs or
two people of the distributor decide once; the second gets False.
"""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from backoffice.orders.cancel import order_cancel
from backoffice.orders.checkout_methods import PAYMENT, method_handler
from backoffice.orders.handoff import handoffs_create_for
from backoffice.orders.models import Order
from backoffice.orders.placing import initial_status
from backoffice.orders.status import order_set_status

from .emails import queue_decision_email
from .selectors import serving_company

MAX_REASON = 1000


def _locked(user, order_id: int) -> Order:
    """The order under a row lock, only if it goes through the user's distributor company."""
    company = serving_company(user)
    order = Order.objects.select_for_update().filter(pk=order_id, distributor_id=company.pk).first()
    if order is None:
        raise ValidationError(_("This order is not one of your end customers' orders."))
    return order


def status_after_approval(order: Order) -> str:
    handler = method_handler(PAYMENT, order.payment_method)
    prepaid = bool(handler is not None and handler.prepaid and order.paid_at is None)
    return initial_status(prepaid=prepaid, is_presale=order.is_presale)


def order_approve(*, user, order_id: int) -> bool:
    """True when this call approved the order; False when it was already decided."""
    with transaction.atomic():
        order = _locked(user, order_id)
        if order.status != Order.Status.AWAITING_APPROVAL:
            return False
        who = user.get_full_name() or user.email
        next_status = status_after_approval(order)
        order_set_status(order=order, status=next_status, user=user,
                         message=_("Approved by the distributor (%(who)s).") % {"who": who})
        if next_status == Order.Status.PLACED:
            handoffs_create_for(order=order)
        queue_decision_email(order.pk, approved=True)
    return True


def order_reject(*, user, order_id: int, reason: str) -> bool:
    """True when this call rejected (cancelled) the order; False when it was already decided."""
    reason = (reason or "").strip()[:MAX_REASON]
    if not reason:
        raise ValidationError(_("Give the reason for the rejection: your customer will read it."))
    with transaction.atomic():
        order = _locked(user, order_id)
        if order.status != Order.Status.AWAITING_APPROVAL:
            return False
        who = user.get_full_name() or user.email
        order_cancel(order=order, user=user, reason=_("Rejected by the distributor (%(who)s): %(reason)s") % {"who": who, "reason": reason},
                     notify=False)  # the rejection email below says why
        queue_decision_email(order.pk, approved=False, reason=reason)
    return True
