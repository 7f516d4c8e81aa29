"""The shipping cost of our courier (L01-L03, L05): pure maths, no database.

What a shipment is made of (`ShipmentItem`): every product of the cart in base units, bundle
components included (a bundle ships as its components).

Rules, in the order they apply:
- Zone and rate: the destination country's zone (or the "all other countries" zone) must have a
  rate in the order's currency; otherwise our courier is not offered (no conversion of tables
  between currencies: a EUR customer is priced from EUR tables only).
- Parcels (L02): a flat cost, or the first band of the table the shipment fits: weight up to W kg
  AND largest dimension up to S cm, lightest band first, then the smallest size (empty = any).
  Weight = sum of weight_kg x base quantity; size = the largest dimension of any item. Oversize
  products are left out of both: they travel separately and pay their own surcharge (L03).
  A product without a weight counts as 0 kg and without dimensions as 0 cm; the quote reports
  them (`items_without_weight`) so the page can say the estimate may change.
- Pallets (L05): an item's share of a pallet is base quantity / units per pallet (the staff's
  override wins over the ERP's value). Lines share pallets, as wholesalers load mixed pallets:
  pallets = ceil(sum of the shares). Items without units per pallet are listed as "no pallet
  data" and add nothing. The shipment goes on pallets when the rate has a pallet cost AND either
  the shares reach the rate's "from % of a pallet" or no parcel band fits (too heavy or large).
  Then the pallet cost (pallets x cost per pallet, at least one pallet) replaces the parcel cost.
  Too heavy for every band and no pallet cost: our courier is not offered (with a reason).
- Free delivery (L01): when the goods' NET total after the order-value discount (ctx.goods_net;
  net, as the ERP's logistic minimum is a net amount like every B2B price) reaches the customer's
  logistic minimum (exactly at it is free), or, for a customer without one, the rate's own "free
  from" amount. Empty both: never free. Free delivery waives the parcel or pallet cost only.
- Oversize (L03): every oversize item pays the surcharge per unit (base quantity rounded up to a
  whole unit), the product's own surcharge (override, same currency) or else the rate's. Always,
  even with free delivery.
Amounts are net in the order's currency, rounded once at the end with core.money.quantize.
"""
import math
from dataclasses import dataclass, field
from decimal import Decimal

from backoffice.core.money import quantize

ZERO = Decimal("0")
HUNDRED = Decimal("100")


@dataclass(frozen=True)
class Band:
    max_weight_kg: Decimal
    max_size_cm: Decimal | None  # None = any size
    net: Decimal

    def fits(self, weight: Decimal, size: Decimal) -> bool:
        return weight <= self.max_weight_kg and (self.max_size_cm is None or size <= self.max_size_cm)

    @property
    def sort_key(self):
        return (self.max_weight_kg, self.max_size_cm is None, self.max_size_cm or ZERO)


@dataclass(frozen=True)
class RateTable:
    """A ShippingRate as plain values (config.py builds and caches them)."""

    zone: str
    currency: str
    flat_net: Decimal | None = None  # set: flat pricing, bands ignored
    bands: tuple[Band, ...] = ()
    free_above_net: Decimal | None = None
    pallet_net: Decimal | None = None
    pallet_from_percent: Decimal | None = None
    oversize_net: Decimal = ZERO

    def band_for(self, weight: Decimal, size: Decimal) -> Band | None:
        return next((band for band in sorted(self.bands, key=lambda b: b.sort_key) if band.fits(weight, size)), None)


@dataclass(frozen=True)
class ShipmentItem:
    """One product of the shipment. `line` is the cart line it comes from (a bundle line gives one
    item per component)."""

    line: int
    product_id: int
    quantity: Decimal  # base units
    weight_kg: Decimal | None = None  # per base unit
    size_cm: Decimal | None = None  # its largest dimension
    units_per_pallet: int | None = None
    is_oversize: bool = False
    oversize_net: Decimal | None = None  # the product's own surcharge in the order's currency

    @property
    def pallet_share(self) -> Decimal | None:
        if not self.units_per_pallet:
            return None
        return self.quantity / Decimal(self.units_per_pallet)


@dataclass(frozen=True)
class PalletUse:
    """L05 for the cart: the share of a pallet per line (None: no pallet data for a product of the
    line) and in total."""

    per_line: dict[int, Decimal | None]
    total_share: Decimal  # sum of the known shares (1 = one full pallet)
    pallets: int  # lines share pallets: ceil(total_share)
    lines_without_data: tuple[int, ...]

    @property
    def total_percent(self) -> Decimal:
        return self.total_share * HUNDRED


