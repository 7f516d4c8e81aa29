import ast
from datetime import timedelta
from decimal import Decimal as D
from pathlib import Path

import pytest

from backoffice.pricing import engine
from backoffice.pricing.engine import STACKING_ORDER, quote_cart, quote_line, rule_label
from backoffice.pricing.types import BuyXPromotion, LineRequest, OrderValueTier, QuantityTier

from . import TODAY, make_input, product


def codes(line):
    return [rule.code for rule in line.rules]


def promo(buy=10, price="0.01", product_id=1, start=TODAY, end=TODAY):
    return {product_id: BuyXPromotion(1, product_id, buy, D(price), start, end, "summer")}


# --- P01 / P02 / C03 -----------------------------------------------------------------------


def test_list_price_and_vat():
    line = quote_line(make_input(list_prices={1: "10.00"}), LineRequest(1, D("3")))
    assert line.available
    assert (line.unit_net, line.unit_gross) == (D("10.00"), D("12.30"))
    assert (line.line_net, line.line_gross) == (D("30.00"), D("36.90"))
    assert line.currency == "PLN" and line.base_quantity == D("3")
    assert codes(line) == ["list_price"]
    assert line.rules[0].label == "price list"


def test_no_price_means_unavailable_and_excluded_from_totals():
    pricing = make_input(products=[product(1), product(2)], list_prices={1: "10.00"})
    line = quote_line(pricing, LineRequest(2, D("5")))
    assert not line.available
    assert line.line_net == line.line_gross == line.unit_net == D("0.00")
    assert codes(line) == ["unavailable"]
    cart = quote_cart(pricing, [LineRequest(1, D("1")), LineRequest(2, D("5"))])
    assert [l.available for l in cart.lines] == [True, False]
    assert (cart.net, cart.vat, cart.gross) == (D("10.00"), D("2.30"), D("12.30"))


def test_unknown_product_is_unavailable():
    line = quote_line(make_input(), LineRequest(999, D("1"), "box"))
    assert not line.available and line.line_net == D("0.00")


def test_currency_is_the_customers_and_jpy_has_no_decimals():
    pricing = make_input(currency="JPY", list_prices={1: "1005"}, category_discounts={10: D("5")})
    line = quote_line(pricing, LineRequest(1, D("3")))
    # 1005 * 0.95 = 954.75 -> 955 yen
    assert line.unit_net == D("955") and line.line_net == D("2865")
    assert line.unit_gross == D("1175")  # 955 * 1.23 = 1174.65 -> 1175
    assert line.currency == "JPY"


# --- P03 / P07 / P05 and compounding --------------------------------------------------------


def test_category_discount_only_for_the_products_top_category():
    pricing = make_input(products=[product(1, category=10), product(2, category=20)],
                         category_discounts={10: D("5")})
    assert quote_line(pricing, LineRequest(1, D("1"))).unit_net == D("95.00")
    assert quote_line(pricing, LineRequest(2, D("1"))).unit_net == D("100.00")
    assert quote_line(pricing, LineRequest(1, D("1"))).rules[1].label == "category discount 5%"


def test_product_without_category_gets_no_category_discount():
    pricing = make_input(products=[product(1, category=None)], category_discounts={10: D("5")})
    assert quote_line(pricing, LineRequest(1, D("1"))).unit_net == D("100.00")


TIERS = (QuantityTier(D("10"), D("2")), QuantityTier(D("100"), D("3")), QuantityTier(D("50"), D("2.5")))


@pytest.mark.parametrize("qty,expected", [
    ("9", "100.00"), ("10", "98.00"), ("49.5", "98.00"), ("50", "97.50"), ("100", "97.00"), ("1000", "97.00"),
])
def test_quantity_tier_choice(qty, expected):
    line = quote_line(make_input(quantity_tiers=TIERS), LineRequest(1, D(qty)))
    assert line.unit_net == D(expected)


def test_quantity_tier_label():
    line = quote_line(make_input(quantity_tiers=TIERS), LineRequest(1, D("100")))
    assert line.rules[-1].label == "quantity discount 3% from 100 units"
    assert line.rules[-1].percent == D("3") and line.rules[-1].amount == D("97.00")


