"""Bundle split (C10): a bundle sold at one price becomes component lines on the order.

Pure: no database. A bundle "A x1 + B x3 + C x5" sold k times is split with the component
quantities multiplied by k and the bundle price multiplied by k (the caller does both).

The bundle discount is distributed in proportion to the components' regular values
(quantity x regular unit price): every component line total is rounded to the currency and the
line totals add up EXACTLY to the bundle price (money.split_proportionally, largest remainder).

Per-unit prices shown next to component lines (bundle_unit_price) are the line total divided by
the quantity, rounded; per-unit price x quantity may differ from the line total by a cent or so.
The line total is what counts (it is what is invoiced and sent to the ERP).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Sequence

from backoffice.core.money import quantize, split_proportionally


def bundle_split(bundle_price: Decimal, components: Sequence[tuple[int, Decimal, Decimal]],
                 currency: str) -> list[tuple[int, Decimal, Decimal]]:
    """Split ``bundle_price`` over ``components`` = (product_id, quantity, regular unit price).

    Returns (product_id, quantity, line total) in the same order; the line totals are >= 0,
    proportional to quantity x regular unit price and sum exactly to quantize(bundle_price).
    If every regular value is zero the price is split evenly over the components.
    """
    if isinstance(bundle_price, float):
        raise TypeError("bundle_price must be a Decimal, not float")
    if bundle_price < 0:
        raise ValueError(f"bundle price must not be negative, got {bundle_price}")
    if not components:
        raise ValueError("a bundle needs at least one component")
    weights = []
    for product_id, quantity, unit_price in components:
        if isinstance(quantity, float) or isinstance(unit_price, float):
            raise TypeError("quantities and prices must be Decimal, not float")
        if quantity <= 0:
            raise ValueError(f"component {product_id}: quantity must be positive, got {quantity}")
        if unit_price < 0:
            raise ValueError(f"component {product_id}: price must not be negative, got {unit_price}")
        weights.append(Decimal(quantity) * unit_price)
    totals = split_proportionally(bundle_price, weights, currency)
    return [(pid, Decimal(qty), total) for (pid, qty, _), total in zip(components, totals)]


def bundle_unit_price(line_total: Decimal, quantity: Decimal, currency: str) -> Decimal:
    """Per-unit price for display: line total / quantity, rounded (the line total is what counts)."""
    if quantity <= 0:
        raise ValueError(f"quantity must be positive, got {quantity}")
    return quantize(line_total / quantity, currency)
