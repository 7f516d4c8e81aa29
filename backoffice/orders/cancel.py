"""Staff cancel an order (back office), through the state machine.

Only while the ERP does not have it yet: once a part has been delivered the ERP owns the order and
its cancellation comes back from there (order_statuses.jsonl). The outbox rows not delivered yet
are withdrawn (a worker that is pushing one at this very moment reports the race to the admins,
see handoff_delivery._record_success), the stock reservations are released and the customer is
told.
"""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import ErpHandoff, Order, OrderEvent
from .status import order_log, order_set_status


def order_cancel(*, order: Order, user, reason: str = "", notify: bool = True) -> Order:
    """`notify=False` when the caller sends its own, more specific email (a distributor's rejection)."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if not order.may_become(Order.Status.CANCELLED):
            raise ValidationError(_("Order %(order)s is %(status)s and can no longer be cancelled.")
                                  % {"order": order, "status": order.get_status_display()})
        if order.source == Order.Source.ERP or ErpHandoff.objects.filter(order=order, status=ErpHandoff.Status.SENT).exists():
            raise ValidationError(_("Order %(order)s is already in the ERP: cancel it there, its status will follow.") % {"order": order})
        withdrawn = list(ErpHandoff.objects.filter(order=order).values_list("dedup_key", flat=True))
        ErpHandoff.objects.filter(order=order).exclude(status=ErpHandoff.Status.SENT).delete()
        order_set_status(order=order, status=Order.Status.CANCELLED, user=user, message=reason or _("Cancelled by staff."))
        for key in withdrawn:
            order_log(order=order, kind=OrderEvent.Kind.HANDOFF, user=user, message=f"{key}: withdrawn, the order was cancelled before delivery")
        from .reservations import reservations_release
        from .status_emails import order_status_email_send

        reservations_release(order=order)
        if notify:
            order_status_email_send(order=order)
    return order
