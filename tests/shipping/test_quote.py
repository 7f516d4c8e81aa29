"""The courier's cost maths (backoffice/shipping/quote.py) on edge cases, without a database."""
from decimal import Decimal as D

import pytest

from backoffice.shipping.quote import Band, RateTable, ShipmentItem, pallet_use, shipping_quote

BANDS = (Band(D("30"), D("120"), D("25.00")), Band(D("30"), None, D("45.00")), Band(D("100"), None, D("60.00")))
RATE = RateTable(zone="PL", currency="PLN", bands=BANDS, pallet_net=D("180.00"), pallet_from_percent=D("50"), oversize_net=D("35.00"))


def item(line=1, quantity="1", weight="1", size="10", units=None, oversize=False, own=None, product=None):
    return ShipmentItem(line=line, product_id=product or line, quantity=D(quantity), weight_kg=None if weight is None else D(weight),
                        size_cm=None if size is None else D(size), units_per_pallet=units, is_oversize=oversize,
                        oversize_net=None if own is None else D(own))


def quote(items, goods="100.00", minimum=None, rate=RATE, currency="PLN"):
    return shipping_quote(rate=rate, items=items, goods_net=D(goods), currency=currency, logistic_minimum=None if minimum is None else D(minimum))


def test_exactly_at_the_logistic_minimum_is_free_one_grosz_below_is_not():
    at = quote([item()], goods="1500.00", minimum="1500.00")
    below = quote([item()], goods="1499.99", minimum="1500.00")
    assert at.free and at.total_net == D("0.00") and at.missing_for_free == D("0.00")
    assert not below.free and below.total_net == D("25.00") and below.missing_for_free == D("0.01")


def test_without_a_logistic_minimum_the_rates_own_threshold_applies_else_never_free():
    rate = RateTable(zone="PL", currency="PLN", flat_net=D("20.00"), free_above_net=D("1000.00"))
    assert quote([item()], goods="1000.00", rate=rate).free
    assert quote([item()], goods="1000.00", minimum="2000.00", rate=rate).missing_for_free == D("1000.00")  # the ERP's value wins
    never = quote([item()], goods="999999.00", rate=RateTable(zone="PL", currency="PLN", flat_net=D("20.00")))
    assert not never.free and never.free_threshold is None and never.missing_for_free == 0 and never.total_net == D("20.00")


@pytest.mark.parametrize("weight, size, expected", [
    ("30", "120", "25.00"),  # both limits are inclusive
    ("30.001", "120", "60.00"),  # one gram over: the next weight band
    ("30", "120.1", "45.00"),  # a millimetre longer: the same weight, any size
    ("0", "0", "25.00"),
    ("100", "500", "60.00"),
])
def test_band_boundaries(weight, size, expected):
    assert quote([item(weight=weight, size=size)]).total_net == D(expected)


def test_weight_is_weight_times_base_quantity_and_size_the_largest_item():
    result = quote([item(1, quantity="12", weight="2.5", size="40"), item(2, quantity="1", weight="0.2", size="119")])
    assert result.weight_kg == D("30.2") and result.size_cm == D("119") and result.total_net == D("60.00")


def test_too_heavy_for_every_band_goes_on_a_pallet_or_is_not_offered():
    heavy = [item(weight="150")]
    palletised = quote(heavy)
    assert palletised.offered and palletised.palletised and palletised.pallets == 1 and palletised.total_net == D("180.00")
    no_pallets = quote(heavy, rate=RateTable(zone="PL", currency="PLN", bands=BANDS))
    assert not no_pallets.offered and no_pallets.reason == "too_large"


def test_pallets_from_the_rates_share_lines_share_pallets_and_round_up():
    items = [item(1, quantity="30", weight="0.1", units=100), item(2, quantity="20", weight="0.1", units=100)]  # 30 % + 20 %
    at_half = quote(items)
    assert at_half.palletised and at_half.pallets == 1 and at_half.total_net == D("180.00")
    under = quote([item(1, quantity="49", weight="0.1", units=100)])
    assert not under.palletised and under.total_net == D("25.00")
    three = quote([item(1, quantity="150", units=100, weight="0.1"), item(2, quantity="60", units=100, weight="0.1")])  # 2.1 pallets
    assert three.pallets == 3 and three.total_net == D("540.00")


def test_pallet_use_per_line_and_lines_without_data():
    use = pallet_use([item(1, quantity="25", units=100), item(2, quantity="5"), item(3, quantity="1", units=3, product=7),
                      item(3, quantity="2", units=3, product=8)])
    assert use.per_line == {1: D("0.25"), 2: None, 3: D("1")}
    assert use.total_share == D("1.25") and use.pallets == 2 and use.lines_without_data == (2,)
    assert pallet_use([]).pallets == 0


def test_a_bundle_line_with_a_component_without_pallet_data_has_no_share():
    use = pallet_use([item(5, quantity="10", units=100, product=1), item(5, quantity="1", product=2)])
    assert use.per_line == {5: None} and use.total_share == D("0.1")


def test_oversize_pays_per_unit_even_when_free_and_is_left_out_of_the_parcel():
    items = [item(1, quantity="2", weight="1", size="50"), item(2, quantity="1.5", weight="80", size="300", oversize=True)]
    paid = quote(items)
    assert (paid.weight_kg, paid.size_cm) == (D("2"), D("50"))  # the ladder ships separately
    assert paid.oversize_units == 2 and paid.oversize_net == D("70.00") and paid.total_net == D("95.00")
    free = quote(items, goods="5000.00", minimum="1000.00")
    assert free.free and free.total_net == D("70.00")


def test_a_products_own_oversize_surcharge_wins():
    result = quote([item(1, oversize=True, own="12.50", quantity="2"), item(2, oversize=True, quantity="1")])
    assert result.oversize_net == D("60.00")  # 2 x 12.50 + 1 x 35.00


def test_products_without_weight_count_as_zero_and_are_reported():
    result = quote([item(1, weight=None, size=None), item(2, weight="31")])
    assert result.weight_kg == D("31") and result.items_without_weight == 1 and result.total_net == D("60.00")


def test_no_rate_is_not_offered():
    result = quote([item()], rate=None, currency="EUR")
    assert not result.offered and result.reason == "no_rate" and result.total_net == 0


def test_flat_cost_ignores_bands_and_never_needs_pallets():
    rate = RateTable(zone="EU", currency="EUR", flat_net=D("19.90"), bands=BANDS)
    assert quote([item(weight="500")], rate=rate, currency="EUR").total_net == D("19.90")


def test_rounding_happens_once_in_the_currency():
    rate = RateTable(zone="JP", currency="JPY", flat_net=D("1000"), oversize_net=D("333.5"))
    result = quote([item(oversize=True, quantity="1")], rate=rate, currency="JPY")
    assert result.total_net == D("1334")  # 1000 + 333.5 rounded half up to whole yen
