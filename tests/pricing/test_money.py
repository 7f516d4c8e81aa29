from decimal import Decimal as D

import pytest

from backoffice.core.money import (
    CURRENCY_DECIMALS, currency_decimals, minor_unit, percent_off, quantize, split_proportionally,
)


def test_currency_decimals():
    for code in ("PLN", "EUR", "USD", "GBP", "CZK", "CHF", "SEK", "NOK", "DKK", "HUF"):
        assert CURRENCY_DECIMALS[code] == 2
    assert CURRENCY_DECIMALS["JPY"] == 0
    assert currency_decimals("XYZ") == 2
    assert currency_decimals("jpy") == 0
    assert minor_unit("PLN") == D("0.01") and minor_unit("JPY") == D("1")


@pytest.mark.parametrize("amount,currency,expected", [
    (D("1.005"), "PLN", D("1.01")),
    (D("1.004999"), "PLN", D("1.00")),
    (D("-1.005"), "PLN", D("-1.01")),
    (D("2.5"), "JPY", D("3")),
    (D("2.4999"), "JPY", D("2")),
    (D("7"), "EUR", D("7.00")),
    (3, "PLN", D("3.00")),
])
def test_quantize_half_up(amount, currency, expected):
    result = quantize(amount, currency)
    assert result == expected
    assert result.as_tuple().exponent == expected.as_tuple().exponent


def test_quantize_refuses_float_and_junk():
    with pytest.raises(TypeError):
        quantize(1.1, "PLN")
    with pytest.raises(TypeError):
        quantize("1.10", "PLN")
    with pytest.raises(ValueError):
        quantize(D("NaN"), "PLN")


def test_percent_off_is_unrounded_and_checked():
    assert percent_off(D("10"), D("3.333")) == D("9.6667")
    assert percent_off(D("10"), D("0")) == D("10")
    assert percent_off(D("10"), D("100")) == D("0")
    with pytest.raises(ValueError):
        percent_off(D("10"), D("100.01"))
    with pytest.raises(ValueError):
        percent_off(D("10"), D("-1"))
    with pytest.raises(TypeError):
        percent_off(D("10"), 5.0)


def test_split_largest_remainder():
    assert split_proportionally(D("10.00"), [D(1), D(1), D(1)], "PLN") == [D("3.34"), D("3.33"), D("3.33")]
    assert split_proportionally(D("100"), [D(1), D(2), D(3)], "JPY") == [D("17"), D("33"), D("50")]
    # the largest remainder gets the extra cent, not the first part
    assert split_proportionally(D("1.00"), [D(1), D(2)], "PLN") == [D("0.33"), D("0.67")]


def test_split_zero_weights_and_all_zero():
    assert split_proportionally(D("5.00"), [D(0), D(1), D(0)], "PLN") == [D("0.00"), D("5.00"), D("0.00")]
    assert split_proportionally(D("1.00"), [D(0), D(0), D(0)], "PLN") == [D("0.34"), D("0.33"), D("0.33")]


def test_split_rounds_total_first_and_handles_negative():
    parts = split_proportionally(D("10.005"), [D(1), D(1)], "PLN")
    assert sum(parts) == D("10.01")
    assert split_proportionally(D("-1.00"), [D(1), D(2)], "PLN") == [D("-0.33"), D("-0.67")]


def test_split_edge_cases():
    assert split_proportionally(D("0"), [], "PLN") == []
    with pytest.raises(ValueError):
        split_proportionally(D("1"), [], "PLN")
    with pytest.raises(ValueError):
        split_proportionally(D("1"), [D(-1), D(2)], "PLN")
    with pytest.raises(TypeError):
        split_proportionally(D("1"), [0.5, 0.5], "PLN")
