"""Order history for buyers (F08, F09, L04): the filtered, paginated list and one order's detail.

Access comes from orders/selectors.py only (another company's order is a 404 there). Queries do
not grow with the number of orders, lines, shipments or events: the list is a count plus one
page; the detail is the order, its lines, shipments, status events and the visible-products check
for the links to product cards.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from urllib.parse import quote

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext

from backoffice.catalog.selectors import catalog_access_for, products_visible_to
from backoffice.core.paging import PageNavigation

from .checkout import method_label
from .checkout_methods import DELIVERY, PAYMENT, order_method_info
from .models import Order, OrderEvent, OrderLine
from .selectors import orders_visible_to

PER_PAGE = 20
# The status an order starts in (placing records it as its first status event).
FIRST_STATUSES = frozenset({Order.Status.PLACED, Order.Status.AWAITING_APPROVAL, Order.Status.AWAITING_PAYMENT, Order.Status.AWAITING_STOCK})
PHRASE_MAX = 100


@dataclass(frozen=True)
class OrderFilters:
    date_from: date | None = None  # calendar days in Europe/Warsaw (settings.TIME_ZONE), inclusive
    date_to: date | None = None
    status: str = ""
    phrase: str = ""  # order number, ERP number, PO, or a product's code or name


@dataclass
class OrderListPage(PageNavigation):
    orders: list[Order]
    total: int
    page: int
    pages: int


def local_day_start(day: date) -> datetime:
    """Midnight of `day` in the installation's time zone (Europe/Warsaw), as an aware datetime:
    a day boundary is the customer's midnight, not UTC's (it moves with summer time)."""
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def _filtered(qs: QuerySet, filters: OrderFilters) -> QuerySet:
    if filters.date_from:
        qs = qs.filter(placed_at__gte=local_day_start(filters.date_from))
    if filters.date_to:
        qs = qs.filter(placed_at__lt=local_day_start(filters.date_to + timedelta(days=1)))
    if filters.status:
        qs = qs.filter(status=filters.status)
    phrase = filters.phrase.strip()[:PHRASE_MAX]
    if phrase:
        with_product = OrderLine.objects.filter(order_id=OuterRef("pk")).filter(Q(sku__icontains=phrase) | Q(name__icontains=phrase))
        qs = qs.filter(
            Q(number__icontains=phrase) | Q(erp_number__icontains=phrase) | Q(customer_reference__icontains=phrase) | Exists(with_product)
        )
    return qs


def order_list_page(user, filters: OrderFilters, *, page: int = 1, per_page: int = PER_PAGE) -> OrderListPage:
    """Newest first. Two queries: the count and the page (with who placed each order)."""
    qs = _filtered(orders_visible_to(user), filters)
    total = qs.count()
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    start = (page - 1) * per_page
    rows = list(qs.select_related("placed_by", "acting_rep").order_by("-placed_at", "-pk")[start:start + per_page]) if total else []
    return OrderListPage(orders=rows, total=total, page=page, pages=pages)


# ------------------------------------------------------------------------------------------------
# Detail


@dataclass
class LineGroup:
    """One product line, or the lines split from one bundle (C10) under the bundle's code."""

    bundle_code: str
    bundle_name: str
    lines: list[OrderLine] = field(default_factory=list)

    @property
    def is_bundle(self) -> bool:
        return bool(self.bundle_code)

    @property
    def net(self) -> Decimal:
        return sum((line.line_net for line in self.lines), Decimal("0"))

    @property
    def gross(self) -> Decimal:
        return sum((line.line_gross for line in self.lines), Decimal("0"))


@dataclass(frozen=True)
class ShipmentRow:
    tracking_number: str
    carrier: str
    shipped_at: datetime | None
    tracking_url: str  # "" when we know no safe address for the carrier


@dataclass(frozen=True)
class StatusChange:
    created_at: datetime
    status: str
    status_label: str


@dataclass
class OrderDetail:
    order: Order
    groups: list[LineGroup]
    shipments: list[ShipmentRow]
    events: list[StatusChange]  # status changes only: hand-off attempts and staff notes are internal
    linkable_product_ids: frozenset[int]  # products the customer may still open (product card)

    @property
    def display_number(self) -> str:
        return order_display_number(self.order)

    @property
    def delivery_method(self) -> str:
        return method_label(DELIVERY, self.order.delivery_method) if self.order.delivery_method else ""

    @property
    def payment_method(self) -> str:
        return method_label(PAYMENT, self.order.payment_method) if self.order.payment_method else ""

    @cached_property
    def _method_info(self):
        return order_method_info(self.order)

    @property
    def method_info(self) -> list[str]:
        return self._method_info[0]

    @property
    def method_actions(self) -> list[tuple[str, str]]:
        return self._method_info[1]


