"""S07: releasing pre-sale orders when the goods arrive.

Orders of a pre-sale product wait (Order.AWAITING_STOCK, no stock reserved, not handed to the
ERP). When the product has stock in one of our own warehouses (an ERP sync brought it) or staff
close the offer, the offer closes (is_active False, closed_at) and its waiting orders become
PLACED (status.order_set_status), take what arrived as stock reservations (so other buyers
cannot take the units these customers were promised) and are handed to the ERP
(handoff.handoffs_create_for). Everything is idempotent: running it again finds nothing waiting.

Runs after every ERP sync run (erp/services.py), from the staff actions of the pre-sale screens,
and can be run by hand: presale_release_arrived().
"""
import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from backoffice.catalog.models import Warehouse
from backoffice.inventory.models import PresaleOffer, Stock

from .models import Order, OrderLine, StockReservation
from .reservations import Source, plan_takes
from .status import order_set_status

logger = logging.getLogger(__name__)
ZERO = Decimal("0")


@dataclass
class ReleaseReport:
    closed: list[PresaleOffer] = field(default_factory=list)
    released: list[Order] = field(default_factory=list)


def own_stock_arrived():
    """Stock rows that make a pre-sale product an ordinary stock product: an active row of an
    active own warehouse with something left to sell."""
    return Stock.objects.filter(
        is_active=True, warehouse__is_active=True, warehouse__kind=Warehouse.Kind.LOCAL, quantity__gt=F("reserved")
    )


def offers_with_arrived_stock() -> QuerySet[PresaleOffer]:
    return PresaleOffer.objects.filter(is_active=True).filter(Exists(own_stock_arrived().filter(product_id=OuterRef("product_id"))))


def waiting_orders(product_ids) -> QuerySet[Order]:
    """Pre-sale orders still waiting for stock of these products, oldest first."""
    lines = OrderLine.objects.filter(is_presale=True, product_id__in=list(product_ids)).values("order_id")
    return Order.objects.filter(status=Order.Status.AWAITING_STOCK, is_presale=True, pk__in=lines).order_by("placed_at", "pk")


def presale_offer_close(*, offer: PresaleOffer, user=None, message: str = "") -> list[Order]:
    """Close `offer` (if still open) and release every order waiting for its product. Returns the
    released orders; a second call releases nothing and keeps the first closing time."""
    with transaction.atomic():
        locked = PresaleOffer.objects.select_for_update().filter(pk=offer.pk).first()
        if locked is None:
            return []
        if locked.is_active:
            locked.is_active, locked.closed_at = False, timezone.now()
            locked.save(update_fields=["is_active", "closed_at"])
        offer.is_active, offer.closed_at = locked.is_active, locked.closed_at
        return _release(product_id=locked.product_id, user=user, message=message or _("Pre-sale closed: released to fulfilment."))


def presale_release_arrived(*, user=None) -> ReleaseReport:
    """Close every open offer whose product now has own stock and release its orders; also
    release orders still waiting on an offer that is already closed (a crash between closing and
    releasing must not leave them waiting for ever)."""
    report = ReleaseReport()
    for offer in offers_with_arrived_stock().order_by("pk"):
        released = presale_offer_close(offer=offer, user=user, message=_("Pre-sale stock arrived: released to fulfilment."))
        report.closed.append(offer)
        report.released.extend(released)
    still_waiting = OrderLine.objects.filter(
        is_presale=True, product_id=OuterRef("product_id"), order__status=Order.Status.AWAITING_STOCK, order__is_presale=True
    )
    for offer in PresaleOffer.objects.filter(is_active=False).filter(Exists(still_waiting)).order_by("pk"):
        report.released.extend(presale_offer_close(offer=offer, user=user))
    if report.closed or report.released:
        logger.info("pre-sale: %d offers closed, %d orders released", len(report.closed), len(report.released))
    return report


def _release(*, product_id: int, user, message: str) -> list[Order]:
    """Inside the offer's transaction: waiting orders -> PLACED, reservations, hand-off."""
    from .handoff import handoffs_create_for  # the ERP hand-off outbox (imported late: it imports order code)

    orders = list(waiting_orders([product_id]).select_for_update(of=("self",)))
    if not orders:
        return []
    lines = list(OrderLine.objects.filter(order__in=orders, is_presale=True, product_id=product_id).order_by("order_id", "pk"))
    _reserve_arrived(product_id=product_id, orders=orders, lines=lines)
    for order in orders:
        order_set_status(order=order, status=Order.Status.PLACED, user=user, message=message)
        handoffs_create_for(order=order)
    return orders


def _reserve_arrived(*, product_id: int, orders: list[Order], lines: list[OrderLine]) -> None:
    """Reserve what arrived in our own warehouses for the released orders, oldest order first
    (as much as there is: the ERP decides what to do with a shortfall). A line that has no
    warehouse yet ships from the warehouse most of it was taken from."""
    rows = list(own_stock_arrived().filter(product_id=product_id).select_for_update(of=("self",)).order_by("pk"))
    left = {row.pk: row.quantity - row.reserved for row in rows}
    by_stock = {row.pk: row for row in rows}
    by_warehouse = {row.warehouse_id: row for row in rows}
    rank = {order.pk: i for i, order in enumerate(orders)}
    reservations: list[StockReservation] = []
    moved: list[OrderLine] = []
    for line in sorted(lines, key=lambda line: (rank[line.order_id], line.pk)):
        sources = [Source(pk, by_stock[pk].warehouse_id, True, None, None, amount) for pk, amount in left.items() if amount > 0]
        takes, _missing = plan_takes(line.base_quantity, sources)
        for take in takes:
            row = by_warehouse[take.warehouse_id]
            left[row.pk] -= take.quantity
            row.reserved += take.quantity
            reservations.append(StockReservation(order_id=line.order_id, product_id=product_id, warehouse_id=take.warehouse_id,
                                                 quantity=take.quantity))
        if takes and line.warehouse_id is None:
            line.warehouse_id = max(takes, key=lambda take: take.quantity).warehouse_id
            moved.append(line)
    if reservations:
        Stock.objects.bulk_update(rows, ["reserved"])
        StockReservation.objects.bulk_create(reservations)
    if moved:
        OrderLine.objects.bulk_update(moved, ["warehouse"])
