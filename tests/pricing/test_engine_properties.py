"""Property tests of the price engine, bundle split and money helpers (pure, no database)."""
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal as D
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backoffice.core.money import minor_unit, quantize, split_proportionally
from backoffice.pricing.bundles import bundle_split
from backoffice.pricing.engine import is_contract_line, quote_cart, quote_line
from backoffice.pricing.types import (
    BuyXPromotion, LineRequest, OrderValueTier, PricingInput, ProductPricingData, QuantityTier,
)

from . import TODAY

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CURRENCIES = st.sampled_from(["PLN", "EUR", "JPY", "HUF"])
PRODUCT_IDS = (1, 2, 3)

prices = st.decimals(min_value=0, max_value=20000, places=2)
percents = st.decimals(min_value=0, max_value=100, places=2)
quantities = st.decimals(min_value=0, max_value=500, places=0) | st.decimals(min_value=0, max_value=50, places=3)
factors = st.sampled_from([D("0.25"), D("0.4"), D("1.5"), D("6"), D("12"), D("100")])
quantity_tiers = st.lists(st.builds(QuantityTier, st.decimals(min_value=0, max_value=300, places=0), percents),
                          max_size=3).map(tuple)
order_tiers = st.lists(st.builds(OrderValueTier, st.decimals(min_value=0, max_value=50000, places=2), percents),
                       max_size=3).map(tuple)


@st.composite
def pricing_inputs(draw):
    currency = draw(CURRENCIES)
    products = {}
    for pid in PRODUCT_IDS:
        products[pid] = ProductPricingData(
            product_id=pid, top_category_id=draw(st.sampled_from([10, 20, None])),
            vat_rate=draw(st.sampled_from([D("0"), D("5"), D("8"), D("23")])),
            unit_factors={"box": draw(factors)}, bulk_units=frozenset(draw(st.sampled_from([(), ("box",)]))),
        )
    list_prices = draw(st.dictionaries(st.sampled_from(PRODUCT_IDS), prices))
    contract_prices = draw(st.dictionaries(st.sampled_from(PRODUCT_IDS), prices, max_size=2))
    promotions = {}
    for pid in draw(st.lists(st.sampled_from(PRODUCT_IDS), unique=True, max_size=2)):
        start = TODAY + timedelta(days=draw(st.integers(-3, 1)))
        promotions[pid] = BuyXPromotion(pid, pid, draw(st.integers(1, 12)), draw(st.sampled_from([D("0.01"), D("1.00")])),
                                        start, start + timedelta(days=draw(st.integers(0, 4))))
    return PricingInput(
        currency=currency, today=TODAY, products=products, list_prices=list_prices,
        contract_prices=contract_prices,
        category_discounts=draw(st.dictionaries(st.sampled_from([10, 20]), percents)),
        packaging_discount=draw(percents), quantity_tiers=draw(quantity_tiers),
        order_value_tiers=draw(order_tiers), promotions=promotions,
        distributor_markup=draw(st.none() | percents),
    )


requests = st.lists(st.builds(LineRequest, st.sampled_from(PRODUCT_IDS), quantities, st.sampled_from(["", "box"])),
                    max_size=5)

NO_DISCOUNTS = dict(category_discounts={}, packaging_discount=D("0"), quantity_tiers=(), order_value_tiers=())


@SETTINGS
@given(pricing_inputs(), requests)
def test_totals_are_sums_of_lines_and_never_negative(pricing, reqs):
    cart = quote_cart(pricing, reqs)
    available = [line for line in cart.lines if line.available]
    assert cart.net == sum((l.line_net for l in available), D(0))
    assert cart.gross == sum((l.line_gross for l in available), D(0))
    assert cart.net + cart.vat == cart.gross
    assert cart.net >= 0 and cart.vat >= 0 and cart.order_discount >= 0
    for line in cart.lines:
        assert line.line_net >= 0 and line.unit_net >= 0 and line.line_gross >= line.line_net
        for amount in (line.unit_net, line.line_net, line.line_gross, line.unit_gross):
            assert amount == quantize(amount, pricing.currency)
        if line.available:
            assert line.line_gross - line.line_net == quantize(line.line_net * line.vat_rate / 100, pricing.currency)
        else:
            assert line.line_net == 0 and line.line_gross == 0
    shares = sum((r.amount for l in cart.lines for r in l.rules if r.code == "order_discount"), D(0))
    assert shares == cart.order_discount


