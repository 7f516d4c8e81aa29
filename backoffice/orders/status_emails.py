"""F09/L04: the email a customer gets when the ERP moves their order on (HTML + text, in the
order's language), with the tracking numbers once it ships."""
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backoffice.core.emails import queue_email

from .emails import _brand_name, order_link, recipients_for
from .models import Order, OrderEvent
from .status import order_log

S = Order.Status
# What the customer is told for each status the ERP can report.
MESSAGES = {
    S.ACCEPTED: gettext_lazy("Your order has been accepted and is waiting to be prepared."),
    S.ON_HOLD: gettext_lazy("Your order is on hold. Your sales representative will contact you if anything is needed from you."),
    S.IN_PROGRESS: gettext_lazy("Your order is being prepared in our warehouse."),
    S.SHIPPED: gettext_lazy("Your order has been shipped."),
    S.COMPLETED: gettext_lazy("Your order has been completed. Thank you!"),
    S.CANCELLED: gettext_lazy("Your order has been cancelled. If you did not expect this, please contact us."),
}


def status_email(order: Order) -> dict:
    """Subject, text and HTML of the email about the order's current status."""
    with translation.override(order.language or settings.LANGUAGE_CODE):
        context = {
            "order": order,
            "number": order.number or order.erp_number,
            "status": order.get_status_display(),
            "message": str(MESSAGES.get(order.status, "")),
            "shipments": list(order.shipments.all()) if order.status in (S.SHIPPED, S.COMPLETED) else [],
            "brand": _brand_name(),
            "link": order_link(order),
        }
        subject = _("Order %(number)s: %(status)s") % {"number": context["number"], "status": context["status"]}
        body = render_to_string("orders/email/status_change.txt", context)
        html = render_to_string("orders/email/status_change.html", context)
    return {"subject": subject, "body": body, "html": html}


def order_status_email_send(*, order: Order) -> list[str]:
    """Email the customer about a status change of an order placed on the platform (orders placed
    in the ERP itself are announced by the ERP). Queued after commit."""
    if order.source != Order.Source.PLATFORM or order.status not in MESSAGES:
        return []
    to = recipients_for(order)
    if not to:
        return []
    queue_email(to=to, **status_email(order))
    with translation.override(order.language or settings.LANGUAGE_CODE):
        order_log(order=order, kind=OrderEvent.Kind.EMAIL,
                  message=_("Status email (%(status)s) sent to %(to)s.") % {"status": order.get_status_display(), "to": ", ".join(to)})
    return to
