"""The price snapshot of an order's lines, built from the cart read model (cart_view.py) at the
moment of placing, and split per warehouse after stock was reserved. Pure: no database.

- A product line keeps the price engine's quote: unit price, line net/VAT/gross and the rules
  that produced it (JSON: {code, label, percent, amount}, Decimals as strings, labels in the
  order's language).
- A bundle line (C10) becomes one line per component, priced by the engine's proportional split
  (pricing/bundle_quotes.py), VAT per component line, annotated with the bundle and its code.
- A line served from several warehouses becomes one line per warehouse; its net and VAT are
  split in proportion to the base quantities (money.split_proportionally), so the order's
  totals never move by a cent.
- A distributor's end customer's line (A11) also keeps the distributor's own price (what the
  ERP invoices the distributor): from the distributor's quote of the same cart line; bundle
  components from the distributor's split of the same bundle (the end customer's bundle price
  carries the markup).
"""
from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.translation import gettext as _

from backoffice.core.money import HUNDRED, quantize, split_proportionally

from .reservations import Take

ZERO = Decimal("0")
ONE = Decimal("1")
QTY_STEP = Decimal("0.001")  # OrderLine.quantity has 3 decimal places
PRICE_STEP = Decimal("0.0001")  # OrderLine.unit_net has 4
BUNDLE_SHARE = "bundle_share"  # rule code on component lines of a bundle


@dataclass(frozen=True)
class LineDraft:
    product_id: int
    sku: str
    name: str
    unit: str  # "" = base unit
    base_unit: str
    factor: Decimal  # base units per `unit`
    quantity: Decimal
    base_quantity: Decimal
    unit_net: Decimal
    vat_rate: Decimal
    line_net: Decimal
    line_vat: Decimal
    rules: tuple[dict, ...] = ()
    bundle_id: int | None = None
    bundle_code: str = ""
    is_presale: bool = False
    warehouse_id: int | None = None
    distributor_unit_net: Decimal | None = None  # A11: end-customer orders only
    distributor_line_net: Decimal | None = None

    @property
    def line_gross(self) -> Decimal:
        return self.line_net + self.line_vat


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def rules_json(rules) -> tuple[dict, ...]:
    """Applied price rules as JSON-safe dicts (Decimals as strings: no float ever)."""
    return tuple({"code": r.code, "label": str(r.label), "percent": _text(r.percent), "amount": _text(r.amount)} for r in rules)


def drafts_from_view(view, distributor_quotes: dict | None = None) -> list[LineDraft]:
    """Order line drafts of a cart view that can be checked out (in the cart's line order).

    `distributor_quotes` (A11, end customers only): cart line pk -> the distributor's LineQuote of
    the same line; the drafts then carry the distributor's price too."""
    currency = view.currency
    drafts: list[LineDraft] = []
    for line in view.lines:
        if line.bundle_quote is not None:
            own = (distributor_quotes or {}).get(line.pk)
            drafts += _bundle_drafts(line, currency, with_distributor=distributor_quotes is not None, distributor_quote=own)
            continue
        quote = line.quote
        draft = LineDraft(
            product_id=line.product.pk, sku=line.sku, name=line.name, unit=line.unit, base_unit=line.product.base_unit,
            factor=line.factor, quantity=line.quantity, base_quantity=line.base_quantity, unit_net=quote.unit_net,
            vat_rate=quote.vat_rate, line_net=quote.line_net, line_vat=quote.line_gross - quote.line_net,
            rules=rules_json(quote.rules), is_presale=line.presale is not None,
        )
        if distributor_quotes is not None:
            draft = with_distributor_price(draft, distributor_quotes.get(line.pk))
        drafts.append(draft)
    return drafts


def with_distributor_price(draft: LineDraft, quote) -> LineDraft:
    """The draft with the distributor's price of the same line; a line the distributor has no
    price for (should not happen: the end customer is priced from it) keeps the end price, so
    the margin is never invented."""
    if quote is None or not quote.available:
        return replace(draft, distributor_unit_net=draft.unit_net, distributor_line_net=draft.line_net)
    return replace(draft, distributor_unit_net=quote.unit_net, distributor_line_net=quote.line_net)


