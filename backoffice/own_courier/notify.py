"""Telling staff about a new own-courier label (L06): the label goes to them by email.

Recipients: administrators (role and settings.ADMINS, as the ERP hand-off alerts) and everybody
who may see the labels (the Logistics section through their role, or the permission granted to
them or their group)."""
import logging

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from backoffice.core.emails import queue_email
from backoffice.core.notify import staff_recipients

logger = logging.getLogger(__name__)
VIEW_PERMISSION = ("own_courier", "view_owncourierlabel")


def label_staff_recipients() -> list[str]:
    return staff_recipients(*VIEW_PERMISSION)


def label_notify_staff(*, order_id: int) -> bool:
    """Queue the email with the label attached; False when there is nobody to tell or no label."""
    from .models import OwnCourierLabel

    label = OwnCourierLabel.objects.select_related("order__company", "order__placed_by").filter(order_id=order_id).first()
    recipients = label_staff_recipients()
    if label is None or not recipients:
        return False
    try:
        with label.file.open("rb") as handle:
            content = handle.read()
    except OSError:
        logger.exception("own-courier label of order %s is missing on the private storage", order_id)
        content = None
    order = label.order
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[B2B] Order %(number)s: ship with the customer's courier") % {"number": order.number}
        lines = [
            _("Order: %(number)s") % {"number": order.number},
            _("Customer: %(company)s") % {"company": order.company.name},
            _("Placed by: %(who)s") % {"who": (order.placed_by.get_full_name() or order.placed_by.email) if order.placed_by else "—"},
            _("Courier: %(carrier)s") % {"carrier": label.carrier or "—"},
            _("Shipment number: %(number)s") % {"number": label.number},
            _("The label is attached.") if content is not None else _("The label file could not be read: open the order in the back office."),
        ]
    attachments = [(label.original_name, content, label.content_type)] if content is not None else None
    queue_email(subject=subject, body="\n".join(lines), to=recipients, attachments=attachments)
    return True
