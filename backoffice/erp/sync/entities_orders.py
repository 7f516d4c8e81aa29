"""order_statuses.jsonl (F09/L04): the ERP's order documents with their status and tracking numbers,
and, for the ERP-mirror variant, orders placed in the ERP itself (header + lines).

Unlike master data, a report is an event on an order: it is applied row by row (each in its own
savepoint, so a refused row leaves nothing behind) through the orders app's services, which run
the order state machine, free stock reservations and email the customer. An unchanged line (same
digest as the stored document) is skipped without decoding; a full package never deactivates
anything here (it lists recent changes, not every order ever placed).

F02: a row naming a platform order may carry the ERP's settlement ("paid": true and/or "paid_at");
without "status" such a row only records the payment (erp_id is then the ERP's payment document).
"""
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from backoffice.accounts.models import Company
from backoffice.catalog.models import Product
from backoffice.core import modules
from backoffice.orders.erp_statuses import ErpOnlyOrder, ErpReport, Tracking, erp_report_apply, platform_target, targets_for
from backoffice.orders.models import ErpOrderDocument, Order, OrderLine
from backoffice.orders.status_emails import order_status_email_send
from backoffice.payments.emails import order_payment_email_send

from ..package import decode_line
from . import fields as f
from .engine import DUPLICATE, EntitySync, SyncContext, digest, line_batches
from .fields import RowRejected

STATUSES = frozenset(value for value, _label in ErpOrderDocument.STATUS_CHOICES)
ERP_ONLY_FIELDS = frozenset({"customer_erp_id", "placed_at", "currency", "po_number", "notes", "lines", "totals"})
LINE_FIELDS = frozenset({"product_erp_id", "sku", "name", "quantity", "unit", "base_quantity", "net_price", "vat_rate", "net", "gross"})
TRACKING_FIELDS = frozenset({"number", "carrier", "shipped_at"})
PAYMENT_FIELDS = frozenset({"paid", "paid_at"})
CENT = Decimal("0.01")


def date_time(record: dict, key: str) -> datetime | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is not None:
            return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
    raise RowRejected(f"'{key}' must be a date and time, e.g. \"2026-12-02T10:15:00+01:00\"")


