"""C05 "recently bought": the products a company ordered in the last 3/6/12/24 months, with the
quantity bought in the period (base units), the last order date, today's price and availability.

Only products the customer may still see count (catalog/selectors.py), only orders it may see
(orders/selectors.py: its own company, ERP-only orders in the ERP-mirror variant), cancelled
orders never. The sums are one SQL GROUP BY over order lines joined to their orders (indexes
Order(company, placed_at) and OrderLine(product, order)); a page then loads its products, their
prices (one pricing_input_for) and stock (one stock_for_products) whatever its size.
"""
import calendar
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db import connection
from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import get_language

from backoffice.catalog.listing import translated_name
from backoffice.catalog.models import Product, Warehouse
from backoffice.catalog.selectors import CatalogAccess, catalog_access_for, products_visible_to
from backoffice.catalog.tree import category_tree
from backoffice.inventory.display import stock_display
from backoffice.inventory.models import Stock
from backoffice.inventory.selectors import stock_for_products
from backoffice.pricing.engine import quote_line
from backoffice.pricing.selectors import pricing_input_for
from backoffice.pricing.types import LineQuote, LineRequest
from backoffice.core.paging import PageNavigation

from .history import local_day_start
from .models import Order, OrderLine
from .selectors import buying_company, order_lines_visible_to

PERIODS = (3, 6, 12, 24)  # months
DEFAULT_MONTHS = 12
SORTS = ("last", "quantity", "code")
PER_PAGE = 50
PHRASE_MAX = 100
CHUNK = 2000  # products priced at once for the CSV export
ONE = Decimal("1")
ProductTranslation = Product._parler_meta.root_model


@dataclass(frozen=True)
class RecentQuery:
    months: int = DEFAULT_MONTHS
    category_id: int | None = None  # the category and everything under it
    brand_id: int | None = None
    phrase: str = ""  # code, EAN or name
    stock: str = ""  # "", "local" (own warehouses), "any" (incl. external suppliers)
    sort: str = "last"
    page: int = 1
    per_page: int = PER_PAGE


@dataclass
class RecentItem:
    product: Product  # with _name (current language, Polish fallback) and brand
    quantity: Decimal  # base units bought in the period
    last_at: datetime
    last_quantity: Decimal  # the last order line: what "add to cart" puts in the cart
    last_unit: str
    quote: LineQuote  # today's price of one base unit
    local_quantity: Decimal
    supplier_quantity: Decimal
    local_label: str
    supplier_label: str

    @property
    def name(self) -> str:
        return self.product._name or self.product.sku

    @property
    def in_stock(self) -> bool:
        return self.local_quantity > 0 or self.supplier_quantity > 0


@dataclass
class RecentPage(PageNavigation):
    items: list[RecentItem]
    total: int
    page: int
    pages: int
    months: int
    categories: list[tuple[int, str]] = field(default_factory=list)  # pk, name indented by level (tree order)
    brands: list[tuple[int, str]] = field(default_factory=list)


def period_start(months: int, *, today: date | None = None) -> datetime:
    """Midnight (Europe/Warsaw) of the same day `months` calendar months ago; the 31st becomes
    the last day of a shorter month."""
    today = today or timezone.localdate()
    index = today.year * 12 + today.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    day = min(today.day, calendar.monthrange(year, month)[1])
    return local_day_start(date(year, month, day))


def _bought_lines(user, since: datetime) -> QuerySet:
    return order_lines_visible_to(user).filter(order__placed_at__gte=since).exclude(order__status=Order.Status.CANCELLED)


def _in_stock(kinds: tuple[str, ...]) -> Exists:
    return Exists(
        Stock.objects.filter(product_id=OuterRef("pk"), warehouse__kind__in=kinds, quantity__gt=F("reserved"), is_active=True,
                             warehouse__is_active=True)
    )


