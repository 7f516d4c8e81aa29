"""A sensible Polish shipping configuration for the demo (`manage.py load_demo_shipping`).
Idempotent: zones are found by name, rates by zone and currency, a rate's bands are rewritten."""
from decimal import Decimal as D

from django.db import transaction

from .models import ShippingBand, ShippingRate, ShippingZone
from .services import shipping_config_changed

EU_COUNTRIES = ["AT", "BE", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "HU", "IE", "IT", "LT", "LU", "LV", "NL", "PT", "RO", "SE", "SI", "SK"]

# zone name, countries, {currency: (rate fields, [(up to kg, up to cm or None, net), ...])}
DEMO = (
    ("Polska", ["PL"], {
        "PLN": ({"free_above_net": D("2000.00"), "pallet_net": D("180.00"), "pallet_from_percent": D("50"), "oversize_net": D("35.00")},
                [(D("30"), D("120"), D("25.00")), (D("30"), None, D("45.00")), (D("100"), D("120"), D("60.00")), (D("100"), None, D("85.00"))]),
    }),
    ("Unia Europejska", EU_COUNTRIES, {
        "EUR": ({"free_above_net": D("1000.00"), "pallet_net": D("95.00"), "pallet_from_percent": D("50"), "oversize_net": D("20.00")},
                [(D("30"), D("120"), D("15.00")), (D("100"), None, D("35.00"))]),
        "PLN": ({"free_above_net": D("4000.00"), "pallet_net": D("420.00"), "pallet_from_percent": D("50"), "oversize_net": D("85.00")},
                [(D("30"), D("120"), D("65.00")), (D("100"), None, D("150.00"))]),
    }),
)


@transaction.atomic
def load_demo_shipping() -> int:
    """Write the demo zones, rates and bands; returns the number of rates."""
    count = 0
    for name, countries, rates in DEMO:
        zone, _created = ShippingZone.objects.update_or_create(name=name, defaults={"countries": countries, "is_active": True})
        for currency, (fields, bands) in rates.items():
            rate, _created = ShippingRate.objects.update_or_create(
                zone=zone, currency=currency, defaults={"pricing": ShippingRate.Pricing.TABLE, "flat_net": None, **fields})
            rate.bands.all().delete()
            ShippingBand.objects.bulk_create(ShippingBand(rate=rate, max_weight_kg=w, max_size_cm=s, net=n) for w, s, n in bands)
            count += 1
    shipping_config_changed()  # bulk_create sends no signals
    return count
