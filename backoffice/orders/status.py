"""The order state machine (Order.TRANSITIONS): every change goes through order_set_status, which
refuses transitions the machine does not allow and records who did what (OrderEvent)."""
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Order, OrderEvent


def order_set_status(*, order: Order, status: str, user=None, message: str = "") -> OrderEvent | None:
    """Move `order` to `status` and record it; None when it already has that status (repeated ERP
    reports change nothing). Raises ValidationError for a transition the machine forbids."""
    if order.status == status:
        return None
    if not order.may_become(status):
        raise ValidationError(
            _("An order cannot go from “%(old)s” to “%(new)s”.")
            % {"old": order.get_status_display(), "new": Order.Status(status).label}
        )
    previous = order.status
    order.status = status
    order.status_changed_at = timezone.now()
    order.save(update_fields=["status", "status_changed_at"])
    return OrderEvent.objects.create(
        order=order, kind=OrderEvent.Kind.STATUS, status_from=previous, status_to=status, user=user, message=message
    )


def order_log(*, order: Order, kind: str, message: str, user=None) -> OrderEvent:
    """Record a non-status event (hand-off attempt, email sent, staff note)."""
    return OrderEvent.objects.create(order=order, kind=kind, user=user, message=message)