def _products(access: CatalogAccess, query: RecentQuery, product_ids: Iterable[int] | None = None) -> QuerySet:
    """Visible products narrowed by the filters (and to `product_ids` when given)."""
    within = None
    if query.category_id is not None:
        tree = category_tree()
        within = tree.subtree_ids(query.category_id) if tree.get(query.category_id) else []
    qs = products_visible_to(access, within=within)
    if product_ids is not None:
        qs = qs.filter(pk__in_ids=sorted({int(pk) for pk in product_ids}))
    if query.brand_id is not None:
        qs = qs.filter(brand_id=query.brand_id)
    phrase = query.phrase.strip()[:PHRASE_MAX]
    if phrase:
        named = ProductTranslation.objects.filter(master_id=OuterRef("pk"), name__icontains=phrase)
        qs = qs.filter(Q(sku__icontains=phrase) | Q(ean=phrase) | Exists(named))
    if query.stock:
        kinds = (Warehouse.Kind.LOCAL,) if query.stock == "local" else (Warehouse.Kind.LOCAL, Warehouse.Kind.SUPPLIER)
        qs = qs.filter(_in_stock(kinds))
    return qs


IN_CHUNK = 5000  # product ids per IN list (SQLite allows 32,766 parameters)


def _sums(user, query: RecentQuery) -> list[tuple[int, Decimal, datetime]]:
    """(product id, base quantity, last order time) of everything the company bought in the
    period, sorted: one GROUP BY over its order lines (index Order(company, placed_at)). No
    product filter here on purpose: "visible to the customer" as a subquery could make the
    database check all 100,000 products instead of the few thousand bought."""
    rows = _bought_lines(user, period_start(query.months)).values("product_id").annotate(
        quantity=Sum("base_quantity"), last_at=Max("order__placed_at")
    )
    if query.sort == "quantity":
        rows = rows.order_by("-quantity", "product_id")
    elif query.sort == "code":
        rows = rows.order_by("product__sku", "product_id")
    else:
        rows = rows.order_by("-last_at", "product_id")
    return [(row["product_id"], row["quantity"], row["last_at"]) for row in rows.filter(product_id__isnull=False)]


def _chunks(ids: list[int]):
    for start in range(0, len(ids), IN_CHUNK):
        yield ids[start:start + IN_CHUNK]


def _visible_info(access: CatalogAccess, ids: list[int]) -> dict[int, tuple[int, int | None, str | None]]:
    """Product id -> (category, brand, brand name) for the bought products still visible."""
    info = {}
    for chunk in _chunks(ids):
        rows = products_visible_to(access).filter(pk__in_ids=chunk).order_by().values_list("pk", "category_id", "brand_id", "brand__name")
        info.update((pk, (category_id, brand_id, brand)) for pk, category_id, brand_id, brand in rows)
    return info


def _has_filters(query: RecentQuery) -> bool:
    return bool(query.category_id is not None or query.brand_id is not None or query.phrase.strip() or query.stock)


def _matching(access: CatalogAccess, query: RecentQuery, ids: list[int]) -> set[int]:
    """Which of `ids` (visible, bought) pass the filters: one query per IN_CHUNK ids."""
    found: set[int] = set()
    for chunk in _chunks(ids):
        found.update(_products(access, query, chunk).order_by().values_list("pk", flat=True))
    return found


def bought_rows(user, query: RecentQuery, *, product_ids: Iterable[int] | None = None) -> list[tuple[int, Decimal, datetime]]:
    """(product id, base quantity bought, last order time) for every matching product, sorted.
    Queries: the sums, then the visibility (and the filters, when set) of the bought products."""
    rows, _info = _rows_and_info(user, query, product_ids)
    return rows


def _rows_and_info(user, query: RecentQuery, product_ids: Iterable[int] | None = None):
    access = catalog_access_for(user)
    rows = _sums(user, query)
    if product_ids is not None:
        wanted = {int(pk) for pk in product_ids}
        rows = [row for row in rows if row[0] in wanted]
    info = _visible_info(access, [pk for pk, _q, _t in rows])
    if _has_filters(query):
        keep = _matching(access, query, [pk for pk, _q, _t in rows if pk in info])
    else:
        keep = info.keys()
    return [row for row in rows if row[0] in keep], info


def _filter_options(info: dict[int, tuple[int, int | None, str | None]], access: CatalogAccess) -> tuple[list, list]:
    """Categories (with their ancestors, in tree order) and brands of the visible products bought
    in the period: what the filters offer."""
    tree = category_tree()
    wanted: set[int] = set()
    for category_id, _brand, _name in info.values():
        node = tree.get(category_id)
        if node is not None:
            wanted.update(node.ancestor_ids)
    categories: list[tuple[int, str]] = []
    stack = list(reversed(tree.roots))
    while stack:
        node = stack.pop()
        if node.pk in wanted and node.pk not in access.hidden_category_ids:
            categories.append((node.pk, "\u00a0\u00a0" * node.level + node.name))
            stack.extend(reversed(node.children))
    brands = sorted({(brand_id, name) for _c, brand_id, name in info.values() if brand_id}, key=lambda b: b[1].lower())
    return categories, brands


