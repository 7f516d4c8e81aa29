"""The cart page's "Delivery" box (L01, L02, L03, L05): the courier's estimate for the company's
default delivery country, how much is missing for free delivery, and the pallet occupancy per
line and in total. Queries: the first delivery address 1 (only once staff have set up a zone), the
configuration and product overrides 0 (cached) - the same for any number of lines."""
from dataclasses import dataclass

from django_countries import countries

from .display import format_money, format_percent, free_delivery_hint
from .quote import ShippingQuote
from .services import default_country, quote_for_cart, shipment_items, shipping_config


@dataclass(frozen=True)
class PalletRow:
    name: str
    sku: str
    percent: str  # "" = no pallet data


def cart_shipping_context(*, view, company) -> dict:
    if view.is_empty:
        return {}
    config = shipping_config()
    country = default_country(company) if config.is_configured else ""
    items = shipment_items(view, config)
    quote: ShippingQuote = quote_for_cart(view=view, company=company, country=country, items=items, config=config)
    pallet = quote.pallet
    rows = []
    if pallet.total_share or any(item.units_per_pallet for item in items):
        for line in view.lines:
            if line.pk in pallet.per_line:
                rows.append(PalletRow(line.name, line.sku, format_percent(pallet.per_line[line.pk])))
    return {"shipping": {
        "configured": config.is_configured,
        "quote": quote,
        "country": country,
        "country_name": countries.name(country) if country else "",
        "cost": format_money(quote.total_net, quote.currency) if quote.offered else "",
        "hint": free_delivery_hint(quote),
        "pallet_rows": rows,
        "pallet_percent": format_percent(pallet.total_share),
        "pallets": pallet.pallets,
        "without_pallet_data": len(pallet.lines_without_data),
        "oversize_cost": format_money(quote.oversize_net, quote.currency) if quote.oversize_units else "",
    }}
