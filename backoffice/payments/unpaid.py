"""F02: orders awaiting a transfer that stay unpaid for PaymentSettings.cancel_unpaid_after_days
days are cancelled by an hourly django-q2 schedule (created when staff set the days, and by
load_demo_payments): through orders.cancel.order_cancel, which releases the stock reservations
and tells the customer. Empty setting: nothing is ever cancelled."""
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backoffice.orders.cancel import order_cancel
from backoffice.orders.models import Order

from .models import PaymentSettings

SCHEDULE_NAME = "Cancel unpaid orders"
SCHEDULE_FUNC = "backoffice.payments.tasks.unpaid_orders_cancel_task"


def unpaid_orders_cancel(*, now: datetime | None = None) -> list[str]:
    """Cancel every order that has waited for its prepayment longer than the setting allows; the
    numbers of the cancelled orders. The wait counts from when the order started awaiting payment
    (status_changed_at): an end customer's order approved late by its distributor gets the full
    time. Each order is re-read under a row lock, so one paid meanwhile
    (order_mark_paid takes the same lock) is left alone."""
    days = PaymentSettings.current().cancel_unpaid_after_days
    if not days:
        return []
    cutoff = (now or timezone.now()) - timedelta(days=days)
    cancelled = []
    due = Order.objects.filter(status=Order.Status.AWAITING_PAYMENT, paid_at__isnull=True, status_changed_at__lt=cutoff).order_by("pk")
    for order in due:
        with transaction.atomic():
            locked = Order.objects.select_for_update().get(pk=order.pk)
            if locked.status != Order.Status.AWAITING_PAYMENT or locked.paid_at is not None:
                continue  # paid between the query and the lock
            with _order_language(locked):
                reason = _("Cancelled automatically: not paid within %(days)s days.") % {"days": days}
            try:
                order_cancel(order=locked, user=None, reason=reason)
            except ValidationError:
                continue
        cancelled.append(str(order))
    return cancelled


def _order_language(order):
    from django.utils import translation

    return translation.override(order.language or "pl")


@transaction.atomic
def unpaid_schedule_ensure():
    """The hourly schedule (idempotent: never a second one)."""
    from django_q.models import Schedule

    schedule = Schedule.objects.filter(name=SCHEDULE_NAME).order_by("pk").first()
    if schedule is None:
        schedule = Schedule.objects.create(name=SCHEDULE_NAME, func=SCHEDULE_FUNC, schedule_type=Schedule.HOURLY, repeats=-1)
    return schedule
