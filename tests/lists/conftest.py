"""Shopping-list test data: the `world` customer (tests/conftest.py), a colleague of the same
company, a buyer of another company, and products the customer may buy."""
from dataclasses import dataclass
from decimal import Decimal

import pytest

from backoffice.catalog.models import Product, ProductUnit
from backoffice.core.roles import Role
from backoffice.orders.models import ShoppingList, ShoppingListLine
from tests.catalog_factories import make_product


@dataclass
class Goods:
    drill: Product  # 100.00 net, carton of 12
    bit: Product  # 10.00 net
    glove: Product  # 5.00 net


@pytest.fixture
def goods(world):
    drill = make_product(world.leaf, "Wiertarka udarowa", sku="WU-700", ean="5901234123457", price="100.00", price_list=world.price_list,
                         index=False)
    ProductUnit.objects.create(product=drill, code="karton", factor=Decimal("12"))
    bit = make_product(world.leaf, "Wiertło do betonu", sku="BIT-8", price="10.00", price_list=world.price_list, index=False)
    glove = make_product(world.leaf, "Rękawice robocze", sku="GLV-1", price="5.00", price_list=world.price_list, index=False)
    return Goods(drill, bit, glove)


@pytest.fixture
def colleague(make_user, world):
    return make_user(Role.EMPLOYEE, company=world.company)


@pytest.fixture
def stranger(make_user):
    """A buyer of another company."""
    return make_user(Role.CUSTOMER)


def make_list(company, name="Zamówienie stałe", lines=(), user=None) -> ShoppingList:
    shopping_list = ShoppingList.objects.create(company=company, name=name, created_by=user)
    for product, quantity, *unit in lines:
        ShoppingListLine.objects.create(shopping_list=shopping_list, product=product, quantity=Decimal(quantity), unit=unit[0] if unit else "")
    return shopping_list


def hide(product: Product) -> None:
    """The customer may no longer see the product (taken out of the offer)."""
    product.is_active = False
    product.save(update_fields=["is_active"])
