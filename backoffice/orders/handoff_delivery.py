"""F05: delivering the outbox (ErpHandoff) to the ERP exactly once, however long the ERP is away.

A worker first *claims* a due row with one conditional UPDATE (waiting or failed with its next
attempt due, or "being delivered" with an expired lease) that sets it "being delivered", pushes
`next_attempt_at` a lease ahead and counts the attempt. Two workers (or the sweeper and the task
queued at placing) can never both win the claim: the database serialises the UPDATE and the loser
matches no row. The winner pushes the stored document through the configured ErpConnector outside
any transaction (no lock held while the ERP answers), then marks the row delivered only if it is
still its claim. A worker that dies mid-push leaves the row "being delivered"; when the lease
expires the sweeper sends it again with the same `platform_id`, which the ERP recognises as a repeat.

Failures wait longer each time (exponential backoff up to a cap); after ERP_HANDOFF_MAX_ATTEMPTS
the row needs staff (GAVE_UP) and administrators get an email. The sweeper (a django-q2 schedule,
handoff_schedule_ensure) sends everything due, oldest first, and stops early while the ERP keeps
failing so an outage does not burn every row's attempts in one sweep.
"""
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from backoffice.core.emails import queue_email
from backoffice.erp.connectors import get_connector
from backoffice.erp.connectors.base import OutboundDocumentInvalid
from backoffice.erp.contract import first_schema_error

from .models import ErpHandoff, Order, OrderEvent
from .status import order_log, order_set_status

logger = logging.getLogger(__name__)

DUE_STATUSES = (ErpHandoff.Status.PENDING, ErpHandoff.Status.FAILED, ErpHandoff.Status.SENDING)
SENDING = ErpHandoff.Status.SENDING
# Longer than the django-q2 task timeout (600 s): a claimed row is never claimed again while its
# first worker may still be pushing it.
LEASE = timedelta(minutes=15)
SWEEP_BATCH = 200
SWEEP_SECONDS = 50  # one sweep's time budget (the schedule runs every minute; overlapping sweeps are safe)
STOP_AFTER_FAILURES = 3  # consecutive failures in one sweep: the ERP is down, try again next sweep


def max_attempts() -> int:
    return max(1, int(getattr(settings, "ERP_HANDOFF_MAX_ATTEMPTS", 20)))


def backoff(attempts: int) -> timedelta:
    """Wait before attempt `attempts + 1`: 1, 2, 4, 8... minutes, at most an hour (defaults), so
    20 attempts span about 14 hours of outage before staff are asked to step in."""
    base = int(getattr(settings, "ERP_HANDOFF_RETRY_BASE_SECONDS", 60))
    cap = int(getattr(settings, "ERP_HANDOFF_RETRY_MAX_SECONDS", 3600))
    return timedelta(seconds=min(cap, base * 2 ** max(0, min(attempts - 1, 20))))


def order_format() -> str:
    """settings.ERP_ORDER_FORMAT: "json" (the contract document, default) or "epp" (EDI++ ZK)."""
    value = str(getattr(settings, "ERP_ORDER_FORMAT", "json") or "json").lower()
    return value if value in ("json", "epp") else "json"


def handoff_claim(*, handoff_id: int) -> bool:
    """Take a due row for this worker (see the module docstring); False when another worker has it,
    it was delivered already, or it is not due."""
    now = timezone.now()
    return bool(
        ErpHandoff.objects.filter(pk=handoff_id, status__in=DUE_STATUSES, next_attempt_at__lte=now).update(
            status=SENDING, next_attempt_at=now + LEASE, attempts=F("attempts") + 1
        )
    )


def push(connector, handoff: ErpHandoff) -> str:
    """Send the stored document in the installation's format; returns the connector's reference."""
    document = handoff.document
    if order_format() == "epp" and hasattr(connector, "deliver_file"):
        from .edi_zk import epp_for_documents

        error = first_schema_error("outbound_customer_order", document)
        if error:
            raise OutboundDocumentInvalid(error)
        return connector.deliver_file(epp_for_documents([document]), name=f"ZK-{document['platform_id']}", suffix=".epp")
    return connector.push_document(document)


