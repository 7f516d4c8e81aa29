"""Pre-sale (S07) test data: a pre-sale product of the `world` customer, warehouses, and waiting
orders made directly (placing itself is tested in tests/checkout/)."""
from datetime import date, timedelta
from decimal import Decimal
from itertools import count

import pytest
from django.utils import timezone

from backoffice.catalog.models import Warehouse
from backoffice.inventory.models import PresaleOffer
from backoffice.orders.models import Order, OrderLine
from tests.catalog_factories import make_product

_numbers = count(1)
PLANNED = date(2027, 3, 15)


@pytest.fixture
def local(db):
    return Warehouse.objects.create(erp_id="PS-MAG", name="Magazyn główny", kind=Warehouse.Kind.LOCAL)


@pytest.fixture
def supplier(db):
    return Warehouse.objects.create(erp_id="PS-DOST", name="Dostawca", kind=Warehouse.Kind.SUPPLIER, lead_time_days_min=3, lead_time_days_max=5)


@pytest.fixture
def novelty(world):
    """A product sold in pre-sale: 100 units from 15 March 2027."""
    product = make_product(world.leaf, "Wkrętarka 2027", sku="WK-2027", price="250.00", price_list=world.price_list, index=False)
    PresaleOffer.objects.create(product=product, planned_delivery_date=PLANNED, sellable_quantity=Decimal("100"))
    return product


@pytest.fixture
def offer(novelty):
    return novelty.presale


def presale_order(company, product, quantity, *, status=Order.Status.AWAITING_STOCK, user=None, unit="", factor="1", **fields) -> Order:
    n = next(_numbers)
    quantity = Decimal(str(quantity))
    base = quantity * Decimal(factor)
    order = Order.objects.create(
        number=f"PS/{n:05d}", company=company, placed_by=user, status=status, is_presale=True, net=base * 250, gross=base * 250 * Decimal("1.23"),
        delivery_name=company.name, delivery_street="ul. Testowa 1", delivery_postal_code="00-001", delivery_city="Warszawa", **fields,
    )
    OrderLine.objects.create(
        order=order, position=1, product=product, sku=product.sku, name="Wkrętarka 2027", unit=unit, quantity=quantity, base_quantity=base,
        unit_net=Decimal("250") * Decimal(factor), vat_rate=Decimal("23"), line_net=base * 250, line_gross=base * 250 * Decimal("1.23"),
        is_presale=True,
    )
    return order


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)

