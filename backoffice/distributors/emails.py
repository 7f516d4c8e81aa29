"""A11 emails (plain text, each in its reader's language):
- to the distributor (the company's email and every user who may serve end customers) about every
  new end-customer order: one waiting for approval, or, from a verified end customer, for
  information (it went on automatically);
- to the end customer when the distributor approved the order and passed it on for processing,
  or rejected it (with the reason).
No prices in the distributor's email: employees without the finance right read it too.
"""
from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from backoffice.core.emails import absolute_url, queue_email
from backoffice.core.permissions import may_serve_end_customers
from backoffice.orders.emails import order_link, recipients_for
from backoffice.orders.models import Order, OrderEvent
from backoffice.orders.status import order_log

DECISION_TASK = "backoffice.distributors.emails.decision_email_task"


def _absolute(name: str, *args) -> str:
    try:
        return absolute_url(reverse(name, args=args))
    except NoReverseMatch:
        return settings.SITE_URL


def distributor_recipients(distributor) -> dict[str, list[str]]:
    """language -> emails: the distributor's users who may serve end customers (in their own
    language) and the company's address (in the site's language); each address once."""
    by_language: dict[str, list[str]] = {}
    seen: set[str] = set()
    users = distributor.users.filter(is_active=True).select_related("company").order_by("pk")
    for user in users:
        if may_serve_end_customers(user) and user.email.lower() not in seen:
            seen.add(user.email.lower())
            by_language.setdefault(user.language or settings.LANGUAGE_CODE, []).append(user.email)
    if distributor.email and distributor.email.lower() not in seen:
        by_language.setdefault(settings.LANGUAGE_CODE, []).append(distributor.email)
    return by_language


def new_order_email(order: Order) -> dict:
    """Subject and body in the active language."""
    waiting = order.status == Order.Status.AWAITING_APPROVAL
    context = {"number": order.number, "customer": order.company.name, "link": _absolute("distributor:order_detail", order.pk)}
    if waiting:
        subject = _("Order %(number)s from %(customer)s waits for your approval") % context
        body = _("Hello,\n\nyour end customer %(customer)s has placed order %(number)s. It is not processed until you approve it.\n"
                 "Review it, approve or reject it here:\n\n%(link)s\n") % context
    else:
        subject = _("New order %(number)s from %(customer)s") % context
        body = _("Hello,\n\nyour verified end customer %(customer)s has placed order %(number)s. Its orders are approved "
                 "automatically, so it has been passed on for processing.\nDetails:\n\n%(link)s\n") % context
    return {"subject": subject, "body": body}


def new_order_email_send(*, order: Order) -> list[str]:
    distributor = order.distributor
    if distributor is None:
        return []
    sent = []
    for language, to in distributor_recipients(distributor).items():
        with translation.override(language):
            queue_email(to=to, **new_order_email(order))
        sent += to
    if sent:
        with translation.override(order.language or settings.LANGUAGE_CODE):
            order_log(order=order, kind=OrderEvent.Kind.EMAIL,
                      message=_("Distributor notified of the new order: %(to)s.") % {"to": ", ".join(sent)})
    return sent


def new_order_email_task(order_id: int) -> None:
    """Thin django-q2 task (queued after the order commits)."""
    order = Order.objects.select_related("company", "distributor").filter(pk=order_id).first()
    if order is not None:
        new_order_email_send(order=order)


def decision_email(order: Order, *, approved: bool, reason: str = "") -> dict:
    context = {"number": order.number, "distributor": order.distributor.name if order.distributor else "", "reason": reason,
               "link": order_link(order)}
    if approved:
        subject = _("Order %(number)s approved") % context
        body = _("Hello,\n\n%(distributor)s has approved your order %(number)s and passed it on for processing.\n"
                 "Follow its status here:\n\n%(link)s\n") % context
    else:
        subject = _("Order %(number)s not approved") % context
        body = _("Hello,\n\n%(distributor)s has not approved your order %(number)s; the order is cancelled.\n"
                 "Reason: %(reason)s\n\nDetails:\n\n%(link)s\n") % context
    return {"subject": subject, "body": body}


def decision_email_send(*, order: Order, approved: bool, reason: str = "") -> list[str]:
    to = recipients_for(order)
    if not to:
        return []
    with translation.override(order.language or settings.LANGUAGE_CODE):
        queue_email(to=to, **decision_email(order, approved=approved, reason=reason))
        order_log(order=order, kind=OrderEvent.Kind.EMAIL,
                  message=_("End customer told of the distributor's decision: %(to)s.") % {"to": ", ".join(to)})
    return to


def decision_email_task(order_id: int, approved: bool, reason: str = "") -> None:
    order = Order.objects.select_related("company", "placed_by", "distributor").filter(pk=order_id).first()
    if order is not None:
        decision_email_send(order=order, approved=approved, reason=reason)


def queue_decision_email(order_id: int, *, approved: bool, reason: str = "") -> None:
    """After the decision commits (a rolled-back approval tells nobody anything)."""
    from django_q.tasks import async_task

    transaction.on_commit(lambda: async_task(DECISION_TASK, order_id, approved, reason))
