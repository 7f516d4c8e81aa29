"""Delivery by our courier (L01-L03, L05): shipping cost from the staff's tables (quote.py has the
rules).

Offered when the destination's zone has a rate in the order's currency and the shipment fits a
band or goes on pallets. An installation whose staff have not set up any zone yet still offers
the courier, at no charge (the cost is then agreed by the sales department, as before).
"""
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backoffice.orders.checkout import DeliveryMethod
from backoffice.orders.checkout_methods import DELIVERY, CheckoutMethod, MethodContext

from .display import format_money, free_delivery_hint
from .quote import ShippingQuote
from .services import default_country, quote_for_cart, shipping_config

ZERO = Decimal("0")


def courier_quote(ctx: MethodContext) -> ShippingQuote | None:
    """The quote for this request's cart and destination, memoised on ctx.cache; None when no
    zone is configured at all."""
    config = shipping_config()
    if not config.is_configured:
        return None
    country = ctx.country
    if not country:
        country = ctx.cache.get("shipping_default_country")
        if country is None:
            country = ctx.cache["shipping_default_country"] = default_country(ctx.company)
    key = ("shipping_quote", country, ctx.currency, ctx.goods_net)
    if key not in ctx.cache:
        ctx.cache[key] = quote_for_cart(view=ctx.view, company=ctx.company, country=country, goods_net=ctx.goods_net, config=config)
    return ctx.cache[key]


def quote_details(quote: ShippingQuote) -> list[dict]:
    """The itemised cost (labels in the active language, amounts as plain decimals)."""
    currency = quote.currency
    rows = []
    if quote.palletised:
        rows.append({"kind": "pallets", "label": _("Pallets: %(count)s × %(cost)s") % {
            "count": quote.pallets, "cost": format_money(quote.pallet_net, currency)},
            "net": f"{ZERO if quote.free else quote.base_net:.2f}", "pallets": quote.pallets})
    else:
        rows.append({"kind": "shipping", "label": _("Shipping"), "net": f"{ZERO if quote.free else quote.base_net:.2f}"})
    if quote.free:
        rows.append({"kind": "free", "label": _("Free delivery from %(amount)s (net)") % {
            "amount": format_money(quote.free_threshold, currency)}, "net": ""})
    if quote.oversize_units:
        rows.append({"kind": "oversize", "label": _("Oversize surcharge (%(units)s pcs)") % {"units": quote.oversize_units},
                     "net": f"{quote.oversize_net:.2f}"})
    return rows


class CourierDelivery(CheckoutMethod):
    kind = DELIVERY
    code = DeliveryMethod.COURIER.value
    label = gettext_lazy("courier")
    position = 10
    panel_template = "shipping/courier_panel.html"

    def is_offered(self, ctx: MethodContext) -> bool:
        quote = courier_quote(ctx)
        return quote is None or quote.offered

    def refusal(self, ctx: MethodContext) -> str | None:
        quote = courier_quote(ctx)
        if quote is not None and quote.reason == "too_large":
            return _("Your order is too heavy or too large for our courier. Choose another delivery method or contact us.")
        return None  # no rate for the destination: the method is simply not there

    def cost_net(self, ctx: MethodContext, setting=None) -> Decimal:
        quote = courier_quote(ctx)
        return quote.total_net if quote is not None and quote.offered else ZERO

    def cost_details(self, ctx: MethodContext) -> list[dict]:
        quote = courier_quote(ctx)
        return quote_details(quote) if quote is not None and quote.offered else []

    def panel_context(self, ctx: MethodContext) -> dict:
        quote = courier_quote(ctx)
        if quote is None or not quote.offered:
            return {}
        return {"shipping": quote, "free_hint": free_delivery_hint(quote)}

    def erp_comments(self, order) -> list[str]:
        """The ERP operator books the pallets (L05)."""
        pallets = next((row.get("pallets") for row in order.charges or () if row.get("kind") == "pallets"), None)
        return [f"wysyłka paletowa: {pallets} pal."] if pallets else []


HANDLER = CourierDelivery()
