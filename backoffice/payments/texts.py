"""How the payments app writes amounts and dates for buyers (active language, grouped thousands)."""
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format, number_format

from backoffice.core.money import currency_decimals


def money_text(amount: Decimal, currency: str) -> str:
    """"1 234,50 PLN" in Polish, "1,234.50 PLN" in English."""
    return f"{number_format(amount, currency_decimals(currency), force_grouping=True)} {currency}"


def day_text(moment: date | datetime) -> str:
    if isinstance(moment, datetime):
        moment = timezone.localdate(moment)
    return date_format(moment, "DATE_FORMAT")
