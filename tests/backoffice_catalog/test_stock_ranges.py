"""S01: stock_range_label, the pure choice of a stock range (no database)."""
from decimal import Decimal as D

import pytest

from backoffice.inventory.ranges import stock_range_label

RANGES = [(D("5"), "mało"), (D("50"), "średnio"), (D("500"), "dużo")]


@pytest.mark.parametrize(
    "quantity, label",
    [
        (D("0.001"), "mało"),
        (D("1"), "mało"),
        (D("5"), "mało"),  # bounds are inclusive
        (D("5.001"), "średnio"),
        (D("50"), "średnio"),
        (D("51"), "dużo"),
        (D("500"), "dużo"),
        (D("100000"), "dużo"),  # above the highest bound: the highest range
    ],
)
def test_quantity_falls_into_the_first_range_that_holds_it(quantity, label):
    assert stock_range_label(quantity, RANGES) == label


@pytest.mark.parametrize("quantity", [D("0"), D("-3")])
def test_no_stock_is_never_a_range(quantity):
    assert stock_range_label(quantity, RANGES) == ""


def test_without_ranges_there_is_no_label():
    assert stock_range_label(D("10"), []) == ""


def test_a_single_range_covers_everything_above_zero():
    assert stock_range_label(D("1000"), [(D("10"), "jest")]) == "jest"
