"""S07 on PostgreSQL: an ERP sync and a staff member releasing at the same moment release every
waiting order exactly once (the offer row is locked while its orders are released), and
concurrent placement checks never sell more than the offer holds."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from backoffice.orders.models import ErpHandoff, Order, OrderEvent, StockReservation
from backoffice.orders.presale import presale_check_quantity
from backoffice.orders.presale_release import presale_release_arrived
from tests.catalog_factories import set_stock
from tests.concurrency import run_together as run_concurrently

from .conftest import presale_order


pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def run_together(jobs):
    return run_concurrently(jobs, what="a release")


def test_concurrent_releases_release_each_order_once(world, novelty, local):
    orders = [presale_order(world.company, novelty, 3) for _ in range(5)]
    set_stock(novelty, local, 100)
    results = run_together([presale_release_arrived for _ in range(6)])
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(len(r.released) for r in results) == 5
    # released, and (django-q runs inline in tests) already delivered to the fake ERP
    assert set(Order.objects.filter(pk__in=[o.pk for o in orders]).values_list("status", flat=True)) <= {Order.Status.PLACED, Order.Status.SENT}
    assert OrderEvent.objects.filter(order__in=orders, status_to=Order.Status.PLACED).count() == 5
    assert ErpHandoff.objects.filter(order__in=orders).count() == 5
    assert sum(r.quantity for r in StockReservation.objects.all()) == Decimal("15")


def test_concurrent_placement_checks_never_oversell(world, novelty):
    presale_order(world.company, novelty, 90)  # 10 left

    def place_six():
        with transaction.atomic():
            presale_check_quantity(product_id=novelty.pk, base_quantity=Decimal("6"))
            presale_order(world.company, novelty, 6)  # the lines are written while the offer is locked
        return "placed"

    results = run_together([place_six for _ in range(4)])
    assert results.count("placed") == 1
    assert all(isinstance(r, ValidationError) for r in results if r != "placed"), results
