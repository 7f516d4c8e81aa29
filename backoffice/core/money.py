"""Money helpers: the ONE place where amounts are rounded.

Rules (see docs/pricing.md):
- amounts are ``Decimal``, never ``float`` (``quantize`` raises ``TypeError`` for floats);
- every currency has a fixed number of decimal places (``CURRENCY_DECIMALS``, default 2);
- rounding is ``ROUND_HALF_UP`` (commercial rounding: 0.005 -> 0.01);
- ``split_proportionally`` divides an amount into parts that are already rounded and add up
  exactly to the rounded total (largest-remainder method), so a sum of lines never drifts from a
  total by a cent.
"""
import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Sequence

DEFAULT_DECIMALS = 2

CURRENCY_DECIMALS: dict[str, int] = {
    "PLN": 2,
    "EUR": 2,
    "USD": 2,
    "GBP": 2,
    "CZK": 2,
    "CHF": 2,
    "SEK": 2,
    "NOK": 2,
    "DKK": 2,
    "HUF": 2,
    "JPY": 0,
}

HUNDRED = Decimal("100")


def currency_decimals(currency: str) -> int:
    """Decimal places of ``currency`` (case-insensitive; unknown currencies use 2)."""
    return CURRENCY_DECIMALS.get((currency or "").upper(), DEFAULT_DECIMALS)


def minor_unit(currency: str) -> Decimal:
    """The smallest amount of ``currency``: Decimal("0.01") for PLN, Decimal("1") for JPY."""
    return Decimal(1).scaleb(-currency_decimals(currency))


def _to_decimal(amount, what: str = "amount") -> Decimal:
    if isinstance(amount, float):
        raise TypeError(f"{what} must be a Decimal, not float ({amount!r})")
    if isinstance(amount, bool):
        raise TypeError(f"{what} must be a Decimal, not bool")
    if isinstance(amount, int):
        return Decimal(amount)
    if not isinstance(amount, Decimal):
        raise TypeError(f"{what} must be a Decimal, got {type(amount).__name__}")
    return amount


def quantize(amount: Decimal, currency: str) -> Decimal:
    """Round ``amount`` to the currency's decimal places, half up. THE one rounding function."""
    value = _to_decimal(amount)
    if not value.is_finite():
        raise ValueError(f"amount must be finite, got {value}")
    return value.quantize(minor_unit(currency), rounding=ROUND_HALF_UP)


def money_text(amount: Decimal, currency: str) -> str:
    """An amount as buyers read it: rounded to the currency, localised with grouped thousands and
    the currency code ("1 234,50 PLN" in Polish, "1,234.50 PLN" in English)."""
    from django.utils.formats import number_format

    return f"{number_format(quantize(amount, currency), currency_decimals(currency), force_grouping=True)} {currency}"


def percent_off(amount: Decimal, percent: Decimal) -> Decimal:
    """``amount`` reduced by ``percent`` % (0..100), NOT rounded."""
    value = _to_decimal(amount)
    pct = _to_decimal(percent, "percent")
    if pct < 0 or pct > HUNDRED:
        raise ValueError(f"percent must be between 0 and 100, got {pct}")
    return value * (HUNDRED - pct) / HUNDRED


def split_proportionally(total: Decimal, weights: Sequence[Decimal], currency: str) -> list[Decimal]:
    """Split ``total`` into ``len(weights)`` rounded parts proportional to ``weights``.

    The parts are quantized to the currency and sum exactly to ``quantize(total, currency)``
    (largest-remainder method: every part gets the floor of its exact share in minor units, the
    minor units left over go to the parts with the largest fractional remainders, earlier parts
    first on ties). Weights must be >= 0; zeros get nothing unless all weights are zero, in which
    case the total is split evenly. A negative total is split like its absolute value and negated.
    """
    ws = [_to_decimal(w, "weight") for w in weights]
    if any(w < 0 for w in ws):
        raise ValueError("weights must not be negative")
    rounded_total = quantize(total, currency)
    if not ws:
        if rounded_total != 0:
            raise ValueError("cannot split a non-zero total over no parts")
        return []
    sign = -1 if rounded_total < 0 else 1
    step = minor_unit(currency)
    units = int(abs(rounded_total) / step)  # exact: rounded_total is a multiple of step
    exact = [Fraction(w) for w in ws]  # exact rational arithmetic: no precision surprises
    weight_sum = sum(exact, Fraction(0))
    if weight_sum == 0:
        exact = [Fraction(1)] * len(ws)
        weight_sum = Fraction(len(ws))
    shares = [units * w / weight_sum for w in exact]
    floors = [math.floor(s) for s in shares]
    left = units - sum(floors)  # 0 <= left < len(ws)
    order = sorted(range(len(ws)), key=lambda i: (-(shares[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return [quantize(sign * Decimal(n) * step, currency) for n in floors]
