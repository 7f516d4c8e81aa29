"""Concurrent pickup bookings on PostgreSQL (real row locks; SQLite serialises writers, so this is
skipped there): ten buyers take a window with room for three, at the same moment.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/b2b_ci_pickup .venv/bin/python -m pytest tests/pickup/test_concurrency.py
"""
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from backoffice.accounts.models import Address
from backoffice.catalog.models import Warehouse
from backoffice.core.roles import Role
from backoffice.orders.cart import cart_for
from backoffice.orders.checkout import CheckoutData
from backoffice.orders.models import Order
from backoffice.orders.placing import order_place
from backoffice.pickup.models import PickupBooking
from tests.catalog_factories import make_product, set_stock
from tests.checkout.conftest import fill
from tests.concurrency import run_together

from .conftest import at, make_point, value

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]
BUYERS = 10
NOW = at(2026, 3, 2, 8, 0)


def test_ten_buyers_and_a_window_for_three(world, make_user, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)  # the windows are computed from "now"
    world.company.may_buy_on_terms = True
    world.company.save(update_fields=["may_buy_on_terms"])
    warehouse = Warehouse.objects.create(erp_id="MAG-P", name="Magazyn", kind=Warehouse.Kind.LOCAL)
    address = Address.objects.create(company=world.company, name="Magazyn", street="ul. Polna 1", postal_code="00-001", city="Łódź")
    point = make_point(capacity=3)
    window = value(point, at(2026, 3, 2, 12))
    jobs = []
    for number in range(BUYERS):
        buyer = make_user(Role.EMPLOYEE, company=world.company)
        cart = cart_for(user=buyer, company=world.company)
        # A product of its own per buyer: no shared stock row that would serialise the checkouts anyway.
        product = make_product(world.leaf, f"Kabel {number}", sku=f"CAB-P{number}", price="2.00", price_list=world.price_list)
        set_stock(product, warehouse, 10)
        fill(cart, buyer, (product, "1"))
        checkout = CheckoutData(delivery_address=str(address.pk), delivery_method="pickup", payment_method="on_terms",
                                extra={"pickup_window": window, "pickup_driver_name": f"Kierowca {number}",
                                       "pickup_driver_phone": "600 100 200"})
        jobs.append(lambda cart=cart, buyer=buyer, checkout=checkout: order_place(
            cart=cart, placed_by=buyer, checkout=checkout, idempotency_key=uuid.uuid4().hex, today=NOW.date()))

    results = run_together(jobs, what="a pickup booking")

    unexpected = [r for r in results if isinstance(r, Exception) and not isinstance(r, ValidationError)]
    assert unexpected == [], f"server errors: {unexpected!r}"
    placed = [r for r in results if isinstance(r, Order)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert (len(placed), len(refused)) == (3, BUYERS - 3)
    assert all(list(r.message_dict) == ["pickup_window"] for r in refused)
    assert PickupBooking.objects.filter(point=point, starts_at=at(2026, 3, 2, 12)).count() == 3
    assert Order.objects.count() == 3  # a refused booking rolls its whole order back
