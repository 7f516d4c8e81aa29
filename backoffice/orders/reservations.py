"""Stock reservations (S01): what a placed order takes from which warehouse, so that concurrent
buyers never get more than exists.

`stock_reserve` runs inside the placing transaction: it locks the Stock rows of the ordered
products (select_for_update, by pk so two checkouts always lock in the same order and cannot
deadlock), takes each product's quantity from our own warehouses first (most stock first, fewer
split lines), then from external suppliers (fastest lead time first), and raises ValidationError
naming every product that falls short BEFORE writing anything. Only then it increments
Stock.reserved. The caller writes the StockReservation rows once the order lines exist
(`reservations_record`).

`reservations_release` gives the stock back when the ERP's figures include the order (or the
order is cancelled); releasing twice changes nothing.
"""
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from backoffice.catalog.models import Warehouse
from backoffice.inventory.availability import format_quantity
from backoffice.inventory.models import Stock

from .models import Order, StockReservation

ZERO = Decimal("0")


@dataclass(frozen=True)
class Source:
    """One warehouse's sellable stock of a product (quantity - reserved, never negative)."""

    stock_id: int
    warehouse_id: int
    is_local: bool
    lead_days_min: int | None
    lead_days_max: int | None
    available: Decimal


@dataclass(frozen=True)
class Take:
    """Base units of a product taken from one warehouse."""

    warehouse_id: int
    quantity: Decimal
    is_local: bool


def source_order(source: Source) -> tuple:
    """Own warehouses first (most stock first), then suppliers fastest first (unknown lead time
    last); the stock row's pk breaks ties, so the choice is stable."""
    if source.is_local:
        return (0, -source.available, 0, 0, source.stock_id)
    low, high = source.lead_days_min, source.lead_days_max
    if low is None and high is None:
        return (2, 0, 0, 0, source.stock_id)
    high = low if high is None else high
    low = high if low is None else low
    return (1, 0, high, low, source.stock_id)


def plan_takes(needed: Decimal, sources: Iterable[Source]) -> tuple[list[Take], Decimal]:
    """Pure: take `needed` base units from `sources` in source_order; returns the takes and what
    is missing (0 when everything was found)."""
    takes: list[Take] = []
    left = needed
    for source in sorted(sources, key=source_order):
        if left <= 0:
            break
        taken = min(left, source.available)
        if taken > 0:
            takes.append(Take(source.warehouse_id, taken, source.is_local))
            left -= taken
    return takes, max(left, ZERO)


def _locked_sources(product_ids: list[int]) -> dict[int, list[Source]]:
    """Lock the stock rows of `product_ids` (one query, in pk order) and read what is left."""
    rows = (
        Stock.objects.select_for_update(of=("self",))
        .filter(product_id__in=product_ids)
        .order_by("pk")
        .values_list("pk", "product_id", "warehouse_id", "quantity", "reserved", "is_active", "warehouse__is_active", "warehouse__kind",
                     "warehouse__lead_time_days_min", "warehouse__lead_time_days_max")
    )
    sources: dict[int, list[Source]] = {pk: [] for pk in product_ids}
    for pk, product_id, warehouse_id, quantity, reserved, active, warehouse_active, kind, lead_min, lead_max in rows:
        if active and warehouse_active:
            sources[product_id].append(Source(
                stock_id=pk, warehouse_id=warehouse_id, is_local=kind == Warehouse.Kind.LOCAL, lead_days_min=lead_min,
                lead_days_max=lead_max, available=max(quantity - reserved, ZERO),
            ))
    return sources


def shortage_message(name: str, ordered: Decimal, left: Decimal, unit: str) -> str:
    if left <= 0:
        return _("%(product)s is out of stock (you ordered %(ordered)s %(unit)s). Remove it from the cart or try later.") % {
            "product": name, "ordered": format_quantity(ordered), "unit": unit}
    return _("Not enough stock of %(product)s: you ordered %(ordered)s %(unit)s, only %(left)s %(unit)s left. "
             "Reduce the quantity in the cart.") % {
        "product": name, "ordered": format_quantity(ordered), "left": format_quantity(left), "unit": unit}


def stock_reserve(*, demands: Mapping[int, Decimal], names: Mapping[int, str], units: Mapping[int, str]) -> dict[int, list[Take]]:
    """Reserve `demands` (product id -> base units) and return the takes per product.

    Must run inside a transaction (the rows stay locked until it ends). Raises ValidationError with
    one message per product short of stock; then nothing has been written.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("stock_reserve must run inside transaction.atomic()")
    product_ids = sorted(pid for pid, quantity in demands.items() if quantity > 0)
    if not product_ids:
        return {}
    sources = _locked_sources(product_ids)
    plans: dict[int, list[Take]] = {}
    errors = []
    for pid in product_ids:
        takes, missing = plan_takes(demands[pid], sources[pid])
        if missing > 0:
            left = sum((source.available for source in sources[pid]), ZERO)
            errors.append(shortage_message(names.get(pid, str(pid)), demands[pid], left, units.get(pid, "")))
        plans[pid] = takes
    if errors:
        raise ValidationError([ValidationError(message, code="not_enough_stock") for message in errors])

    # One UPDATE per distinct quantity (most carts hold few distinct quantities); the rows are
    # locked, and F() keeps the increment right even for a caller that forgot the lock.
    stock_id = {(pid, source.warehouse_id): source.stock_id for pid in product_ids for source in sources[pid]}
    by_quantity: dict[Decimal, list[int]] = {}
    for pid, takes in plans.items():
        for take in takes:
            by_quantity.setdefault(take.quantity, []).append(stock_id[(pid, take.warehouse_id)])
    for quantity, ids in sorted(by_quantity.items()):
        Stock.objects.filter(pk__in=sorted(ids)).update(reserved=F("reserved") + quantity)
    return plans


def reservations_record(*, order: Order, lines: Iterable) -> list[StockReservation]:
    """One StockReservation per (product, warehouse) of the order's reserved `lines` (OrderLine
    objects with product and warehouse set)."""
    totals: dict[tuple[int, int], Decimal] = {}
    for line in lines:
        if line.warehouse_id is None or line.product_id is None:
            continue
        key = (line.product_id, line.warehouse_id)
        totals[key] = totals.get(key, ZERO) + line.base_quantity
    return StockReservation.objects.bulk_create(
        StockReservation(order=order, product_id=pid, warehouse_id=wid, quantity=quantity) for (pid, wid), quantity in sorted(totals.items())
    )


def reservations_release(*, order: Order) -> int:
    """Give back the stock `order` still holds; returns the number of reservations released.
    Idempotent: released reservations are skipped, so a repeated ERP confirmation or a cancel
    after the confirmation changes nothing."""
    with transaction.atomic():
        open_rows = list(
            StockReservation.objects.select_for_update().filter(order=order, released_at__isnull=True).order_by("pk")
        )
        if not open_rows:
            return 0
        keys = sorted({(r.product_id, r.warehouse_id) for r in open_rows})
        stock = {
            (s.product_id, s.warehouse_id): s
            for s in Stock.objects.select_for_update().filter(product_id__in={k[0] for k in keys}).order_by("pk")
        }
        now = timezone.now()
        changed = {}
        for reservation in open_rows:
            row = stock.get((reservation.product_id, reservation.warehouse_id))
            if row is not None:
                row.reserved = max(row.reserved - reservation.quantity, ZERO)  # never below zero
                changed[row.pk] = row
            reservation.released_at = now
        Stock.objects.bulk_update(list(changed.values()), ["reserved"])
        StockReservation.objects.bulk_update(open_rows, ["released_at"])
        return len(open_rows)