def pallet_use(items: list[ShipmentItem]) -> PalletUse:
    per_line: dict[int, Decimal | None] = {}
    total = ZERO
    for item in items:
        share = item.pallet_share
        if share is None:
            per_line[item.line] = None
            continue
        total += share
        if item.line not in per_line:
            per_line[item.line] = share
        elif per_line[item.line] is not None:
            per_line[item.line] += share
    without = tuple(line for line, share in per_line.items() if share is None)
    return PalletUse(per_line, total, math.ceil(total), without)


@dataclass(frozen=True)
class ShippingQuote:
    offered: bool
    currency: str
    zone: str = ""
    reason: str = ""  # not offered: "no_rate" or "too_large"
    total_net: Decimal = ZERO  # what the order pays (rounded)
    base_net: Decimal = ZERO  # parcel or pallet cost before free delivery
    band: Band | None = None
    palletised: bool = False
    pallets: int = 0
    pallet_net: Decimal = ZERO  # cost per pallet
    oversize_net: Decimal = ZERO  # surcharge total (never waived)
    oversize_units: int = 0
    free: bool = False  # the base cost is waived (L01)
    free_threshold: Decimal | None = None  # goods net from which delivery is free; None = never
    missing_for_free: Decimal = ZERO  # how much more goods (net) for free delivery; 0 when free or never
    weight_kg: Decimal = ZERO
    size_cm: Decimal = ZERO
    items_without_weight: int = 0
    pallet: PalletUse | None = field(default=None, compare=False)


def shipment_measure(items: list[ShipmentItem]) -> tuple[Decimal, Decimal, int]:
    """(weight in kg, largest dimension in cm, number of items without a weight) of the parcels:
    oversize items excluded (they ship separately)."""
    weight, size, unknown = ZERO, ZERO, 0
    for item in items:
        if item.is_oversize:
            continue
        if item.weight_kg is None:
            unknown += 1
        else:
            weight += item.weight_kg * item.quantity
        if item.size_cm is not None and item.size_cm > size:
            size = item.size_cm
    return weight, size, unknown


def oversize_surcharge(items: list[ShipmentItem], rate: RateTable) -> tuple[Decimal, int]:
    total, units = ZERO, 0
    for item in items:
        if not item.is_oversize:
            continue
        count = math.ceil(item.quantity)  # a started unit ships as a whole one
        units += count
        total += count * (item.oversize_net if item.oversize_net is not None else rate.oversize_net)
    return total, units


def free_threshold(logistic_minimum: Decimal | None, rate: RateTable) -> Decimal | None:
    return logistic_minimum if logistic_minimum is not None else rate.free_above_net


def shipping_quote(*, rate: RateTable | None, items: list[ShipmentItem], goods_net: Decimal, currency: str,
                   logistic_minimum: Decimal | None) -> ShippingQuote:
    """The courier's cost of shipping `items` (see the module docstring). `rate` is the zone's
    rate in `currency` (None: not offered); `goods_net` the goods' net total after discounts."""
    pallets = pallet_use(items)
    if rate is None:
        return ShippingQuote(offered=False, currency=currency, reason="no_rate", pallet=pallets)
    weight, size, unknown = shipment_measure(items)
    oversize, oversize_units = oversize_surcharge(items, rate)
    threshold = free_threshold(logistic_minimum, rate)
    free = threshold is not None and goods_net >= threshold
    missing = ZERO if free or threshold is None else threshold - goods_net
    common = dict(currency=currency, zone=rate.zone, weight_kg=weight, size_cm=size, items_without_weight=unknown, pallet=pallets,
                  free_threshold=threshold, missing_for_free=quantize(missing, currency), oversize_units=oversize_units,
                  oversize_net=quantize(oversize, currency))

    band = None
    if rate.flat_net is None:
        band = rate.band_for(weight, size)
    parcels_fit = rate.flat_net is not None or band is not None
    wants_pallets = rate.pallet_from_percent is not None and pallets.total_percent >= rate.pallet_from_percent
    palletised = rate.pallet_net is not None and (wants_pallets or not parcels_fit)
    if not palletised and not parcels_fit:
        return ShippingQuote(offered=False, reason="too_large", **common)
    if palletised:
        count = max(pallets.pallets, 1)
        base = count * rate.pallet_net
    else:
        count = 0
        base = rate.flat_net if rate.flat_net is not None else band.net
    total = (ZERO if free else base) + oversize
    return ShippingQuote(offered=True, total_net=quantize(total, currency), base_net=quantize(base, currency),
                         band=None if palletised else band, palletised=palletised, pallets=count,
                         pallet_net=rate.pallet_net or ZERO, free=free, **common)
