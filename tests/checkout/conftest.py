"""Checkout test data: the customer of tests/conftest.py `world` with a shipping address, products
with stock in own and supplier warehouses, and helpers to fill the cart and place it."""
import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from backoffice.accounts.models import Address
from backoffice.catalog.models import Product, ProductUnit, Warehouse
from backoffice.catalog.selectors import catalog_access_for
from backoffice.orders.calendar import add_working_days
from backoffice.orders.cart import CartItem, cart_add, cart_add_many, cart_for
from backoffice.orders.checkout import CheckoutData
from backoffice.orders.placing import order_place
from backoffice.pricing.models import Bundle, BundleComponent, BundlePrice
from tests.catalog_factories import make_product, set_stock

TODAY = date(2026, 3, 2)  # a Monday; services take `today`, so these tests do not depend on the calendar


@dataclass
class Shop:
    drill: Product  # 100.00, carton of 12; 30 own (MAG-1) + 20 at a supplier (2-4 days)
    bit: Product  # 10.00; 1000 own
    glove: Product  # 5.00; 4 own (MAG-2), 6 at a slow supplier (10-14 days), 10 at a fast one (1-2 days)
    local: Warehouse
    local2: Warehouse
    supplier: Warehouse
    slow_supplier: Warehouse
    address: Address


@pytest.fixture
def shop(world):
    company = world.company
    company.street, company.postal_code, company.email = "ul. Główna 1", "00-001", "biuro@firma.pl"
    company.save(update_fields=["street", "postal_code", "email"])
    address = Address.objects.create(company=company, kind=Address.Kind.SHIPPING, name="Magazyn klienta", street="ul. Składowa 5",
                                     postal_code="90-001", city="Łódź", phone="+48 42 000 00 00")
    drill = make_product(world.leaf, "Wiertarka udarowa", name_en="Hammer drill", sku="WU-700", price="100.00",
                         price_list=world.price_list)
    ProductUnit.objects.create(product=drill, code="karton", factor=Decimal("12"))
    bit = make_product(world.leaf, "Wiertło do betonu", name_en="Concrete bit", sku="BIT-8", price="10.00", price_list=world.price_list)
    glove = make_product(world.leaf, "Rękawice robocze", sku="GLV-1", price="5.00", price_list=world.price_list, vat_rate=Decimal("8"))
    local = Warehouse.objects.create(erp_id="MAG-1", name="Magazyn Łódź", kind=Warehouse.Kind.LOCAL)
    local2 = Warehouse.objects.create(erp_id="MAG-2", name="Magazyn Kraków", kind=Warehouse.Kind.LOCAL)
    supplier = Warehouse.objects.create(erp_id="DOST-1", name="Dostawca", kind=Warehouse.Kind.SUPPLIER, lead_time_days_min=2,
                                        lead_time_days_max=4)
    slow = Warehouse.objects.create(erp_id="DOST-2", name="Dostawca wolny", kind=Warehouse.Kind.SUPPLIER, lead_time_days_min=10,
                                    lead_time_days_max=14)
    set_stock(drill, local, 30)
    set_stock(drill, supplier, 20)
    set_stock(bit, local, 1000)
    set_stock(glove, slow, 6)
    set_stock(glove, local2, 4)
    fast = Warehouse.objects.create(erp_id="DOST-3", name="Dostawca szybki", kind=Warehouse.Kind.SUPPLIER, lead_time_days_min=1,
                                    lead_time_days_max=2)
    set_stock(glove, fast, 10)
    return Shop(drill, bit, glove, local, local2, supplier, slow, address)


@pytest.fixture
def cart(world):
    return cart_for(user=world.user, company=world.company)


def fill(cart, user, *items):
    """fill(cart, user, (product, "2"), (product, "1", "karton")): through the cart service."""
    user.__dict__.pop("_catalog_access", None)
    report = cart_add_many(cart=cart, access=catalog_access_for(user), items=[CartItem(p.pk, Decimal(q), *rest) for p, q, *rest in items])
    assert not report.rejected, report.rejected
    return report


def add_bundle(cart, bundle, quantity="1"):
    return cart_add(cart=cart, access=None, bundle_id=bundle.pk, quantity=Decimal(quantity))


def make_bundle(code, components, price="100.00", currency="PLN"):
    bundle = Bundle.objects.create(code=code, name=f"Zestaw {code}")
    for product, quantity in components:
        BundleComponent.objects.create(bundle=bundle, product=product, quantity=Decimal(quantity))
    BundlePrice.objects.create(bundle=bundle, currency=currency, net=Decimal(price))
    return bundle


def checkout_data(shop, **changes) -> CheckoutData:
    values = {"delivery_address": str(shop.address.pk), "requested_delivery_date": add_working_days(TODAY, 3),
              "customer_reference": "PO-77", "notes": "Brama nr 2", "shipping_preference": "", "language": "pl", "payment_method": "cod"}
    values.update(changes)
    return CheckoutData(**values)


def place(cart, user, shop, key=None, today=TODAY, acting_rep=None, **changes):
    user.__dict__.pop("_catalog_access", None)
    return order_place(cart=cart, placed_by=user, checkout=checkout_data(shop, **changes), idempotency_key=key or uuid.uuid4().hex,
                       acting_rep=acting_rep, today=today)