def _latest_lines(user, since: datetime, product_ids) -> dict[int, OrderLine]:
    """Product id -> its latest order line in the period, for `product_ids`: one query. On
    PostgreSQL one row per product (DISTINCT ON); elsewhere every line of these products in the
    period, the latest picked here (a page's products: a few hundred lines)."""
    lines = _bought_lines(user, since).filter(product_id__in=product_ids).only(
        "pk", "product_id", "quantity", "unit", "base_quantity", "sku", "name"
    )
    if connection.vendor == "postgresql":
        lines = lines.order_by("product_id", "-order__placed_at", "-pk").distinct("product_id")
    else:
        lines = lines.order_by("product_id", "-order__placed_at", "-pk")
    latest: dict[int, OrderLine] = {}
    for line in lines:
        latest.setdefault(line.product_id, line)
    return latest


def _items(user, company, rows: list[tuple[int, Decimal, datetime]], since: datetime) -> list[RecentItem]:
    """Products, their latest lines, prices and stock for `rows`: four queries plus
    pricing_input_for's."""
    if not rows:
        return []
    ids = [pk for pk, _q, _t in rows]
    latest = _latest_lines(user, since, ids)
    products = {
        p.pk: p for p in Product.objects.filter(pk__in=ids).select_related("brand").annotate(_name=translated_name(get_language() or "pl"))
    }
    pricing = pricing_input_for(company, ids, loaded_products=products.values())
    stock = stock_for_products(ids)
    display = stock_display()
    items = []
    for pk, quantity, last_at in rows:
        product = products.get(pk)
        if product is None:
            continue
        local, supplier = stock[pk].local_quantity, stock[pk].supplier_quantity
        last = latest.get(pk)
        items.append(
            RecentItem(
                product=product,
                quantity=quantity,
                last_at=last_at,
                last_quantity=last.quantity if last else ONE,
                last_unit=last.unit if last else "",
                quote=quote_line(pricing, LineRequest(product_id=pk, quantity=ONE)),
                local_quantity=local,
                supplier_quantity=supplier,
                local_label=display.label(local, product.base_unit),
                supplier_label=display.label(supplier, product.base_unit),
            )
        )
    return items


def recently_bought_page(user, query: RecentQuery) -> RecentPage:
    """One page. Queries: the sums, the visibility of the bought products (+1 with filters), the
    page's products, pricing input (5-7) and stock - the same for 10 or 10,000 bought lines (up
    to IN_CHUNK distinct products; one more query per IN_CHUNK beyond)."""
    company = buying_company(user)
    access = catalog_access_for(user)
    since = period_start(query.months)
    rows, info = _rows_and_info(user, query)
    categories, brands = _filter_options(info, access)
    total = len(rows)
    pages = max(1, -(-total // query.per_page))
    page = min(max(1, query.page), pages)
    start = (page - 1) * query.per_page
    items = _items(user, company, rows[start:start + query.per_page], since)
    return RecentPage(items=items, total=total, page=page, pages=pages, months=query.months, categories=categories, brands=brands)


def recently_bought_export(user, query: RecentQuery, *, product_ids: Iterable[int] | None = None) -> Iterator[RecentItem]:
    """Every matching product (or the selected ones among them), priced in chunks."""
    company = buying_company(user)
    since = period_start(query.months)
    rows = bought_rows(user, query, product_ids=product_ids)
    for start in range(0, len(rows), CHUNK):
        yield from _items(user, company, rows[start:start + CHUNK], since)


def last_ordered(user, product_ids: Iterable[int]) -> dict[int, OrderLine]:
    """Product id -> its latest order line in the longest period (quantity, unit, base quantity,
    code and name as ordered), for products the customer still sees; products it did not buy in
    that period are left out. Two queries."""
    ids = sorted({int(pk) for pk in product_ids})
    if not ids:
        return {}
    visible = list(products_visible_to(catalog_access_for(user)).filter(pk__in=ids).values_list("pk", flat=True))
    return _latest_lines(user, period_start(max(PERIODS)), visible) if visible else {}