@SETTINGS
@given(pricing_inputs(), requests)
def test_contract_price_wins(pricing, reqs):
    bare = replace(pricing, **NO_DISCOUNTS)
    with_discounts = quote_cart(pricing, reqs)
    without = quote_cart(bare, reqs)
    for a, b in zip(with_discounts.lines, without.lines):
        if a.product_id in pricing.contract_prices:
            assert is_contract_line(a)
            assert a.unit_net == b.unit_net and a.line_net == b.line_net
            assert not any(r.code.endswith("_discount") for r in a.rules)


def _more_discount(pricing, data):
    kind = data.draw(st.sampled_from(["category", "packaging", "quantity"]))
    if kind == "category":
        cat = data.draw(st.sampled_from([10, 20]))
        current = pricing.category_discounts.get(cat, D(0))
        new = data.draw(st.decimals(min_value=current, max_value=100, places=2))
        return replace(pricing, category_discounts={**pricing.category_discounts, cat: new})
    if kind == "packaging":
        return replace(pricing, packaging_discount=data.draw(
            st.decimals(min_value=pricing.packaging_discount, max_value=100, places=2)))
    tier = QuantityTier(data.draw(st.decimals(min_value=0, max_value=300, places=0)), data.draw(percents))
    return replace(pricing, quantity_tiers=pricing.quantity_tiers + (tier,))


@SETTINGS
@given(pricing_inputs(), requests, st.data())
def test_line_discounts_never_raise_a_price(pricing, reqs, data):
    pricing = replace(pricing, order_value_tiers=())
    more = _more_discount(pricing, data)
    before, after = quote_cart(pricing, reqs), quote_cart(more, reqs)
    for a, b in zip(before.lines, after.lines):
        assert b.unit_net <= a.unit_net
        assert b.line_net <= a.line_net
    assert after.net <= before.net
    for req in reqs:
        assert quote_line(more, req).unit_net <= quote_line(pricing, req).unit_net


@SETTINGS
@given(pricing_inputs(), requests, order_tiers.filter(bool))
def test_order_value_tiers_never_raise_the_cart(pricing, reqs, extra):
    more = replace(pricing, order_value_tiers=pricing.order_value_tiers + extra)
    before, after = quote_cart(pricing, reqs), quote_cart(more, reqs)
    assert after.net <= before.net
    for a, b in zip(before.lines, after.lines):
        assert a.unit_net == b.unit_net


@SETTINGS
@given(st.decimals(min_value=0, max_value=100000, places=2),
       st.lists(st.tuples(st.integers(1, 99), st.decimals(min_value=1, max_value=20, places=0), prices),
                min_size=1, max_size=6),
       CURRENCIES)
def test_bundle_split_sums_to_the_bundle_price(bundle_price, components, currency):
    result = bundle_split(bundle_price, components, currency)
    assert sum((t for *_, t in result), D(0)) == quantize(bundle_price, currency)
    assert all(t >= 0 and t == quantize(t, currency) for *_, t in result)
    assert [(pid, qty) for pid, qty, _ in result] == [(pid, qty) for pid, qty, _ in components]


@SETTINGS
@given(st.decimals(min_value=-100000, max_value=100000, places=3),
       st.lists(st.decimals(min_value=0, max_value=1000, places=3), min_size=1, max_size=8),
       CURRENCIES)
def test_split_proportionally_sums_exactly(total, weights, currency):
    parts = split_proportionally(total, weights, currency)
    rounded = quantize(total, currency)
    assert sum(parts, D(0)) == rounded
    assert len(parts) == len(weights)
    step = Fraction(minor_unit(currency))
    wsum = sum(Fraction(w) for w in weights) or None
    for part, weight in zip(parts, weights):
        assert part == quantize(part, currency)
        exact = Fraction(rounded) * (Fraction(weight) / wsum if wsum else Fraction(1, len(weights)))
        assert abs(Fraction(part) - exact) < step  # every part within one minor unit of its share