def _choice_label(choices, code: str) -> str:
    """The translated name of a stored code; the code itself when it is not (or no longer) known."""
    return str(dict(choices.choices).get(code, code)) if code else ""


def order_display_number(order: Order) -> str:
    """ERP-only orders (F09) have no platform number: they show the ERP's."""
    return order.number or order.erp_number or f"#{order.pk}"


# L04: carriers whose public tracking page takes the parcel number in a fixed https address. Only
# these get a link; the number is URL-encoded, so a number sent by the ERP cannot change the host.
TRACKING_URLS = {
    "inpost": "https://inpost.pl/sledzenie-przesylek?number={}",
    "dpd": "https://tracktrace.dpd.com.pl/parcelDetails?typ=1&p1={}",
    "dhl": "https://www.dhl.com/pl-pl/home/tracking/tracking-parcel.html?submit=1&tracking-id={}",
    "ups": "https://www.ups.com/track?tracknum={}",
    "fedex": "https://www.fedex.com/fedextrack/?trknbr={}",
    "gls": "https://gls-group.com/PL/pl/sledzenie-paczek?match={}",
    "poczta polska": "https://emonitoring.poczta-polska.pl/?numer={}",
}


def tracking_url(carrier: str, number: str) -> str:
    """The carrier's tracking page for `number`, or "" for an unknown carrier. The carrier is
    matched by the start of its name ("DPD Polska" -> dpd), case-insensitively."""
    name = " ".join((carrier or "").lower().split())
    number = (number or "").strip()
    if not number:
        return ""
    for key, pattern in TRACKING_URLS.items():
        if name == key or name.startswith(key + " "):
            return pattern.format(quote(number, safe=""))
    return ""


CENT = Decimal("0.01")


def unit_price_display(amount: Decimal) -> Decimal:
    """A stored unit price (4 places) as shown: two places, more only when they carry a value."""
    return amount.quantize(CENT) if amount == amount.quantize(CENT) else amount.normalize()


def _groups(lines: list[OrderLine]) -> list[LineGroup]:
    """Lines in position order; lines of one bundle together where its first line was."""
    groups: list[LineGroup] = []
    bundles: dict[str, LineGroup] = {}
    for line in lines:
        if not line.bundle_code:
            groups.append(LineGroup("", "", [line]))
            continue
        group = bundles.get(line.bundle_code)
        if group is None:
            name = line.bundle.name if line.bundle_id and line.bundle else ""
            group = bundles[line.bundle_code] = LineGroup(line.bundle_code, name)
            groups.append(group)
        group.lines.append(line)
    return groups


def order_detail_for(user, pk) -> OrderDetail:
    """Five queries: the order, its lines (with bundles and products), shipments, status events, and which of
    its products the customer may still see (for links to product cards)."""
    order = get_object_or_404(orders_visible_to(user).select_related("placed_by", "acting_rep"), pk=pk)
    lines = list(OrderLine.objects.filter(order_id=order.pk).select_related("bundle", "product").order_by("position", "pk"))
    for line in lines:
        line.unit_price = unit_price_display(line.unit_net)
    shipments = [
        ShipmentRow(s.tracking_number, s.carrier, s.shipped_at, tracking_url(s.carrier, s.tracking_number))
        for s in order.shipments.order_by("shipped_at", "pk")
    ]
    events = [
        StatusChange(created_at, status, _choice_label(Order.Status, status))
        for created_at, status in order.events.filter(kind=OrderEvent.Kind.STATUS).order_by("created_at", "pk").values_list("created_at", "status_to")
    ]
    if not events or events[0].status not in FIRST_STATUSES:
        # ERP-only and imported orders have no "placed" event: the history starts with the order date.
        events.insert(0, StatusChange(order.placed_at, "", gettext("order placed")))
    product_ids = {line.product_id for line in lines if line.product_id}
    linkable = frozenset()
    if product_ids:
        access = catalog_access_for(user)
        linkable = frozenset(products_visible_to(access).filter(pk__in=sorted(product_ids)).values_list("pk", flat=True))
    return OrderDetail(order=order, groups=_groups(lines), shipments=shipments, events=events, linkable_product_ids=linkable)