class OrderStatusSync(EntitySync):
    file = "order_statuses.jsonl"
    model = ErpOrderDocument
    allowed = frozenset({"erp_id", "erp_number", "platform_id", "status", "changed_at", "tracking"}) | ERP_ONLY_FIELDS | PAYMENT_FIELDS

    def record_id(self, record):
        return str(record.get("erp_id") or record.get("platform_id") or "")

    def skip(self, record, ctx):
        # ERP-only orders are mirrored only where the installation shows the ERP's order history.
        return not record.get("platform_id") and not modules.is_enabled("erp_order_history")

    def parse(self, record: dict, ctx: SyncContext) -> ErpReport:
        f.allowed_keys(record, self.allowed)
        platform_id = f.text(record, "platform_id", 64, required=False)
        paid, paid_at = self._payment(record, platform_id)
        if paid and record.get("status") in (None, ""):
            status = ""  # a settlement-only row: it records the payment, nothing else
            if record.get("tracking"):
                raise RowRejected("'tracking' needs a 'status'")
        else:
            status = f.req(record, "status")
            if status not in STATUSES:
                raise RowRejected(f"unknown status '{status}' (expected one of: {', '.join(sorted(STATUSES))})")
        erp_only = None
        if platform_id:
            extra = sorted(ERP_ONLY_FIELDS & record.keys())
            if extra:
                raise RowRejected(f"{', '.join(extra)}: only for orders placed in the ERP (rows without platform_id)")
        else:
            erp_only = self._erp_only(record, ctx)
        return ErpReport(
            erp_id=f.erp_id(record, "erp_id"),
            status=status,
            erp_number=f.text(record, "erp_number", 64, required=False),
            reported_at=date_time(record, "changed_at"),
            platform_id=platform_id,
            tracking=self._tracking(record),
            erp_only=erp_only,
            paid=paid,
            paid_at=paid_at,
        )

    def _payment(self, record: dict, platform_id: str) -> tuple[bool, datetime | None]:
        """F02: (paid, paid_at). "paid_at" alone means paid; "paid": false with no date means nothing."""
        if not PAYMENT_FIELDS & record.keys():
            return False, None
        if not platform_id:
            raise RowRejected("paid, paid_at: only for platform orders (rows with platform_id)")
        paid_at = date_time(record, "paid_at")
        paid = f.boolean(record, "paid", default=paid_at is not None)
        if paid_at is not None and not paid:
            raise RowRejected("'paid_at' with \"paid\": false: leave paid_at out for an unpaid order")
        return paid, paid_at

    def _tracking(self, record: dict) -> tuple[Tracking, ...]:
        value = record.get("tracking")
        if value is None:
            return ()
        if not isinstance(value, list):
            raise RowRejected("'tracking' must be a list of parcels")
        parcels = []
        for index, item in enumerate(value):
            parcel = f.nested(item, f"tracking[{index}]", TRACKING_FIELDS)
            parcels.append(Tracking(number=f.text(parcel, "number", 64), carrier=f.text(parcel, "carrier", 64, required=False),
                                    shipped_at=date_time(parcel, "shipped_at")))
        return tuple(parcels)

    def _erp_only(self, record: dict, ctx: SyncContext) -> ErpOnlyOrder:
        company_id = ctx.ref(Company, f.erp_id(record, "customer_erp_id"), "customer")
        lines = record.get("lines")
        if not isinstance(lines, list) or not lines:
            raise RowRejected("an order placed in the ERP needs 'lines' (at least one) and 'customer_erp_id'")
        parsed = [self._line(item, index, ctx) for index, item in enumerate(lines)]
        net = sum((line["line_net"] for line in parsed), Decimal(0))
        gross = sum((line["line_gross"] for line in parsed), Decimal(0))
        totals = record.get("totals")
        if totals is not None:
            totals = f.nested(totals, "totals", frozenset({"net", "vat", "gross"}))
            net, gross = f.decimal(totals, "net"), f.decimal(totals, "gross")
        return ErpOnlyOrder(
            company_id=company_id, currency=f.currency(record, "currency"), placed_at=date_time(record, "placed_at"),
            po_number=f.text(record, "po_number", 64, required=False), notes=f.text(record, "notes", 4000, required=False),
            lines=parsed, net=net, vat=gross - net, gross=gross,
        )

    def _line(self, item, index: int, ctx: SyncContext) -> dict:
        line = f.nested(item, f"lines[{index}]", LINE_FIELDS)
        product_erp_id = f.erp_id(line, "product_erp_id", required=False)
        quantity = f.decimal(line, "quantity", column=OrderLine._meta.get_field("quantity"))
        net_price = f.decimal(line, "net_price", column=OrderLine._meta.get_field("unit_net"))
        vat_rate = f.decimal(line, "vat_rate", column=OrderLine._meta.get_field("vat_rate"))
        line_net = f.decimal(line, "net", required=False)
        if line_net is None:
            line_net = (quantity * net_price).quantize(CENT)
        line_gross = f.decimal(line, "gross", required=False)
        if line_gross is None:
            line_gross = (line_net * (1 + vat_rate / 100)).quantize(CENT)
        base_quantity = f.decimal(line, "base_quantity", required=False, column=OrderLine._meta.get_field("base_quantity"))
        return {
            "product_id": ctx.ref(Product, product_erp_id, "product") if product_erp_id else None,
            "sku": f.text(line, "sku", 64),
            "name": f.text(line, "name", 255),
            "unit": f.text(line, "unit", 16, required=False),
            "quantity": quantity,
            "base_quantity": quantity if base_quantity is None else base_quantity,
            "unit_net": net_price,
            "vat_rate": vat_rate,
            "line_net": line_net,
            "line_gross": line_gross,
        }

    # The run: parse a batch, find the orders it names, apply row by row ----------------------

    def run(self, ctx: SyncContext) -> None:
        seen: set[str] = set()
        for batch in line_batches(ctx, self.file):
            self._apply_batch(batch, ctx, seen)

    def _apply_batch(self, lines: list[tuple[int, str]], ctx: SyncContext, seen: set[str]) -> None:
        counts = ctx.counts[self.label]
        digests = [digest(text) for _number, text in lines]
        stored = set(ErpOrderDocument.objects.filter(erp_hash__in=digests).values_list("erp_hash", flat=True))
        reports: list[tuple[int, ErpReport, str]] = []
        for (number, text), line_digest in zip(lines, digests):
            if line_digest in stored:
                counts.unchanged += 1
                continue
            line = decode_line(number, text)
            if line.error:
                counts.rejected += 1
                ctx.reject(self.file, number, "", line.error)
                continue
            try:
                if self.skip(line.record, ctx):
                    counts.skipped += 1
                    continue
                report = self.parse(line.record, ctx)
            except RowRejected as exc:
                counts.rejected += 1
                ctx.reject(self.file, number, self.record_id(line.record), str(exc))
                continue
            if report.erp_id in seen:
                counts.rejected += 1
                ctx.reject(self.file, number, report.erp_id, DUPLICATE)
                continue
            seen.add(report.erp_id)
            reports.append((number, report, line_digest))
        orders, handoffs = targets_for({report.platform_id for _n, report, _d in reports if report.platform_id})
        known = set(ErpOrderDocument.objects.filter(erp_id__in=[r.erp_id for _n, r, _d in reports]).values_list("erp_id", flat=True))
        for number, report, line_digest in reports:
            self._apply(number, report, line_digest, ctx, orders, handoffs, is_new=report.erp_id not in known)

    def _apply(self, number, report, line_digest, ctx, orders, handoffs, *, is_new: bool) -> None:
        counts = ctx.counts[self.label]
        order = handoff = None
        if report.platform_id:
            order, handoff = platform_target(report.platform_id, orders, handoffs)
            if order is None:
                counts.rejected += 1
                ctx.reject(self.file, number, report.erp_id, f"unknown platform order '{report.platform_id}'")
                return
        try:
            with transaction.atomic():
                applied = erp_report_apply(report=report, digest=line_digest, order=order, handoff=handoff)
                if applied.status_to:
                    order_status_email_send(order=applied.order)
                if applied.paid_recorded and applied.status_from == Order.Status.AWAITING_PAYMENT:
                    order_payment_email_send(order=applied.order)  # the prepayment is in: the order goes on
        except ValidationError as exc:
            if order is not None:
                order.refresh_from_db()  # the savepoint rolled back what the instance still remembers
            counts.rejected += 1
            ctx.reject(self.file, number, report.erp_id, "; ".join(exc.messages))
            return
        if report.settlement_only:  # no ERP document stored: the payment is the only change
            if applied.paid_recorded:
                counts.updated += 1
            else:
                counts.unchanged += 1
        elif is_new:
            counts.inserted += 1
        else:
            counts.updated += 1
