"""Reading stock for customers (S01, S02, S08): own warehouses summed, external suppliers with
their lead times, and the ERP's next delivery date. Visibility is not decided here: callers pass
products a customer may already see (catalog/selectors.py)."""
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from backoffice.catalog.models import Warehouse

from .availability import SupplierStock
from .models import Stock

ZERO = Decimal("0")


@dataclass
class ProductStock:
    product_id: int
    local_quantity: Decimal = ZERO  # own warehouses together; never negative
    suppliers: list[SupplierStock] = field(default_factory=list)  # one per supplier warehouse
    next_delivery: date | None = None  # the earliest of the own warehouses' next deliveries

    @property
    def supplier_quantity(self) -> Decimal:
        return sum((s.quantity for s in self.suppliers), ZERO)

    def supplier_groups(self) -> list[SupplierStock]:
        """Supplier stock by lead time (customers see when, not from whom), fastest first."""
        groups: dict[tuple, Decimal] = {}
        for s in self.suppliers:
            if s.quantity > 0:
                key = (s.lead_days_min, s.lead_days_max)
                groups[key] = groups.get(key, ZERO) + s.quantity
        return [SupplierStock(groups[k], *k) for k in sorted(groups, key=_fastest_first)]


def _fastest_first(lead: tuple[int | None, int | None]) -> tuple:
    low, high = lead
    if low is None and high is None:
        return (1, 0, 0)  # unknown lead time last
    high = low if high is None else high
    return (0, high, low if low is not None else high)


def stock_for_products(product_ids: Iterable[int], *, today: date | None = None) -> dict[int, ProductStock]:
    """Active stock rows of active warehouses, one query; every asked id gets an entry. Quantities
    are what is left to sell: ERP stock minus reservations of placed orders. Delivery
    dates before `today` are stale and dropped."""
    ids = sorted({int(pk) for pk in product_ids})
    result = {pk: ProductStock(pk) for pk in ids}
    if not ids:
        return result
    rows = (
        Stock.objects.filter(product_id__in=ids, is_active=True, warehouse__is_active=True)
        .order_by("product_id", "warehouse_id")
        .values_list("product_id", "quantity", "reserved", "next_delivery", "warehouse__kind", "warehouse__lead_time_days_min",
                     "warehouse__lead_time_days_max")
    )
    for product_id, quantity, reserved, next_delivery, kind, lead_min, lead_max in rows:
        stock = result[product_id]
        quantity = max(quantity - reserved, ZERO)  # what is left to sell (S01)
        if kind == Warehouse.Kind.SUPPLIER:
            stock.suppliers.append(SupplierStock(quantity, lead_min, lead_max))
            continue
        stock.local_quantity += quantity
        if next_delivery and (today is None or next_delivery >= today):
            stock.next_delivery = min(filter(None, (stock.next_delivery, next_delivery)))
    return result