def test_quantity_tier_counts_base_units_of_auxiliary_units():
    pricing = make_input(products=[product(units={"box": "12"})], quantity_tiers=TIERS)
    line = quote_line(pricing, LineRequest(1, D("9"), "box"))  # 108 base units -> 3%
    assert line.base_quantity == D("108")
    assert line.unit_net == D("1164.00")  # 97.00 * 12
    assert line.line_net == D("10476.00")


def test_misconfigured_tiers_give_the_better_percent():
    tiers = (QuantityTier(D("10"), D("5")), QuantityTier(D("20"), D("3")))
    assert quote_line(make_input(quantity_tiers=tiers), LineRequest(1, D("25"))).unit_net == D("95.00")


def test_packaging_discount_only_in_bulk_units():
    pricing = make_input(products=[product(units={"box": "10", "pack": "5"}, bulk=["box"])],
                         packaging_discount=D("2"))
    assert quote_line(pricing, LineRequest(1, D("10"))).unit_net == D("100.00")
    assert quote_line(pricing, LineRequest(1, D("2"), "pack")).unit_net == D("500.00")
    box = quote_line(pricing, LineRequest(1, D("1"), "box"))
    assert box.unit_net == D("980.00")
    assert codes(box) == ["list_price", "packaging_discount", "unit_conversion"]
    assert box.rules[1].label == "packaging discount 2%"


def test_percentages_compound_in_order_and_round_once():
    pricing = make_input(
        products=[product(units={"box": "10"}, bulk=["box"])], list_prices={1: "100.00"},
        category_discounts={10: D("5")}, quantity_tiers=(QuantityTier(D("10"), D("3")),),
        packaging_discount=D("2"),
    )
    line = quote_line(pricing, LineRequest(1, D("1"), "box"))
    # 100 * 0.95 * 0.97 * 0.98 = 90.307 -> 90.31 per piece; box = 903.10
    assert codes(line) == ["list_price", "category_discount", "quantity_discount",
                           "packaging_discount", "unit_conversion"]
    assert [r.amount for r in line.rules] == [D("100.00"), D("95.00"), D("92.15"), D("90.31"), D("903.10")]
    assert line.unit_net == D("903.10")


def test_rounding_happens_once_not_per_step():
    # 0.15 * 0.97 = 0.1455 ; * 0.97 = 0.141135 -> 0.14 (per-step rounding would give 0.15 -> 0.15 -> 0.15)
    pricing = make_input(list_prices={1: "0.15"}, category_discounts={10: D("3")},
                         quantity_tiers=(QuantityTier(D("1"), D("3")),))
    assert quote_line(pricing, LineRequest(1, D("1"))).unit_net == D("0.14")


def test_auxiliary_unit_price_is_base_price_times_factor():
    pricing = make_input(products=[product(units={"m2": "2.5"})], list_prices={1: "3.33"})
    line = quote_line(pricing, LineRequest(1, D("3"), "m2"))
    assert line.unit_net == D("8.33")  # 8.325 -> 8.33
    assert line.line_net == D("24.99")
    assert line.base_quantity == D("7.5")
    assert line.rules[-1].label == "m2 = 2.5 base units"


def test_unknown_unit_raises():
    with pytest.raises(ValueError):
        quote_line(make_input(), LineRequest(1, D("1"), "pallet"))


# --- P04 contract price ---------------------------------------------------------------------


def test_contract_price_beats_every_discount():
    pricing = make_input(
        products=[product(units={"box": "10"}, bulk=["box"])], list_prices={1: "100.00"},
        contract_prices={1: D("120.00")}, category_discounts={10: D("50")},
        quantity_tiers=(QuantityTier(D("1"), D("10")),), packaging_discount=D("5"),
        order_value_tiers=(OrderValueTier(D("0"), D("10")),),
    )
    line = quote_line(pricing, LineRequest(1, D("1"), "box"))
    assert line.unit_net == D("1200.00")
    assert codes(line) == ["contract_price", "unit_conversion"]
    cart = quote_cart(pricing, [LineRequest(1, D("1"), "box")])
    assert cart.order_discount == D("0.00") and cart.net == D("1200.00")
    assert codes(cart.lines[0]) == ["contract_price", "unit_conversion"]


