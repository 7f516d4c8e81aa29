"""F09/L04: applying what the ERP reports about its order documents (order_statuses.jsonl).

One report = one ERP document: a part of a platform order (identified by the `platform_id` we sent)
or an order placed in the ERP itself (ERP-mirror variant). The order's status follows from its
documents (`order_status_from`), goes through the state machine (status.order_set_status), frees
the order's stock reservations once the ERP has taken the order over, and the customer gets an
email about every change (status_emails.py).

F02 settlement data: a report may say the platform order is paid (`paid` / `paid_at`), e.g. when
the ERP matched the customer's transfer on the bank statement. That goes through
payment_state.order_mark_paid (an order awaiting payment then goes on to the ERP). A report with
no status ("settlement only") carries just that: no ERP document is stored for it.
"""
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from .models import ErpHandoff, ErpOrderDocument, Order, OrderEvent, OrderLine, OrderShipment
from .status import order_set_status

S = Order.Status
# How far an ERP document has got; the order is as far as its least advanced live part.
PROGRESS = {S.ACCEPTED: 1, S.IN_PROGRESS: 2, S.SHIPPED: 3, S.COMPLETED: 4}
BY_PROGRESS = {rank: status for status, rank in PROGRESS.items()}


@dataclass(frozen=True)
class Tracking:
    number: str
    carrier: str = ""
    shipped_at: datetime | None = None


@dataclass(frozen=True)
class ErpOnlyOrder:
    """An order the customer placed outside the platform (phone, sales office), mirrored for F09."""

    company_id: int
    currency: str
    placed_at: datetime | None
    po_number: str
    notes: str
    lines: list[dict]  # OrderLine field values (product_id, sku, name, unit, quantity, ...)
    net: Decimal
    vat: Decimal
    gross: Decimal


@dataclass(frozen=True)
class ErpReport:
    erp_id: str
    status: str
    erp_number: str = ""
    reported_at: datetime | None = None
    platform_id: str = ""
    tracking: tuple[Tracking, ...] = ()
    erp_only: ErpOnlyOrder | None = None
    paid: bool = False  # F02: the ERP has settled the order (platform orders only)
    paid_at: datetime | None = None  # when the money came in (None: now)

    @property
    def settlement_only(self) -> bool:
        return not self.status and self.paid


@dataclass
class Applied:
    order: Order
    status_from: str
    status_to: str | None = None  # None: the order's status did not change
    new_tracking: list[str] = field(default_factory=list)
    paid_recorded: bool = False  # this report recorded the order's payment


def order_status_from(parts: list[str | None]) -> str | None:
    """The order status the ERP's documents add up to; None while no document has reported.

    `parts` holds one entry per document (None = not reported yet). Cancelled parts do not count
    unless all are cancelled; any part on hold holds the order; otherwise the least advanced part
    decides, and an order with at least one reported part is at least accepted."""
    if not any(parts):
        return None
    live = [part for part in parts if part != S.CANCELLED]
    if not live:
        return S.CANCELLED
    if S.ON_HOLD in live:
        return S.ON_HOLD
    return BY_PROGRESS[max(1, min(PROGRESS.get(part, 0) for part in live))]


def platform_target(platform_id: str, orders_by_number: dict[str, Order], handoffs_by_order: dict[int, list[ErpHandoff]]):
    """(order, handoff) a platform_id names: a part's document id ("<number>-<n>"), or the order
    number (its only part, or the whole order); (None, None) when unknown."""
    order = orders_by_number.get(platform_id)
    if order is not None:
        parts = handoffs_by_order.get(order.pk, [])
        return order, (parts[0] if len(parts) == 1 else None)
    number, _sep, _suffix = platform_id.rpartition("-")
    order = orders_by_number.get(number)
    if order is None:
        return None, None
    for handoff in handoffs_by_order.get(order.pk, []):
        if handoff.document.get("platform_id") == platform_id:
            return order, handoff
    return None, None


def targets_for(platform_ids: set[str]) -> tuple[dict[str, Order], dict[int, list[ErpHandoff]]]:
    """Orders and hand-offs a batch of reports may name, in two queries."""
    numbers = platform_ids | {pid.rpartition("-")[0] for pid in platform_ids if "-" in pid}
    orders = {o.number: o for o in Order.objects.filter(number__in=numbers).select_related("company", "placed_by")}
    handoffs: dict[int, list[ErpHandoff]] = {}
    for handoff in ErpHandoff.objects.filter(order__in=orders.values()).order_by("pk"):
        handoffs.setdefault(handoff.order_id, []).append(handoff)
    return orders, handoffs


