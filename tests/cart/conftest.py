"""Cart test data: a customer (tests/conftest.py `world`), products it may buy, one it may not,
warehouses with stock, and helpers to fill a cart."""
from dataclasses import dataclass
from decimal import Decimal

import pytest

from backoffice.catalog.models import Product, ProductUnit, Warehouse
from backoffice.catalog.selectors import catalog_access_for
from backoffice.orders.cart import CartItem, cart_add_many, cart_for
from backoffice.pricing.models import Bundle, BundleComponent, BundlePrice
from tests.catalog_factories import contract_price, make_category, make_product, set_stock


@dataclass
class Shop:
    drill: Product  # 100.00, carton of 12, EAN of the carton
    bit: Product  # 10.00
    glove: Product  # 5.00, no stock anywhere
    restricted: Product  # in a restricted category
    others: Product  # only another company has a (contract) price
    local: Warehouse
    supplier: Warehouse


@pytest.fixture
def shop(world, make_user):
    drill = make_product(world.leaf, "Wiertarka udarowa", name_en="Hammer drill", sku="WU-700", ean="5901234123457",
                         price="100.00", price_list=world.price_list)
    ProductUnit.objects.create(product=drill, code="karton", factor=Decimal("12"), ean="5901234123464")
    bit = make_product(world.leaf, "Wiertło do betonu", sku="BIT-8", ean="5900000000087", price="10.00", price_list=world.price_list)
    glove = make_product(world.leaf, "Rękawice robocze", sku="GLV-1", price="5.00", price_list=world.price_list)
    secret = make_category("Oferta zastrzeżona", world.root, restricted=True)
    restricted = make_product(secret, "Ukryty zastrzeżony", sku="HID-R", price="10.00", price_list=world.price_list)
    others = make_product(world.leaf, "Cudza oferta", sku="HID-OTHER")
    contract_price(make_user("customer").company, others, "7.00")
    local = Warehouse.objects.create(erp_id="MAG-1", name="Magazyn Łódź", kind=Warehouse.Kind.LOCAL)
    supplier = Warehouse.objects.create(erp_id="DOST-1", name="Dostawca", kind=Warehouse.Kind.SUPPLIER, lead_time_days_min=2,
                                        lead_time_days_max=4)
    set_stock(drill, local, 30)
    set_stock(drill, supplier, 20)
    set_stock(bit, local, 1000)
    return Shop(drill, bit, glove, restricted, others, local, supplier)


@pytest.fixture
def cart(world):
    return cart_for(user=world.user, company=world.company)


@pytest.fixture
def access(world, shop):
    """Computed after the shop's restricted category exists (as per request in the views)."""
    return catalog_access_for(world.user)


def add(cart, access, *items):
    """add(cart, access, (product, "2"), (product, "1", "karton"))"""
    return cart_add_many(cart=cart, access=access, items=[CartItem(p.pk, Decimal(q), *rest) for p, q, *rest in items])


def make_bundle(code, components, price="100.00", currency="PLN", **fields):
    bundle = Bundle.objects.create(code=code, name=f"Zestaw {code}", **fields)
    for product, quantity in components:
        BundleComponent.objects.create(bundle=bundle, product=product, quantity=Decimal(quantity))
    if price is not None:
        BundlePrice.objects.create(bundle=bundle, currency=currency, net=Decimal(price))
    return bundle