def test_contract_price_without_list_price_is_available():
    pricing = make_input(list_prices={}, contract_prices={1: D("7.00")})
    assert quote_line(pricing, LineRequest(1, D("2"))).line_net == D("14.00")


def test_contract_line_still_gets_promotion_and_markup():
    pricing = make_input(contract_prices={1: D("10.00")}, promotions=promo(buy=2, price="1.00"),
                         distributor_markup=D("10"))
    line = quote_line(pricing, LineRequest(1, D("3")))
    assert codes(line) == ["contract_price", "distributor_markup", "promotion"]
    assert line.unit_net == D("11.00")
    assert line.line_net == D("23.00")  # 2 x 11.00 + 1 x 1.00


# --- P08 promotions -------------------------------------------------------------------------


@pytest.mark.parametrize("qty,promo_units,line_net", [
    ("10", 0, "1000.00"),   # Q = X: nothing free yet
    ("11", 1, "1000.01"),   # Q = X + 1
    ("21", 1, "2000.01"),   # 2X + 1
    ("22", 2, "2000.02"),   # 2X + 2
    ("0", 0, "0.00"),
])
def test_promotion_unit_counts(qty, promo_units, line_net):
    line = quote_line(make_input(promotions=promo()), LineRequest(1, D(qty)))
    assert line.line_net == D(line_net)
    assert line.unit_net == D("100.00")
    if promo_units:
        rule = line.rules[-1]
        assert rule.code == "promotion" and rule.amount == D("0.01")
        assert f"({promo_units} promotional unit" in rule.label
        assert rule.label.startswith("buy 10 get 1 for 0.01")
    else:
        assert "promotion" not in codes(line)


@pytest.mark.parametrize("start_offset,end_offset,active", [
    (0, 0, True), (-5, 0, True), (0, 5, True), (1, 5, False), (-5, -1, False),
])
def test_promotion_validity_dates_are_inclusive(start_offset, end_offset, active):
    pricing = make_input(promotions=promo(start=TODAY + timedelta(start_offset), end=TODAY + timedelta(end_offset)))
    line = quote_line(pricing, LineRequest(1, D("11")))
    assert line.line_net == (D("1000.01") if active else D("1100.00"))


def test_promotion_in_auxiliary_units_counts_base_units():
    pricing = make_input(products=[product(units={"box": "12"})], list_prices={1: "5.00"},
                         promotions=promo(buy=5, price="1.00"))
    line = quote_line(pricing, LineRequest(1, D("2"), "box"))  # 24 base units -> 4 promo units
    assert line.unit_net == D("60.00")
    assert line.line_net == D("104.00")  # 20 x 5.00 + 4 x 1.00


def test_promotion_price_not_below_unit_price_does_nothing():
    pricing = make_input(list_prices={1: "1.00"}, category_discounts={10: D("50")}, promotions=promo(buy=1, price="1.00"))
    line = quote_line(pricing, LineRequest(1, D("4")))
    assert line.line_net == D("2.00") and "promotion" not in codes(line)


def test_promotion_after_discounts():
    pricing = make_input(category_discounts={10: D("10")}, promotions=promo(buy=1, price="0.01"))
    line = quote_line(pricing, LineRequest(1, D("2")))
    assert line.line_net == D("90.01")


# --- A11 distributor markup -----------------------------------------------------------------


def test_distributor_markup_on_the_final_distributor_price():
    pricing = make_input(category_discounts={10: D("5")}, quantity_tiers=(QuantityTier(D("10"), D("3")),),
                         distributor_markup=D("15"))
    line = quote_line(pricing, LineRequest(1, D("10")))
    # distributor: 100 * 0.95 * 0.97 = 92.15 ; end customer: 92.15 * 1.15 = 105.9725 -> 105.97
    assert line.unit_net == D("105.97")
    assert line.rules[-1].code == "distributor_markup"
    assert line.rules[-1].label == "distributor markup 15%"
    assert line.line_net == D("1059.70")


