from decimal import Decimal as D

import pytest

from backoffice.pricing.bundles import bundle_split, bundle_unit_price


def test_split_proportional_to_regular_values():
    # A x1 @ 10.00, B x3 @ 5.00, C x5 @ 2.00 = 10 + 15 + 10 = 35.00 regular; bundle 28.00 (20% off)
    result = bundle_split(D("28.00"), [(1, D(1), D("10.00")), (2, D(3), D("5.00")), (3, D(5), D("2.00"))], "PLN")
    assert result == [(1, D(1), D("8.00")), (2, D(3), D("12.00")), (3, D(5), D("8.00"))]


def test_split_adds_up_to_the_cent():
    result = bundle_split(D("10.00"), [(1, D(1), D("1")), (2, D(1), D("1")), (3, D(1), D("1"))], "PLN")
    totals = [t for _, _, t in result]
    assert sum(totals) == D("10.00")
    assert sorted(totals) == [D("3.33"), D("3.33"), D("3.34")]


def test_multiple_bundles_and_display_unit_price():
    # bundle sold twice: quantities and price doubled by the caller
    result = bundle_split(D("20.00"), [(1, D(2), D("1.00")), (2, D(6), D("1.00"))], "PLN")
    assert result == [(1, D(2), D("5.00")), (2, D(6), D("15.00"))]
    # per-unit display may not multiply back exactly; the line total counts
    result = bundle_split(D("10.00"), [(1, D(3), D("1.00"))], "PLN")
    assert result[0][2] == D("10.00")
    unit = bundle_unit_price(result[0][2], D(3), "PLN")
    assert unit == D("3.33") and unit * 3 != result[0][2]


def test_zero_regular_prices_split_evenly_and_jpy():
    assert [t for *_, t in bundle_split(D("100"), [(1, D(1), D(0)), (2, D(1), D(0))], "JPY")] == [D("50"), D("50")]
    assert [t for *_, t in bundle_split(D("101"), [(1, D(1), D(1)), (2, D(1), D(1))], "JPY")] == [D("51"), D("50")]


def test_bundle_priced_above_regular_is_still_split():
    result = bundle_split(D("50.00"), [(1, D(1), D("10.00")), (2, D(1), D("30.00"))], "PLN")
    assert [t for *_, t in result] == [D("12.50"), D("37.50")]


@pytest.mark.parametrize("price,components,exc", [
    (D("-1"), [(1, D(1), D(1))], ValueError),
    (D("1"), [], ValueError),
    (D("1"), [(1, D(0), D(1))], ValueError),
    (D("1"), [(1, D(1), D(-1))], ValueError),
    (1.0, [(1, D(1), D(1))], TypeError),
    (D("1"), [(1, 1.0, D(1))], TypeError),
])
def test_invalid_input(price, components, exc):
    with pytest.raises(exc):
        bundle_split(price, components, "PLN")


def test_unit_price_needs_positive_quantity():
    with pytest.raises(ValueError):
        bundle_unit_price(D("1"), D(0), "PLN")
