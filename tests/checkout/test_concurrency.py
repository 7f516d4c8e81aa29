"""Concurrent checkouts on PostgreSQL (real row locks; SQLite serialises writers, so these are
skipped there): 20 buyers and the last 5 units, and a double submit of one form.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/b2b_ci_checkout .venv/bin/python -m pytest tests/checkout/test_concurrency.py
"""
import uuid
from decimal import Decimal

import pytest
from django.test import Client

from backoffice.accounts.models import Address
from backoffice.catalog.models import Warehouse
from backoffice.core.roles import Role
from backoffice.inventory.models import Stock
from backoffice.orders.cart import cart_for
from backoffice.orders.models import Order, StockReservation
from tests.catalog_factories import make_product, set_stock
from tests.concurrency import run_together as run_concurrently

from .conftest import fill


pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]
BUYERS = 20


def run_together(jobs):
    return run_concurrently(jobs, what="a checkout")


def post_checkout(client, data):
    def job():
        response = client.post("/checkout/", data)
        return response

    return job


def checkout_form(address, token=None):
    return {"token": token or uuid.uuid4().hex, "delivery_address": str(address.pk), "requested_delivery_date": "",
            "customer_reference": "", "notes": "", "delivery_method": "courier", "payment_method": "cod"}


def test_twenty_buyers_and_the_last_five_units(world, make_user):
    product = make_product(world.leaf, "Ostatnia partia", sku="LAST-5", price="10.00", price_list=world.price_list)
    warehouse = Warehouse.objects.create(erp_id="MAG-C", name="Magazyn", kind=Warehouse.Kind.LOCAL)
    set_stock(product, warehouse, 5)
    address = Address.objects.create(company=world.company, name="Magazyn", street="ul. Polna 1", postal_code="00-001", city="Warszawa")
    jobs = []
    for _ in range(BUYERS):
        buyer = make_user(Role.EMPLOYEE, company=world.company)
        fill(cart_for(user=buyer, company=world.company), buyer, (product, "1"))
        client = Client()
        client.force_login(buyer)
        jobs.append(post_checkout(client, checkout_form(address)))

    results = run_together(jobs)

    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == [], f"server errors: {errors!r}"
    placed = [r for r in results if r.status_code == 302]
    refused = [r for r in results if r.status_code == 200]
    assert (len(placed), len(refused)) == (5, 15)
    for response in refused:
        text = response.content.decode()
        assert "LAST-5" in text or "Ostatnia partia" in text  # names the product
        context = response.context
        reasons = context["view"].problems if not context.get("form") else context["form"].non_field_errors()
        assert reasons and any("LAST-5" in r or "Ostatnia partia" in r for r in reasons)
    assert Order.objects.count() == 5
    assert len({r["Location"] for r in placed}) == 5
    assert Stock.objects.get(product=product).reserved == Decimal("5")
    assert sum(StockReservation.objects.values_list("quantity", flat=True)) == Decimal("5")


def test_double_submit_of_one_form_is_one_order(world):
    product = make_product(world.leaf, "Kabel", sku="CAB-1", price="2.00", price_list=world.price_list)
    warehouse = Warehouse.objects.create(erp_id="MAG-D", name="Magazyn", kind=Warehouse.Kind.LOCAL)
    set_stock(product, warehouse, 100)
    address = Address.objects.create(company=world.company, name="Magazyn", street="ul. Polna 1", postal_code="00-001", city="Warszawa")
    fill(cart_for(user=world.user, company=world.company), world.user, (product, "7"))
    data = checkout_form(address)
    clients = []
    for _ in range(2):
        client = Client()
        client.force_login(world.user)
        clients.append(client)

    results = run_together([post_checkout(client, data) for client in clients])

    assert [getattr(r, "status_code", r) for r in results] == [302, 302]
    order = Order.objects.get()
    assert {r["Location"] for r in results} == {f"/checkout/placed/{order.pk}/"}
    assert Stock.objects.get(product=product).reserved == Decimal("7")