def test_markup_none_and_zero_do_nothing():
    for markup in (None, D("0")):
        line = quote_line(make_input(distributor_markup=markup), LineRequest(1, D("1")))
        assert line.unit_net == D("100.00") and codes(line) == ["list_price"]


# --- validation / never negative ------------------------------------------------------------


@pytest.mark.parametrize("kwargs", [
    {"category_discounts": {10: D("101")}},
    {"category_discounts": {10: D("-1")}},
    {"packaging_discount": D("150")},
    {"quantity_tiers": (QuantityTier(D("1000"), D("-3")),)},
    {"distributor_markup": D("-5")},
    {"distributor_markup": D("100.5")},
])
def test_percent_outside_range_raises(kwargs):
    with pytest.raises(ValueError):
        quote_line(make_input(**kwargs), LineRequest(1, D("1")))


def test_order_tier_percent_outside_range_raises():
    with pytest.raises(ValueError):
        quote_cart(make_input(order_value_tiers=(OrderValueTier(D("0"), D("120")),)), [LineRequest(1, D("1"))])


def test_negative_quantity_raises_and_float_refused():
    with pytest.raises(ValueError):
        quote_line(make_input(), LineRequest(1, D("-1")))
    with pytest.raises(TypeError):
        quote_line(make_input(), LineRequest(1, 1.5))


def test_negative_prices_clamp_to_zero():
    line = quote_line(make_input(list_prices={1: "-5.00"}), LineRequest(1, D("2")))
    assert line.unit_net == D("0.00") and line.line_net == D("0.00")
    line = quote_line(make_input(contract_prices={1: D("-1")}), LineRequest(1, D("2")))
    assert line.unit_net == D("0.00")


def test_hundred_percent_discount_gives_zero_not_negative():
    line = quote_line(make_input(category_discounts={10: D("100")}, promotions=promo(buy=1)), LineRequest(1, D("4")))
    assert line.unit_net == D("0.00") and line.line_net == D("0.00")


# --- P06 order value discount and cart totals -------------------------------------------------


ORDER_TIERS = (OrderValueTier(D("1000"), D("1")), OrderValueTier(D("5000"), D("2")), OrderValueTier(D("10000"), D("3")))


@pytest.mark.parametrize("qty,percent", [("9", "0"), ("10", "1"), ("49", "1"), ("50", "2"), ("100", "3")])
def test_order_tier_choice(qty, percent):
    cart = quote_cart(make_input(order_value_tiers=ORDER_TIERS), [LineRequest(1, D(qty))])
    assert cart.order_discount_percent == D(percent)
    assert cart.order_discount == (D(qty) * 100 * D(percent) / 100).quantize(D("0.01"))


def test_order_discount_split_over_eligible_lines_exactly():
    pricing = make_input(
        products=[product(1), product(2, vat="8"), product(3), product(4)],
        list_prices={1: "33.33", 2: "33.33", 3: "33.34", 4: "10.00"},
        contract_prices={4: D("5000.00")},
        order_value_tiers=(OrderValueTier(D("100"), D("10")), OrderValueTier(D("5000"), D("50"))),
    )
    cart = quote_cart(pricing, [LineRequest(1, D("1")), LineRequest(2, D("1")), LineRequest(3, D("1")),
                                LineRequest(4, D("1"))])
    # eligible value 100.00 (the 5000.00 contract line does not count and gets nothing) -> 10%
    assert cart.order_discount_percent == D("10") and cart.order_discount == D("10.00")
    assert [l.line_net for l in cart.lines] == [D("30.00"), D("30.00"), D("30.00"), D("5000.00")]
    shares = [l.rules[-1].amount for l in cart.lines[:3]]
    assert sum(shares) == D("10.00")
    assert all(l.rules[-1].label == "order value discount 10% above 100.00" for l in cart.lines[:3])
    assert codes(cart.lines[3]) == ["contract_price"]
    assert cart.lines[1].line_gross == D("32.40")  # VAT 8% on the discounted net
    assert cart.lines[0].unit_net == D("33.33")  # unit price unchanged; discount is on the line
    assert cart.net == sum(l.line_net for l in cart.lines)
    assert cart.gross == cart.net + cart.vat == sum(l.line_gross for l in cart.lines)
    assert cart.rules[0].code == "order_discount" and cart.rules[0].amount == D("10.00")


