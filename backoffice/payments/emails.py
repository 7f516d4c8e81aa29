"""F02: the buyer's email when their prepayment is recorded (by staff or from the ERP's settlement
data). Reuses the status-change email of orders/status_emails.py with a payment message."""
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from backoffice.core.emails import queue_email
from backoffice.core.money import money_text
from backoffice.orders.emails import _brand_name, order_link, recipients_for
from backoffice.orders.models import Order, OrderEvent
from backoffice.orders.payment_state import order_mark_paid
from backoffice.orders.status import order_log



def payment_email(order: Order) -> dict:
    with translation.override(order.language or settings.LANGUAGE_CODE):
        message = _("We have received your payment of %(amount)s. Thank you! Your order is on its way to our warehouse.") % {
            "amount": money_text(order.gross, order.currency)}
        context = {"order": order, "number": order.number, "status": order.get_status_display(), "message": message,
                   "shipments": [], "brand": _brand_name(), "link": order_link(order)}
        subject = _("Order %(number)s: payment received") % {"number": order.number}
        body = render_to_string("orders/email/status_change.txt", context)
        html = render_to_string("orders/email/status_change.html", context)
    return {"subject": subject, "body": body, "html": html}


def order_payment_email_send(*, order: Order) -> list[str]:
    """Tell the buyer the payment of an order placed on the platform is in (queued after commit)."""
    if order.source != Order.Source.PLATFORM or order.status == Order.Status.CANCELLED:
        return []
    to = recipients_for(order)
    if not to:
        return []
    queue_email(to=to, **payment_email(order))
    with translation.override(order.language or settings.LANGUAGE_CODE):
        order_log(order=order, kind=OrderEvent.Kind.EMAIL, message=_("Payment confirmation sent to %(to)s.") % {"to": ", ".join(to)})
    return to


def payment_record(*, order_id: int, source: str, reference: str = "", user=None, paid_at=None) -> bool:
    """order_mark_paid + the buyer's email when this call recorded the payment."""
    recorded = order_mark_paid(order_id=order_id, source=source, reference=reference, user=user, paid_at=paid_at)
    if recorded:
        order_payment_email_send(order=Order.objects.select_related("company", "placed_by").get(pk=order_id))
    return recorded
