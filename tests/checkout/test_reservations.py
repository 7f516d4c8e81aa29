"""Stock reservations (backoffice/orders/reservations.py): which warehouse first, all or nothing,
and releasing them (the ERP confirmed the order, or it was cancelled)."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from backoffice.inventory.models import Stock
from backoffice.orders.models import StockReservation
from backoffice.orders.reservations import Source, Take, plan_takes, reservations_release, stock_reserve

from .conftest import fill, place

D = Decimal


def source(stock_id, available, local=False, lead=(None, None), warehouse_id=None):
    return Source(stock_id=stock_id, warehouse_id=warehouse_id or stock_id, is_local=local, lead_days_min=lead[0],
                  lead_days_max=lead[1], available=D(available))


def test_own_warehouses_first_most_stock_first_then_suppliers_fastest_first():
    sources = [
        source(1, "5", lead=(10, 14)),  # slow supplier
        source(2, "3", local=True),
        source(3, "5", lead=(None, None)),  # supplier without a lead time: last
        source(4, "8", local=True),  # the bigger own warehouse first (fewer split lines)
        source(5, "5", lead=(1, 2)),
        source(6, "0", local=True),
    ]
    takes, missing = plan_takes(D("25"), sources)
    assert takes == [Take(4, D("8"), True), Take(2, D("3"), True), Take(5, D("5"), False), Take(1, D("5"), False), Take(3, D("4"), False)]
    assert missing == 0
    takes, missing = plan_takes(D("30"), sources)
    assert sum(t.quantity for t in takes) == D("26") and missing == D("4")
    assert plan_takes(D("2"), sources) == ([Take(4, D("2"), True)], 0)


def test_ties_are_broken_by_the_stock_row():
    takes, _missing = plan_takes(D("4"), [source(9, "3", local=True), source(7, "3", local=True)])
    assert [t.warehouse_id for t in takes] == [7, 9]


@pytest.mark.django_db(transaction=True)
def test_reserve_refuses_outside_a_transaction():
    with pytest.raises(RuntimeError):  # the row locks would be released at once
        stock_reserve(demands={1: D("1")}, names={}, units={})


@pytest.mark.django_db
def test_reserve_is_all_or_nothing_and_names_every_short_product(shop):
    with pytest.raises(ValidationError) as info, transaction.atomic():
        stock_reserve(demands={shop.bit.pk: D("10"), shop.drill.pk: D("51"), shop.glove.pk: D("21")},
                      names={shop.drill.pk: "Wiertarka", shop.glove.pk: "Rękawice"}, units={shop.drill.pk: "szt", shop.glove.pk: "szt"})
    assert len(info.value.messages) == 2
    assert "Wiertarka" in info.value.messages[0] and "50" in info.value.messages[0]
    assert "Rękawice" in info.value.messages[1] and "20" in info.value.messages[1]
    assert sum(Stock.objects.values_list("reserved", flat=True)) == 0


@pytest.mark.django_db
def test_reserved_stock_is_not_sold_twice_and_inactive_rows_are_skipped(shop):
    Stock.objects.filter(product=shop.drill, warehouse=shop.supplier).update(is_active=False)
    with transaction.atomic():
        plans = stock_reserve(demands={shop.drill.pk: D("25")}, names={}, units={})
    assert plans == {shop.drill.pk: [Take(shop.local.pk, D("25"), True)]}
    with pytest.raises(ValidationError), transaction.atomic():
        stock_reserve(demands={shop.drill.pk: D("6")}, names={}, units={})  # 5 left (the supplier's row is inactive)
    assert Stock.objects.get(product=shop.drill, warehouse=shop.local).reserved == 25


@pytest.mark.django_db
def test_release_gives_the_stock_back_once(cart, world, shop):
    fill(cart, world.user, (shop.drill, "36"), (shop.bit, "4"))
    order = place(cart, world.user, shop, shipping_preference="split")
    assert Stock.objects.get(product=shop.drill, warehouse=shop.supplier).reserved == 6
    assert reservations_release(order=order) == 3
    assert set(Stock.objects.values_list("reserved", flat=True)) == {0}
    assert not StockReservation.objects.filter(order=order, released_at__isnull=True).exists()
    assert reservations_release(order=order) == 0  # a repeated confirmation changes nothing
    assert set(Stock.objects.values_list("reserved", flat=True)) == {0}


@pytest.mark.django_db
def test_release_never_goes_below_zero(cart, world, shop):
    fill(cart, world.user, (shop.bit, "4"))
    order = place(cart, world.user, shop)
    Stock.objects.filter(product=shop.bit).update(reserved=1)  # staff corrected the figure meanwhile
    reservations_release(order=order)
    assert Stock.objects.get(product=shop.bit).reserved == 0