def _bundle_drafts(line, currency: str, *, with_distributor: bool = False, distributor_quote=None) -> list[LineDraft]:
    """Component lines of a bundle line. For an end customer (`with_distributor`), each also keeps
    the distributor's own share of the bundle (`distributor_quote`, the distributor's BundleQuote of
    the same bundle and quantity; without one the end price, so no margin is invented)."""
    quote = line.bundle_quote
    label = _("share of the bundle %(code)s price") % {"code": quote.code}
    own_components = distributor_quote.components if distributor_quote is not None and distributor_quote.available else quote.components
    drafts = []
    for component, priced, own in zip(line.components, quote.components, own_components):
        vat = quantize(priced.split_line_net * component.vat_rate / HUNDRED, currency)
        rules = ({"code": BUNDLE_SHARE, "label": label, "percent": None, "amount": str(priced.split_unit_net)},)
        drafts.append(LineDraft(
            product_id=component.product.pk, sku=component.sku, name=component.name, unit="", base_unit=component.product.base_unit,
            factor=ONE, quantity=priced.quantity, base_quantity=priced.quantity, unit_net=priced.split_unit_net,
            vat_rate=component.vat_rate, line_net=priced.split_line_net, line_vat=vat, rules=rules,
            bundle_id=quote.bundle_id, bundle_code=quote.code,
            distributor_unit_net=own.split_unit_net if with_distributor else None,
            distributor_line_net=own.split_line_net if with_distributor else None,
        ))
    return drafts


def stock_demands(drafts: list[LineDraft]) -> dict[int, Decimal]:
    """Base units to reserve per product (pre-sale lines reserve nothing)."""
    demands: dict[int, Decimal] = {}
    for draft in drafts:
        if not draft.is_presale:
            demands[draft.product_id] = demands.get(draft.product_id, ZERO) + draft.base_quantity
    return demands


def _part_quantity(draft: LineDraft, base: Decimal) -> tuple[Decimal, str, Decimal]:
    """(quantity, unit, unit_net) of a part of `draft` holding `base` base units: in the line's
    unit when that is a whole number of thousandths, else in the base unit."""
    quantity = base / draft.factor
    if quantity == quantity.quantize(QTY_STEP) and quantity * draft.factor == base:
        return quantity.quantize(QTY_STEP), draft.unit, draft.unit_net
    return base, "", (draft.unit_net / draft.factor).quantize(PRICE_STEP)


def split_by_warehouse(drafts: list[LineDraft], takes: dict[int, list[Take]], currency: str) -> list[LineDraft]:
    """Give every reserved draft its warehouse, splitting drafts whose quantity comes from several
    warehouses (lines take stock in order, each from the first warehouse that still has some)."""
    queues = {pid: [[take.warehouse_id, take.quantity] for take in product_takes] for pid, product_takes in takes.items()}
    result: list[LineDraft] = []
    for draft in drafts:
        queue = queues.get(draft.product_id)
        if draft.is_presale or not queue:
            result.append(draft)
            continue
        parts: list[tuple[int, Decimal]] = []
        left = draft.base_quantity
        while left > 0:
            if not queue:
                raise ValueError(f"reservation of product {draft.product_id} is short of the order lines")
            warehouse_id, available = queue[0]
            taken = min(left, available)
            parts.append((warehouse_id, taken))
            left -= taken
            queue[0][1] -= taken
            if queue[0][1] <= 0:
                queue.pop(0)
        if len(parts) == 1:
            result.append(replace(draft, warehouse_id=parts[0][0]))
            continue
        weights = [base for _wid, base in parts]
        nets = split_proportionally(draft.line_net, weights, currency)
        vats = split_proportionally(draft.line_vat, weights, currency)
        own_nets = split_proportionally(draft.distributor_line_net, weights, currency) if draft.distributor_line_net is not None \
            else [None] * len(parts)
        for (warehouse_id, base), net, vat, own_net in zip(parts, nets, vats, own_nets):
            quantity, unit, unit_net = _part_quantity(draft, base)
            own_unit = draft.distributor_unit_net
            if own_unit is not None and not unit and draft.unit:  # the part is in base units: so is its price
                own_unit = (own_unit / draft.factor).quantize(PRICE_STEP)
            result.append(replace(draft, warehouse_id=warehouse_id, quantity=quantity, unit=unit, factor=draft.factor if unit else ONE,
                                  base_quantity=base, unit_net=unit_net, line_net=net, line_vat=vat,
                                  distributor_unit_net=own_unit, distributor_line_net=own_net))
    return result