def erp_report_apply(*, report: ErpReport, digest: str, order: Order | None, handoff: ErpHandoff | None) -> Applied:
    """Store one ERP document and bring its order in line. Raises ValidationError (nothing kept
    by the caller's savepoint) when the state machine refuses the resulting order status."""
    if report.erp_only is not None:
        order = _erp_only_order(report)
    status_before = order.status
    paid_recorded = _record_payment(order, report) if report.paid else False
    if report.settlement_only:
        return Applied(order=order, status_from=status_before, status_to=order.status if order.status != status_before else None,
                       paid_recorded=paid_recorded)
    document = ErpOrderDocument.objects.filter(erp_id=report.erp_id).first()
    if document is not None and document.order_id != order.pk:
        raise ValidationError(f"ERP document '{report.erp_id}' belongs to another order ({document.order})")
    document = document or ErpOrderDocument(erp_id=report.erp_id, order=order)
    document.handoff = handoff or document.handoff
    document.erp_number = report.erp_number
    document.status = report.status
    document.reported_at = report.reported_at or timezone.now()
    document.erp_hash = digest
    document.save()

    applied = Applied(order=order, status_from=status_before, paid_recorded=paid_recorded)
    applied.new_tracking = _store_tracking(order, report.tracking)
    _refresh_erp_number(order)
    wanted = order_status_from(_part_statuses(order))
    if wanted and wanted != order.status:
        if not order.may_become(wanted):
            raise ValidationError(
                f"order {order} is {order.status}; the ERP's documents make it {wanted}, which the order state machine does not allow"
            )
        order_set_status(order=order, status=wanted, message=f"ERP {report.erp_number or report.erp_id}: {report.status}")
        applied.status_to = wanted
    if order.status in Order.ERP_STATUSES:
        from .reservations import reservations_release  # the ERP's stock figures now include the order

        reservations_release(order=order)
    return applied


def _record_payment(order: Order, report: ErpReport) -> bool:
    """F02: the ERP's settlement of a platform order. Refreshes `order` (the payment may have moved
    it on, e.g. awaiting payment -> placed with its ERP hand-off written)."""
    from .payment_state import PaymentSource, order_mark_paid

    if order.source != Order.Source.PLATFORM or order.paid_at is not None:
        return False  # already recorded (the ERP repeats settled rows): nothing to do, no note
    recorded = order_mark_paid(order_id=order.pk, source=PaymentSource.ERP, reference=f"ERP {report.erp_number or report.erp_id}",
                               paid_at=report.paid_at)
    order.refresh_from_db()
    return recorded


def _part_statuses(order: Order) -> list[str | None]:
    documents = list(ErpOrderDocument.objects.filter(order=order).values_list("handoff_id", "status"))
    if order.source == Order.Source.ERP or any(handoff_id is None for handoff_id, _status in documents):
        return [status for _handoff_id, status in documents]  # the ERP reports on the order as a whole
    reported = dict(documents)
    return [reported.get(pk) for pk in ErpHandoff.objects.filter(order=order).values_list("pk", flat=True)]


def _store_tracking(order: Order, tracking: tuple[Tracking, ...]) -> list[str]:
    if not tracking:
        return []
    existing = {s.tracking_number: s for s in OrderShipment.objects.filter(order=order)}
    new = []
    for parcel in tracking:
        known = existing.get(parcel.number)
        if known is None:
            existing[parcel.number] = OrderShipment.objects.create(
                order=order, tracking_number=parcel.number, carrier=parcel.carrier, shipped_at=parcel.shipped_at
            )
            new.append(parcel.number)
        elif (known.carrier, known.shipped_at) != (parcel.carrier, parcel.shipped_at):
            known.carrier, known.shipped_at = parcel.carrier, parcel.shipped_at
            known.save(update_fields=["carrier", "shipped_at"])
    return new


def _refresh_erp_number(order: Order) -> None:
    numbers = sorted({n for n in ErpOrderDocument.objects.filter(order=order).values_list("erp_number", flat=True) if n})
    value = ", ".join(numbers)
    max_length = Order._meta.get_field("erp_number").max_length
    if len(value) > max_length:
        value = value[: max_length - 1] + "…"
    if value and value != order.erp_number:
        order.erp_number = value
        order.save(update_fields=["erp_number"])


def _erp_only_order(report: ErpReport) -> Order:
    """Create or refresh the mirror of an order placed in the ERP (its lines replaced as reported)."""
    data = report.erp_only
    order = Order.objects.filter(erp_id=report.erp_id).first()
    header = {
        "company_id": data.company_id, "currency": data.currency, "customer_reference": data.po_number, "notes": data.notes,
        "net": data.net, "vat": data.vat, "gross": data.gross, "erp_number": report.erp_number,
    }
    if order is None:
        order = Order.objects.create(
            source=Order.Source.ERP, erp_id=report.erp_id, status=report.status, placed_at=data.placed_at or timezone.now(), **header
        )
        OrderEvent.objects.create(order=order, kind=OrderEvent.Kind.STATUS, status_to=order.status,
                                  message=f"order placed in the ERP ({report.erp_number or report.erp_id})")
    else:
        if order.source != Order.Source.ERP:
            raise ValidationError(f"'{report.erp_id}' is the ERP id of an order placed on the platform: report it with its platform_id")
        if order.company_id != data.company_id:
            raise ValidationError(f"ERP order '{report.erp_id}' belongs to another customer")
        for name, value in header.items():
            setattr(order, name, value)
        if data.placed_at:
            order.placed_at = data.placed_at
        order.save()
        OrderLine.objects.filter(order=order).delete()
    OrderLine.objects.bulk_create(OrderLine(order=order, position=n, **values) for n, values in enumerate(data.lines, start=1))
    return order