def handoff_deliver(*, handoff_id: int, connector=None) -> str:
    """One delivery attempt of one row. Returns "sent", "failed", "gave_up", "withdrawn" or
    "skipped" (not due, or another worker holds it). Safe to call any number of times."""
    if not handoff_claim(handoff_id=handoff_id):
        return "skipped"
    handoff = ErpHandoff.objects.select_related("order").get(pk=handoff_id)
    if handoff.order.status == Order.Status.CANCELLED:
        return _withdraw(handoff)
    try:
        reference = push(connector or get_connector(), handoff)
    except OutboundDocumentInvalid as exc:
        # Our document breaks the contract: retrying cannot help, a developer must look.
        return _record_failure(handoff, f"document does not match the contract: {exc}", give_up=True)
    except Exception as exc:  # the ERP or the network failed: retry later
        logger.warning("ERP hand-off %s failed: %s", handoff.dedup_key, exc)
        return _record_failure(handoff, f"{exc.__class__.__name__}: {exc}")
    return _record_success(handoff, reference)


def _record_success(handoff: ErpHandoff, reference: str) -> str:
    now = timezone.now()
    with transaction.atomic():
        # Lock the order: two parts delivered at once must not both miss "all parts sent".
        order = Order.objects.select_for_update().get(pk=handoff.order_id)
        marked = ErpHandoff.objects.filter(pk=handoff.pk, status=SENDING, attempts=handoff.attempts).update(
            status=ErpHandoff.Status.SENT, sent_at=now, last_error=""
        )
        if not marked and ErpHandoff.objects.filter(pk=handoff.pk).exists():
            return "skipped"  # our lease ran out and another worker took the row over
        if not marked:  # withdrawn (order cancelled) while we were pushing
            order_log(order=order, kind=OrderEvent.Kind.HANDOFF,
                      message=f"{handoff.dedup_key}: reached the ERP ({reference}) after the order was cancelled - cancel it in the ERP too")
            notify_admins(subject=f"[B2B] Cancelled order {order} reached the ERP",
                          body=f"Document {handoff.dedup_key} was delivered to the ERP ({reference}) while order {order} was being "
                               f"cancelled. Please cancel it in the ERP as well.\n")
            return "withdrawn"
        order_log(order=order, kind=OrderEvent.Kind.HANDOFF,
                  message=f"{handoff.dedup_key}: delivered to the ERP on attempt {handoff.attempts} ({reference})")
        order_mark_sent_if_complete(order=order)
    return "sent"


def _record_failure(handoff: ErpHandoff, error: str, *, give_up: bool = False) -> str:
    give_up = give_up or handoff.attempts >= max_attempts()
    status = ErpHandoff.Status.GAVE_UP if give_up else ErpHandoff.Status.FAILED
    next_at = timezone.now() + backoff(handoff.attempts)
    with transaction.atomic():
        updated = ErpHandoff.objects.filter(pk=handoff.pk, status=SENDING, attempts=handoff.attempts).update(
            status=status, next_attempt_at=next_at, last_error=error[:4000]
        )
        if not updated:
            return "withdrawn"
        if give_up:
            message = f"{handoff.dedup_key}: attempt {handoff.attempts} failed, gave up ({error})"
        else:
            message = f"{handoff.dedup_key}: attempt {handoff.attempts} failed, next at {timezone.localtime(next_at):%Y-%m-%d %H:%M} ({error})"
        order_log(order=handoff.order, kind=OrderEvent.Kind.HANDOFF, message=message[:4000])
        if give_up:
            link = f"{settings.SITE_URL}/admin/orders/erphandoff/{handoff.pk}/change/"
            notify_admins(
                subject=f"[B2B] Order {handoff.order} could not be sent to the ERP",
                body=f"Document {handoff.dedup_key} of order {handoff.order} was not accepted after {handoff.attempts} attempt(s).\n\n"
                     f"Last error: {error}\n\nCheck the ERP connection, then use \"Retry now\": {link}\n",
            )
    return "gave_up" if give_up else "failed"


