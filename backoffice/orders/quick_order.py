"""Quick-order pad: pasted "SKU-or-EAN quantity" lines into the cart (parser in cart_lines.py).

A line with a code only (a scanned barcode) means one piece of that product or unit.
"""
from decimal import Decimal

from django.utils.translation import gettext as _

from backoffice.catalog.selectors import CatalogAccess

from .cart_lines import LinesReport, lines_add, source_lines, text_rows
from .models import Cart

MAX_TEXT_LENGTH = 200_000  # characters; MAX_LINES (cart_lines.py) limits the lines


def quick_order_add(*, cart: Cart, access: CatalogAccess, text: str) -> LinesReport:
    if len(text) > MAX_TEXT_LENGTH:
        return LinesReport(error=_("The text is too long: paste at most %(count)s characters.") % {"count": MAX_TEXT_LENGTH})
    try:
        lines = source_lines(text_rows(text))
    except ValueError as error:
        return LinesReport(error=str(error))
    return lines_add(cart=cart, access=access, lines=lines, default_quantity=Decimal("1"))
