"""A11 at placing: an end customer's order carries its distributor's own prices, and waits for the
distributor's approval unless the end customer is verified (Company.orders_auto_approved).

The end customer pays the distributor's price plus a markup (pricing/selectors.py); the ERP sells
to the DISTRIBUTOR at the distributor's own price. So the order keeps both: the distributor's
price of every line is the distributor's own quote of the same cart line (its price list,
contract prices, discounts and, for the whole cart, its own order-value tier), computed with the
same engine in the same transaction. Margin = end customer's net - distributor's net.
"""
from decimal import Decimal

from django.db import transaction

from backoffice.core.modules import is_enabled
from backoffice.core.money import HUNDRED, quantize
from backoffice.pricing.bundle_quotes import bundle_quotes_for
from backoffice.pricing.engine import quote_cart
from backoffice.pricing.selectors import pricing_input_for
from backoffice.pricing.types import LineRequest

ZERO = Decimal("0")
NEW_ORDER_TASK = "backoffice.distributors.emails.new_order_email_task"


def distributor_of(company):
    """The distributor an order of `company` goes through, or None (an ordinary customer)."""
    return company.distributor if company.distributor_id else None


def needs_approval(company) -> bool:
    """An end customer's order waits for its distributor unless the end customer is verified. With
    the distributors module off nobody could approve, so nothing waits."""
    return company.distributor_id is not None and not company.orders_auto_approved and is_enabled("distributors")


def distributor_quotes_for(view, distributor, today=None) -> tuple[dict, object]:
    """(cart line pk -> the distributor's LineQuote, or BundleQuote for a bundle line; the
    distributor's CartQuote) for the lines of an end customer's cart view: what the ERP invoices
    the distributor for the same goods."""
    quotes: dict = {}
    for line in view.lines:
        if line.bundle_quote is not None:  # a few per cart: one bundle quote each
            own = bundle_quotes_for(distributor, [line.bundle_quote.bundle_id], quantity=line.bundle_quote.quantity, today=today)
            quotes[line.pk] = own[0] if own else None
    rows = [line for line in view.lines if line.bundle_quote is None and line.quote is not None]
    if not rows:
        return quotes, None
    pricing = pricing_input_for(distributor, {row.product.pk for row in rows}, today=today)
    quote = quote_cart(pricing, [LineRequest(row.product.pk, row.quantity, row.unit) for row in rows])
    quotes.update({row.pk: line_quote for row, line_quote in zip(rows, quote.lines)})
    return quotes, quote


def line_vat(net: Decimal, vat_rate: Decimal, currency: str) -> Decimal:
    return quantize(net * vat_rate / HUNDRED, currency)


def distributor_totals(order, lines, charges, cart_quote) -> None:
    """Fill the order's totals at the distributor's prices (same shipping and fees as the end
    customer's: margin is on goods only). Call before saving the order."""
    currency = str(order.currency)
    goods_net = sum((line.distributor_line_net for line in lines), ZERO)
    goods_vat = sum((line_vat(line.distributor_line_net, line.vat_rate, currency) for line in lines), ZERO)
    order.distributor_net = goods_net + charges.net
    order.distributor_vat = goods_vat + charges.vat(currency)
    order.distributor_gross = order.distributor_net + order.distributor_vat
    order.distributor_order_discount = cart_quote.order_discount if cart_quote is not None else ZERO
    order.distributor_order_discount_percent = cart_quote.order_discount_percent if cart_quote is not None else ZERO


DISTRIBUTOR_FIELDS = ["distributor", "distributor_net", "distributor_vat", "distributor_gross", "distributor_order_discount",
                      "distributor_order_discount_percent"]


def queue_new_order_email(order_id: int) -> None:
    """The distributor hears of every new end-customer order (to approve, or for information)."""
    from django_q.tasks import async_task

    transaction.on_commit(lambda: async_task(NEW_ORDER_TASK, order_id))
