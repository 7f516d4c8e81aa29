"""The order confirmation email (HTML + text) in the order's language.

order_place queues `order_confirmation_task` after commit; the task (thin: an id in, safe to
retry) renders the email and hands it to queue_email, which sends it through the worker.
"""
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from backoffice.core.emails import absolute_url, queue_email
from backoffice.inventory.availability import format_quantity

from .checkout import method_label
from .checkout_methods import DELIVERY, PAYMENT, order_method_info
from .models import Order, OrderEvent
from .status import order_log


def _brand_name() -> str:
    try:
        from wagtail.models import Site

        from content.models import BrandingSettings

        site = Site.objects.filter(is_default_site=True).first()
        return BrandingSettings.for_site(site).company_name if site else "B2B"
    except Exception:  # branding is decoration: an email never fails because of it
        return "B2B"


def order_link(order: Order) -> str:
    """Absolute link to the order's page (history if built, else the confirmation page)."""
    for name in ("orders:order_detail", "orders:order_placed"):
        try:
            return absolute_url(reverse(name, args=[order.pk]))
        except NoReverseMatch:
            continue
    return settings.SITE_URL


def recipients_for(order: Order) -> list[str]:
    """The person who placed the order and the company's address (the main account sees its
    employees' orders, A10); each once."""
    found: dict[str, str] = {}
    for email in (order.placed_by.email if order.placed_by else "", order.company.email):
        if email:
            found.setdefault(email.strip().lower(), email.strip())
    return list(found.values())


def confirmation_context(order: Order) -> dict:
    lines = [(line, format_quantity(line.quantity)) for line in order.lines.select_related("product").order_by("position", "pk")]
    info, actions = order_method_info(order)
    return {
        "order": order,
        "lines": lines,
        "brand": _brand_name(),
        "link": order_link(order),
        "delivery_method": method_label(DELIVERY, order.delivery_method),
        "payment_method": method_label(PAYMENT, order.payment_method),
        "awaiting_stock": order.status == Order.Status.AWAITING_STOCK,
        "awaiting_payment": order.status == Order.Status.AWAITING_PAYMENT,
        "awaiting_approval": order.status == Order.Status.AWAITING_APPROVAL,
        "method_info": info,
        "method_actions": [(label, absolute_url(url)) for label, url in actions],
    }


def confirmation_email(order: Order) -> dict:
    """Subject, text and HTML body of the confirmation, rendered in the order's language."""
    with translation.override(order.language or settings.LANGUAGE_CODE):
        context = confirmation_context(order)
        subject = _("Order %(number)s confirmed") % {"number": order.number}
        body = render_to_string("orders/email/confirmation.txt", context)
        html = render_to_string("orders/email/confirmation.html", context)
    return {"subject": subject, "body": body, "html": html}


def order_confirmation_send(*, order: Order) -> list[str]:
    to = recipients_for(order)
    if not to:
        return []
    queue_email(to=to, **confirmation_email(order))
    with translation.override(order.language or settings.LANGUAGE_CODE):
        order_log(order=order, kind=OrderEvent.Kind.EMAIL, message=_("Order confirmation sent to %(to)s.") % {"to": ", ".join(to)})
    return to


def order_confirmation_task(order_id: int) -> None:
    order = Order.objects.select_related("company", "placed_by").filter(pk=order_id).first()
    if order is not None:  # an order deleted meanwhile has nobody to confirm to
        order_confirmation_send(order=order)
