from decimal import Decimal

import pytest

from backoffice.catalog.models import ProductUnit, Warehouse
from backoffice.inventory.display import stock_display_changed
from backoffice.inventory.models import StockDisplaySettings
from backoffice.inventory.services import stock_range_set
from tests.catalog_factories import make_product


@pytest.fixture
def drill(world):
    """Product with an English name, attributes and a carton of 12."""
    product = make_product(
        world.leaf, "Wiertarka udarowa", name_en="Hammer drill", sku="WU-700", ean="5901234123457", brand="Bosch",
        price="100.00", price_list=world.price_list, attributes={"Moc": "700 W", "Kolor": "niebieski"},
    )
    ProductUnit.objects.create(product=product, code="karton", factor=Decimal("12"))
    return product


@pytest.fixture
def warehouses(db):
    local = Warehouse.objects.create(erp_id="MAG-1", name="Magazyn Łódź", kind=Warehouse.Kind.LOCAL)
    supplier = Warehouse.objects.create(erp_id="DOST-1", name="Dostawca Szybki", kind=Warehouse.Kind.SUPPLIER,
                                        lead_time_days_min=2, lead_time_days_max=4)
    return local, supplier


def stock_settings(mode, restock=(5, 7), ranges=()):
    StockDisplaySettings.objects.update_or_create(pk=1, defaults={"mode": mode, "restock_days_min": restock[0],
                                                                 "restock_days_max": restock[1]})
    for up_to, pl, en in ranges:
        stock_range_set(up_to=Decimal(up_to), labels={"pl": pl, "en": en})
    stock_display_changed()  # the mode changed too