def _withdraw(handoff: ErpHandoff) -> str:
    """The order was cancelled before its document left: it never goes to the ERP."""
    with transaction.atomic():
        deleted, _ = ErpHandoff.objects.filter(pk=handoff.pk, status=SENDING, attempts=handoff.attempts).delete()
        if deleted:
            order_log(order=handoff.order, kind=OrderEvent.Kind.HANDOFF,
                      message=f"{handoff.dedup_key}: withdrawn, the order was cancelled before delivery")
    return "withdrawn"


def order_mark_sent_if_complete(*, order: Order) -> bool:
    """PLACED -> SENT once every part of the order is delivered (call with the order locked)."""
    if order.status != Order.Status.PLACED:
        return False
    if ErpHandoff.objects.filter(order=order).exclude(status=ErpHandoff.Status.SENT).exists():
        return False
    if not ErpHandoff.objects.filter(order=order).exists():
        return False
    order_set_status(order=order, status=Order.Status.SENT, message="all parts delivered to the ERP")
    return True


def handoffs_sweep(*, limit: int = SWEEP_BATCH, seconds: float = SWEEP_SECONDS, connector=None) -> dict[str, int]:
    """Deliver every due row, oldest first, in batches of `limit` until none is due or `seconds`
    have passed (the schedule's job; after an outage the backlog drains over a few runs). Stops
    early while the ERP keeps failing. Returns outcome counts."""
    connector = connector or get_connector()
    outcomes: dict[str, int] = {}
    failures_in_a_row = 0
    started = time.monotonic()
    tried: set[int] = set()
    while time.monotonic() - started < seconds:
        due = [
            pk for pk in ErpHandoff.objects.filter(status__in=DUE_STATUSES, next_attempt_at__lte=timezone.now())
            .order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit]
            if pk not in tried
        ]
        if not due:
            break
        for handoff_id in due:
            tried.add(handoff_id)
            outcome = handoff_deliver(handoff_id=handoff_id, connector=connector)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
            failures_in_a_row = failures_in_a_row + 1 if outcome in ("failed", "gave_up") else 0
            if failures_in_a_row >= STOP_AFTER_FAILURES:
                outcomes["paused"] = 1
                break
        if outcomes.get("paused"):
            break
    outcomes["orders_marked_sent"] = _repair_sent_orders()
    return outcomes


def _repair_sent_orders() -> int:
    """Orders left PLACED although every part is delivered (a worker died between the two writes)."""
    placed_with_parts = Order.objects.filter(status=Order.Status.PLACED, handoffs__isnull=False).distinct()
    stuck = placed_with_parts.exclude(handoffs__status__in=[s for s in ErpHandoff.Status if s != ErpHandoff.Status.SENT])
    repaired = 0
    for order_id in stuck.values_list("pk", flat=True)[:SWEEP_BATCH]:
        with transaction.atomic():
            order = Order.objects.select_for_update().get(pk=order_id)
            repaired += order_mark_sent_if_complete(order=order)
    return repaired


@transaction.atomic
def handoff_retry_now(*, handoff: ErpHandoff, user=None) -> bool:
    """Staff "retry now": a waiting, failed or given-up row becomes due at once and is queued.
    False for a delivered row or one a worker is delivering right now."""
    from .handoff import queue_delivery

    retried = ErpHandoff.objects.filter(
        pk=handoff.pk, status__in=[ErpHandoff.Status.FAILED, ErpHandoff.Status.GAVE_UP, ErpHandoff.Status.PENDING]
    ).update(status=ErpHandoff.Status.PENDING, next_attempt_at=timezone.now())
    if not retried:
        return False
    order_log(order=handoff.order, kind=OrderEvent.Kind.HANDOFF, user=user, message=f"{handoff.dedup_key}: retry requested by staff")
    queue_delivery(handoff.pk)
    return True


def notify_admins(*, subject: str, body: str) -> None:
    from backoffice.accounts.models import User
    from backoffice.core.roles import Role

    recipients = set(User.objects.filter(role=Role.ADMIN, is_active=True).exclude(email="").values_list("email", flat=True))
    recipients.update(email for _name, email in settings.ADMINS)
    if recipients:
        queue_email(subject=subject, body=body, to=sorted(recipients))
