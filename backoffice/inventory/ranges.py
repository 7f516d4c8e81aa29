"""S01: which configured stock range a quantity falls into. Pure: no database, no translations."""
from collections.abc import Sequence
from decimal import Decimal


def stock_range_label(quantity: Decimal, ranges: Sequence[tuple[Decimal, str]]) -> str:
    """The label of the first range whose `up_to` (inclusive) holds `quantity`; above the highest
    bound, the highest range's label. `ranges` are (up_to, label) sorted by up_to ascending.

    Returns "" when there is nothing to show as a range: no ranges, or no stock at all (the
    caller says "out of stock" then; no range should ever read "a lot" for zero)."""
    if quantity <= 0 or not ranges:
        return ""
    for up_to, label in ranges:
        if quantity <= up_to:
            return label
    return ranges[-1][1]
