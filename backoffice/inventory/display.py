"""S01: how a stock quantity is shown to customers, exact or as a configured range.

The settings and ranges are read once and cached (they change rarely; the admin calls
`stock_display_changed`), so listings pay no query for them.
"""
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext

from .models import StockDisplaySettings, StockRange
from .ranges import stock_range_label

DISPLAY_KEY = "inventory:stock-display:v1"
DISPLAY_TTL = 300


@dataclass(frozen=True)
class StockDisplay:
    mode: str
    ranges: tuple[tuple[Decimal, dict[str, str]], ...]  # (up_to, {language: label}), ascending
    restock_days: tuple[int, int]

    def label(self, quantity: Decimal, unit: str = "") -> str:
        """"out of stock", "12 szt" or the range label ("a lot") in the current language."""
        if quantity <= 0:
            return gettext("out of stock")
        if self.mode == StockDisplaySettings.Mode.RANGES and self.ranges:
            language = get_language() or "pl"
            ranges = [(up_to, labels.get(language) or labels.get("pl") or "") for up_to, labels in self.ranges]
            return stock_range_label(quantity, ranges)
        whole = quantity == quantity.to_integral_value()
        return f"{number_format(quantity.to_integral_value() if whole else quantity.normalize())} {unit}".strip()


def stock_display() -> StockDisplay:
    display = cache.get(DISPLAY_KEY)
    if display is None:
        settings_row = StockDisplaySettings.current()
        ranges = tuple(
            (row.up_to, {t.language_code: t.label for t in row.translations.all()})
            for row in StockRange.objects.prefetch_related("translations").order_by("up_to")
        )
        display = StockDisplay(settings_row.mode, ranges, (settings_row.restock_days_min, settings_row.restock_days_max))
        cache.set(DISPLAY_KEY, display, DISPLAY_TTL)
    return display


def stock_display_changed() -> None:
    cache.delete(DISPLAY_KEY)
