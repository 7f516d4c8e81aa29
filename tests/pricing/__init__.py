"""Tests of the pure price engine (no database). ``make_input`` builds a PricingInput."""
from datetime import date
from decimal import Decimal

from backoffice.pricing.types import PricingInput, ProductPricingData

D = Decimal
TODAY = date(2025, 6, 15)


def product(product_id=1, category=10, vat="23", units=None, bulk=()):
    return ProductPricingData(
        product_id=product_id, top_category_id=category, vat_rate=D(vat),
        unit_factors={k: D(v) for k, v in (units or {}).items()}, bulk_units=frozenset(bulk),
    )


def make_input(products=None, list_prices=None, currency="PLN", today=TODAY, **kwargs):
    products = products if products is not None else [product()]
    if list_prices is None:
        list_prices = {p.product_id: D("100.00") for p in products}
    return PricingInput(
        currency=currency, today=today, products={p.product_id: p for p in products},
        list_prices={k: D(v) for k, v in list_prices.items()}, **kwargs,
    )
