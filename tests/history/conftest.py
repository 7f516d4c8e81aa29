"""Order-history test data: a customer (tests/conftest.py `world`) with products it may buy, one
it may not, another company, and `make_order` to write orders as checkout or the ERP would."""
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from backoffice.catalog.models import Product, ProductUnit, Warehouse
from backoffice.orders.models import Order, OrderEvent, OrderLine, OrderShipment
from tests.catalog_factories import contract_price, make_category, make_product, set_stock

WARSAW = ZoneInfo("Europe/Warsaw")


def warsaw(*args) -> datetime:
    """An aware datetime given as Warsaw wall-clock time."""
    return datetime(*args, tzinfo=WARSAW)


def make_order(company, lines=(), *, placed_at=None, status=Order.Status.COMPLETED, source=Order.Source.PLATFORM, number=None,
               placed_by=None, **fields) -> Order:
    """lines: (product, quantity[, unit[, base_quantity]]) or dicts with OrderLine fields."""
    order = Order.objects.create(
        company=company, placed_at=placed_at or timezone.now(), status=status, source=source, placed_by=placed_by,
        number=number if number is not None else (None if source == Order.Source.ERP else f"T/{Order.objects.count() + 1:06d}"),
        **fields,
    )
    net = Decimal("0")
    for position, spec in enumerate(lines, start=1):
        if isinstance(spec, dict):
            data = {"position": position, "vat_rate": Decimal("23"), "unit_net": Decimal("1"), **spec}
        else:
            product, quantity, *rest = spec
            unit = rest[0] if rest else ""
            quantity = Decimal(str(quantity))
            base = Decimal(str(rest[1])) if len(rest) > 1 else quantity
            data = {"position": position, "product": product, "sku": product.sku, "name": product.safe_translation_getter("name", any_language=True),
                    "unit": unit, "quantity": quantity, "base_quantity": base, "unit_net": Decimal("10"), "vat_rate": Decimal("23"),
                    "line_net": quantity * 10, "line_gross": quantity * Decimal("12.30")}
        line = OrderLine.objects.create(order=order, **data)
        net += line.line_net
    Order.objects.filter(pk=order.pk).update(net=net, vat=net * Decimal("0.23"), gross=net * Decimal("1.23"))
    order.refresh_from_db()
    return order


@dataclass
class Shop:
    drill: Product  # carton of 12
    bit: Product
    glove: Product  # brand "Ansell", no stock
    hidden: Product  # in a restricted category: invisible to the customer
    others: Product  # only another company has a price for it
    other_company: object
    local: Warehouse


@pytest.fixture
def shop(world, make_user):
    drill = make_product(world.leaf, "Wiertarka udarowa", sku="WU-700", brand="Bosch", price="100.00", price_list=world.price_list)
    ProductUnit.objects.create(product=drill, code="karton", factor=Decimal("12"))
    gloves = make_category("Rękawice", world.root)
    bit = make_product(world.leaf, "Wiertło do betonu", sku="BIT-8", brand="Bosch", price="10.00", price_list=world.price_list)
    glove = make_product(gloves, "Rękawice robocze", sku="GLV-1", brand="Ansell", price="5.00", price_list=world.price_list)
    secret = make_category("Oferta zastrzeżona", world.root, restricted=True)
    hidden = make_product(secret, "Ukryty zastrzeżony", sku="HID-R", price="10.00", price_list=world.price_list)
    other = make_user("customer")
    others = make_product(world.leaf, "Cudza oferta", sku="HID-OTHER")
    contract_price(other.company, others, "7.00")
    local = Warehouse.objects.create(erp_id="MAG-1", name="Magazyn Łódź", kind=Warehouse.Kind.LOCAL)
    set_stock(drill, local, 30)
    set_stock(bit, local, 1000)
    return Shop(drill, bit, glove, hidden, others, other.company, local)


def add_status(order, status, when=None, message=""):
    return OrderEvent.objects.create(order=order, kind=OrderEvent.Kind.STATUS, status_from="", status_to=status,
                                     created_at=when or timezone.now(), message=message)


def add_shipment(order, number, carrier="", when=None):
    return OrderShipment.objects.create(order=order, tracking_number=number, carrier=carrier, shipped_at=when)
