"""Shipping configuration as plain values, and the quote of a cart (used by the courier handler
and the cart page's delivery box).

The zones, rates and bands change rarely and are read on every cart and checkout page, so they
are cached (SHIPPING_CONFIG_KEY) and the cache is dropped whenever staff save or delete one of
them (signals below, again after the commit so a reader in between cannot keep old rows).
The staff's product overrides are part of the cached configuration too (a small table).
"""
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import ShippingBand, ShippingProductOverride, ShippingRate, ShippingZone
from .quote import Band, RateTable, ShipmentItem, ShippingQuote, shipping_quote

SHIPPING_CONFIG_KEY = "shipping:config:v1"
CONFIG_TTL = 60 * 60


@dataclass(frozen=True)
class ProductShipping:
    """A ShippingProductOverride as plain values (None: keep the ERP's value)."""

    units_per_pallet: int | None
    is_oversize: bool | None
    oversize_net: Decimal | None
    oversize_currency: str


@dataclass(frozen=True)
class ShippingConfig:
    zones_by_country: dict[str, str]  # ISO code -> zone key
    rest_of_world: str | None  # the zone of every other country
    rates: dict[tuple[str, str], RateTable]  # (zone key, currency) -> rate
    overrides: dict[int, ProductShipping]  # product id -> the staff's shipping data (a few hundred rows at most)

    @property
    def is_configured(self) -> bool:
        """False on an installation whose staff have not set up any zone yet."""
        return bool(self.zones_by_country) or self.rest_of_world is not None

    def zone_for(self, country: str) -> str | None:
        return self.zones_by_country.get((country or "").upper(), self.rest_of_world)

    def rate_for(self, country: str, currency: str) -> RateTable | None:
        zone = self.zone_for(country)
        return self.rates.get((zone, currency)) if zone is not None else None


def _load_config() -> ShippingConfig:
    zones = {zone.pk: zone for zone in ShippingZone.objects.filter(is_active=True)}
    by_country, rest = {}, None
    for zone in zones.values():
        if zone.is_rest_of_world:
            rest = f"{zone.pk}:{zone.name}"
        for country in zone.countries:
            by_country[str(country.code)] = f"{zone.pk}:{zone.name}"
    bands: dict[int, list[Band]] = {}
    for rate_id, weight, size, net in ShippingBand.objects.filter(rate__zone_id__in=list(zones)).values_list(
            "rate_id", "max_weight_kg", "max_size_cm", "net"):
        bands.setdefault(rate_id, []).append(Band(weight, size, net))
    rates = {}
    for rate in ShippingRate.objects.filter(zone_id__in=list(zones)):
        key = f"{rate.zone_id}:{zones[rate.zone_id].name}"
        flat = rate.flat_net if rate.pricing == ShippingRate.Pricing.FLAT else None
        rates[(key, str(rate.currency))] = RateTable(
            zone=zones[rate.zone_id].name, currency=str(rate.currency), flat_net=flat,
            bands=tuple(sorted(bands.get(rate.pk, ()), key=lambda b: b.sort_key)), free_above_net=rate.free_above_net,
            pallet_net=rate.pallet_net, pallet_from_percent=rate.pallet_from_percent, oversize_net=rate.oversize_net)
    overrides = {
        product_id: ProductShipping(units, oversize, net, str(currency))
        for product_id, units, oversize, net, currency in ShippingProductOverride.objects.values_list(
            "product_id", "units_per_pallet", "is_oversize", "oversize_net", "oversize_currency")
    }
    return ShippingConfig(by_country, rest, rates, overrides)


def shipping_config() -> ShippingConfig:
    config = cache.get(SHIPPING_CONFIG_KEY)
    if config is None:
        config = _load_config()
        cache.set(SHIPPING_CONFIG_KEY, config, CONFIG_TTL)
    return config


def shipping_config_changed() -> None:
    cache.delete(SHIPPING_CONFIG_KEY)
    transaction.on_commit(lambda: cache.delete(SHIPPING_CONFIG_KEY))


@receiver([post_save, post_delete], sender=ShippingZone)
@receiver([post_save, post_delete], sender=ShippingRate)
@receiver([post_save, post_delete], sender=ShippingBand)
@receiver([post_save, post_delete], sender=ShippingProductOverride)
def _config_changed(sender, **kwargs):
    shipping_config_changed()


# ---- a cart as a shipment ---------------------------------------------------------------------


def _size(product) -> Decimal | None:
    sizes = [d for d in (product.length_cm, product.width_cm, product.height_cm) if d is not None]
    return max(sizes) if sizes else None


def shipment_item(line_pk: int, product, quantity: Decimal, override, currency: str) -> ShipmentItem:
    """One product as the quote sees it: the staff's override wins over the ERP's values."""
    units = product.units_per_pallet
    oversize = product.is_oversize
    own_surcharge = None
    if override is not None:
        units = override.units_per_pallet or units
        if override.is_oversize is not None:
            oversize = override.is_oversize
        if override.oversize_net is not None and str(override.oversize_currency) == currency:
            own_surcharge = override.oversize_net
    return ShipmentItem(line=line_pk, product_id=product.pk, quantity=quantity, weight_kg=product.weight_kg, size_cm=_size(product),
                        units_per_pallet=units or None, is_oversize=oversize, oversize_net=own_surcharge)


def _cart_products(view):
    for line in view.lines:
        if line.product is not None and line.quote is not None and not line.is_bundle:
            yield line.pk, line.product, line.base_quantity
        for component in line.components:
            yield line.pk, component.product, component.quantity


def shipment_items(view, config: ShippingConfig | None = None) -> list[ShipmentItem]:
    """The cart read model's products (bundle components included) as shipment items; lines
    without a product (no longer visible) ship nothing."""
    overrides = (config or shipping_config()).overrides
    products = list(_cart_products(view))
    return [shipment_item(line, product, quantity, overrides.get(product.pk), view.currency) for line, product, quantity in products]


def quote_for_cart(*, view, company, country: str, goods_net: Decimal | None = None, items: list[ShipmentItem] | None = None,
                   config: ShippingConfig | None = None) -> ShippingQuote:
    """The courier's quote for a cart shipped to `country` (ISO code)."""
    config = config or shipping_config()
    currency = view.currency
    return shipping_quote(rate=config.rate_for(country, currency), items=shipment_items(view, config) if items is None else items,
                          goods_net=view.net if goods_net is None else goods_net, currency=currency,
                          logistic_minimum=company.logistic_minimum)


def default_country(company) -> str:
    """Where the cart's estimate ships to: the first shipping address (as checkout offers them),
    else the company's own country."""
    from backoffice.orders.checkout import delivery_addresses_for

    addresses = delivery_addresses_for(company)
    if addresses:
        return addresses[0].country
    return str(company.country or "")
