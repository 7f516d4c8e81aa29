"""Writes of the stock display settings made on this platform (the ERP owns stock itself)."""
from decimal import Decimal

from .display import stock_display_changed
from .models import StockRange


def stock_range_set(*, up_to: Decimal, labels: dict[str, str]) -> StockRange:
    """Create the range ending at `up_to`, or relabel it; `labels` maps language -> label."""
    row = StockRange.objects.filter(up_to=up_to).first() or StockRange(up_to=up_to)
    for language, label in labels.items():
        row.set_current_language(language)
        row.label = label
    row.save()
    stock_display_changed()
    return row
