"""Shipping test data on top of the checkout shop (tests/checkout/conftest.py): a Polish zone with
a PLN table (up to 30 kg / 120 cm 25.00, up to 100 kg 60.00, pallets 180.00 from 50 %, oversize
35.00 per unit) and an EU zone with a flat EUR cost."""
from decimal import Decimal as D

import pytest

from backoffice.shipping.models import ShippingBand, ShippingRate, ShippingZone
from tests.checkout.conftest import cart, shop  # noqa: F401 (fixtures)


@pytest.fixture
def rates(db):
    pl = ShippingZone.objects.create(name="Polska", countries=["PL"])
    pln = ShippingRate.objects.create(zone=pl, currency="PLN", pricing=ShippingRate.Pricing.TABLE, pallet_net=D("180.00"),
                                      pallet_from_percent=D("50"), oversize_net=D("35.00"))
    ShippingBand.objects.create(rate=pln, max_weight_kg=D("30"), max_size_cm=D("120"), net=D("25.00"))
    ShippingBand.objects.create(rate=pln, max_weight_kg=D("100"), net=D("60.00"))
    eu = ShippingZone.objects.create(name="UE", countries=["DE", "CZ"])
    eur = ShippingRate.objects.create(zone=eu, currency="EUR", pricing=ShippingRate.Pricing.FLAT, flat_net=D("19.00"),
                                      free_above_net=D("500.00"))
    return {"pl": pl, "pln": pln, "eu": eu, "eur": eur}


def set_shipping_data(product, **fields):
    for name, value in fields.items():
        setattr(product, name, value if not isinstance(value, str) else D(value))
    product.save(update_fields=list(fields))
    return product
