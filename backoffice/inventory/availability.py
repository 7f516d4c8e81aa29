"""S02 planned availability: when can the customer have N base units of a product? Pure.

The quantity is taken from the sources in this order, each as far as it goes:
1. own (local) warehouses: now;
2. external suppliers, fastest first (by the upper, then the lower bound of the lead time);
   suppliers with the same lead time are one source. A supplier without any lead time in the
   ERP gets the general restock time (the same "we were told nothing" default as step 3);
3. the rest, unbounded: the next delivery date from the ERP if it is today or later, else the
   configured restock time ("5-7 days").

`supply_steps` lists the sources with their capacities once per product; `allocate` walks them
for a quantity. The product card embeds the steps as JSON and product.js repeats `allocate` (a
greedy walk) as the quantity changes, so the labels and the order are decided only here.
"""
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext, ngettext

ZERO = Decimal("0")

LOCAL = "local"
SUPPLIER = "supplier"
DELIVERY = "delivery"
RESTOCK = "restock"


@dataclass(frozen=True)
class SupplierStock:
    quantity: Decimal  # base units
    lead_days_min: int | None = None
    lead_days_max: int | None = None


@dataclass(frozen=True)
class SupplyStep:
    source: str  # LOCAL, SUPPLIER, DELIVERY or RESTOCK
    capacity: Decimal | None  # base units; None = unbounded (the last step)
    days_min: int | None = None
    days_max: int | None = None
    on_date: date | None = None


@dataclass(frozen=True)
class AvailabilityPart:
    step: SupplyStep
    quantity: Decimal  # base units taken from the step


@dataclass(frozen=True)
class Availability:
    requested: Decimal
    parts: tuple[AvailabilityPart, ...]

    @property
    def all_now(self) -> bool:
        return bool(self.parts) and all(part.step.source == LOCAL for part in self.parts)

    @property
    def now_quantity(self) -> Decimal:
        return sum((part.quantity for part in self.parts if part.step.source == LOCAL), ZERO)


def _lead_days(supplier: SupplierStock, restock_days: tuple[int, int]) -> tuple[int, int]:
    low, high = supplier.lead_days_min, supplier.lead_days_max
    if low is None and high is None:
        return restock_days
    low = high if low is None else low
    high = low if high is None else high
    return (min(low, high), max(low, high))


def supply_steps(local_qty: Decimal, suppliers: Iterable[SupplierStock], next_delivery: date | None,
                 restock_days: tuple[int, int], today: date) -> tuple[SupplyStep, ...]:
    """The sources in the order they are used; the last one is always unbounded. Negative stock
    (the ERP reports oversold stock that way) counts as none."""
    steps: list[SupplyStep] = []
    if local_qty > 0:
        steps.append(SupplyStep(LOCAL, local_qty))
    by_lead: dict[tuple[int, int], Decimal] = {}
    for supplier in suppliers:
        if supplier.quantity > 0:
            lead = _lead_days(supplier, restock_days)
            by_lead[lead] = by_lead.get(lead, ZERO) + supplier.quantity
    for (low, high), quantity in sorted(by_lead.items(), key=lambda item: (item[0][1], item[0][0])):
        steps.append(SupplyStep(SUPPLIER, quantity, low, high))
    if next_delivery is not None and next_delivery >= today:
        steps.append(SupplyStep(DELIVERY, None, on_date=next_delivery))
    else:
        steps.append(SupplyStep(RESTOCK, None, *restock_days))
    return tuple(steps)


def allocate(requested: Decimal, steps: Iterable[SupplyStep]) -> Availability:
    """Take `requested` base units from `steps` in order; nothing for a quantity <= 0."""
    if isinstance(requested, float):
        raise TypeError("requested must be a Decimal, not float")
    requested = Decimal(requested)
    parts: list[AvailabilityPart] = []
    left = requested
    for step in steps:
        if left <= 0:
            break
        taken = left if step.capacity is None else min(left, step.capacity)
        if taken > 0:
            parts.append(AvailabilityPart(step, taken))
            left -= taken
    return Availability(requested, tuple(parts))


def plan_availability(requested_base_qty: Decimal, local_qty: Decimal, supplier_stocks: Iterable[SupplierStock],
                      next_delivery: date | None, restock_days: tuple[int, int], today: date) -> Availability:
    return allocate(requested_base_qty, supply_steps(local_qty, supplier_stocks, next_delivery, restock_days, today))


# ---------------------------------------------------------------------------------------------
# Labels, in the active language (the card shows them and hands them to product.js as they are).


def _days(low: int, high: int) -> str:
    return str(high) if low == high else f"{low}–{high}"


def format_quantity(value: Decimal) -> str:
    """12.000 -> "12", 2.500 -> "2,5" (in Polish): no trailing zeros, the locale's separator."""
    whole = value == value.to_integral_value()
    return number_format(value.to_integral_value() if whole else value.normalize())


def lead_time_label(low: int | None, high: int | None) -> str:
    """A supplier's delivery time ("delivery in 2–4 days"); "" when the ERP gave none."""
    if low is None and high is None:
        return ""
    low, high = (high, high) if low is None else (low, low) if high is None else (min(low, high), max(low, high))
    return ngettext("delivery in %(days)s day", "delivery in %(days)s days", high) % {"days": _days(low, high)}


def step_label(step: SupplyStep) -> str:
    if step.source == LOCAL:
        return gettext("now, from our warehouse")
    if step.source == SUPPLIER:
        return ngettext(
            "from an external supplier, in %(days)s day",
            "from an external supplier, in %(days)s days",
            step.days_max,
        ) % {"days": _days(step.days_min, step.days_max)}
    if step.source == DELIVERY:
        return gettext("with the next delivery, planned for %(date)s") % {"date": date_format(step.on_date, "DATE_FORMAT")}
    return ngettext(
        "after restocking, in %(days)s day",
        "after restocking, in %(days)s days",
        step.days_max,
    ) % {"days": _days(step.days_min, step.days_max)}
