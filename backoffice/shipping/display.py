"""How shipping amounts and pallet shares are written for buyers (cart box, checkout panel)."""
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from backoffice.core.money import money_text

TENTH = Decimal("0.1")


def format_money(amount: Decimal | None, currency: str) -> str:
    """"1 234,50 PLN", "80,00 EUR": localised, in the currency's decimals, written like the cart's
    and checkout's own totals."""
    return money_text(amount, currency) if amount is not None else ""


def format_percent(share: Decimal | None) -> str:
    """A share of a pallet (1 = a full pallet) as "37,5 %"."""
    if share is None:
        return ""
    return f"{number_format((share * 100).quantize(TENTH, rounding=ROUND_HALF_UP), 1)} %"


def free_delivery_hint(quote) -> str:
    """L01: "120,00 PLN more (net) for free delivery", "Free delivery", or "" when never free."""
    if quote is None or not quote.offered or quote.free_threshold is None:
        return ""
    if quote.free:
        if quote.oversize_units:
            return _("Free delivery. Oversize products still pay their surcharge.")
        return _("Free delivery")
    return _("%(amount)s more (net) for free delivery") % {"amount": format_money(quote.missing_for_free, quote.currency)}