def test_order_discount_remainder_cents_add_up():
    pricing = make_input(products=[product(i) for i in (1, 2, 3)], list_prices={1: "0.01", 2: "0.01", 3: "1000.00"},
                         order_value_tiers=(OrderValueTier(D("0"), D("3.3")),))
    cart = quote_cart(pricing, [LineRequest(i, D("1")) for i in (1, 2, 3)])
    assert cart.order_discount == D("33.00")  # 1000.02 * 3.3% = 33.00066
    assert cart.net == D("967.02") == sum(l.line_net for l in cart.lines)
    assert all(l.line_net >= 0 for l in cart.lines)


def test_vat_is_per_line_then_summed():
    pricing = make_input(products=[product(i) for i in (1, 2, 3)], list_prices={1: "0.02", 2: "0.02", 3: "0.02"})
    cart = quote_cart(pricing, [LineRequest(i, D("1")) for i in (1, 2, 3)])
    # each line: 0.02 * 23% = 0.0046 -> 0.00 ; a total-based VAT would be 0.0138 -> 0.01
    assert cart.vat == D("0.00") and cart.gross == D("0.06")


def test_quantity_tier_uses_product_total_over_cart_lines():
    pricing = make_input(products=[product(units={"box": "50"})], quantity_tiers=(QuantityTier(D("100"), D("3")),))
    cart = quote_cart(pricing, [LineRequest(1, D("1"), "box"), LineRequest(1, D("60"))])
    assert [l.unit_net for l in cart.lines] == [D("4850.00"), D("97.00")]
    assert quote_line(pricing, LineRequest(1, D("60"))).unit_net == D("100.00")


def test_empty_cart():
    cart = quote_cart(make_input(order_value_tiers=ORDER_TIERS), [])
    assert cart.lines == () and cart.net == cart.vat == cart.gross == D("0.00")


def test_jpy_cart():
    pricing = make_input(currency="JPY", products=[product(1), product(2)], list_prices={1: "333", 2: "667"},
                         order_value_tiers=(OrderValueTier(D("1000"), D("5")),))
    cart = quote_cart(pricing, [LineRequest(1, D("1")), LineRequest(2, D("1"))])
    assert cart.order_discount == D("50")
    assert [l.line_net for l in cart.lines] == [D("316"), D("634")]  # shares 17 + 33
    assert cart.net == D("950") and cart.gross == cart.net + cart.vat


# --- documentation and purity ---------------------------------------------------------------


def test_stacking_order_lists_every_rule_once():
    codes_ = [code for code, _ in STACKING_ORDER]
    assert codes_[:2] == ["contract_price", "list_price"]
    assert codes_[-1] == "order_discount"
    assert len(set(codes_)) == len(codes_)
    assert all(str(text) for _, text in STACKING_ORDER)  # lazily translated descriptions
    doc = Path(__file__).resolve().parents[2] / "docs" / "pricing.md"
    text = doc.read_text()
    for code in codes_:
        assert f"`{code}`" in text


def test_labels_are_built_in_one_place():
    assert rule_label("order_discount", percent=D("2.00"), threshold=D("5000.00")) == \
        "order value discount 2% above 5000.00"
    assert rule_label("quantity_discount", percent=D("3"), min_quantity=D("1E+2")) == \
        "quantity discount 3% from 100 units"
    assert rule_label("promotion", buy_quantity=10, promo_price=D("0.01"), units=D("1")) == \
        "buy 10 get 1 for 0.01 (1 promotional unit)"
    assert rule_label("contract_price") == "contract price"
    with pytest.raises(ValueError):
        rule_label("nope")


def test_engine_is_pure():
    tree = ast.parse(Path(engine.__file__).read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
    # Pure: no database, no models; only django.utils.translation for the labels.
    assert not any(name.startswith("django") and name != "django.utils.translation" for name in imported)
    assert not any("models" in name for name in imported)
