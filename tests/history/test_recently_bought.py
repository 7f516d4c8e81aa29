"""C05 "recently bought" selector: the period in Warsaw calendar months, sums in base units,
only visible products, only this company's lines, cancelled orders never, and the filters."""
from datetime import date
from decimal import Decimal
from unittest import mock

import pytest
from django.utils import timezone

from backoffice.orders.models import Order
from backoffice.orders.recently_bought import RecentQuery, bought_rows, last_ordered, period_start, recently_bought_page

from .conftest import make_order, warsaw

pytestmark = pytest.mark.django_db
TODAY = date(2025, 3, 31)
NOW = warsaw(2025, 3, 31, 12)


@pytest.fixture(autouse=True)
def frozen_today():
    """"Today" is 31 March 2025 in Warsaw (the month arithmetic has to clamp to February's end)."""
    with mock.patch.object(timezone, "now", return_value=NOW):
        yield


def sums(user, **query):
    return {pk: quantity for pk, quantity, _last in bought_rows(user, RecentQuery(**query))}


def test_period_start_is_warsaw_midnight_months_back():
    assert period_start(1, today=TODAY) == warsaw(2025, 2, 28)  # 31 Feb does not exist
    assert period_start(12, today=TODAY) == warsaw(2024, 3, 31)
    assert period_start(3, today=date(2024, 5, 31)) == warsaw(2024, 2, 29)  # leap year
    assert period_start(24, today=date(2025, 1, 15)) == warsaw(2023, 1, 15)
    summer = period_start(6, today=TODAY)
    assert summer == warsaw(2024, 9, 30) and summer.utcoffset().total_seconds() == 7200  # CEST, not UTC


def test_period_boundary_follows_warsaw_days(world, shop):
    start = period_start(3)  # 31 Dec 2024 00:00 in Warsaw = 30 Dec 23:00 UTC
    make_order(world.company, [(shop.drill, 1)], placed_at=warsaw(2024, 12, 31, 0, 5))  # inside
    make_order(world.company, [(shop.drill, 10)], placed_at=warsaw(2024, 12, 30, 23, 55))  # outside (still 23:55 UTC+1)
    assert start == warsaw(2024, 12, 31)
    assert sums(world.user, months=3) == {shop.drill.pk: Decimal("1")}
    assert sums(world.user, months=6) == {shop.drill.pk: Decimal("11")}


def test_quantities_are_summed_in_base_units_across_units(world, shop):
    make_order(world.company, [(shop.drill, 2, "karton", 24), (shop.drill, 3)], placed_at=warsaw(2025, 3, 1, 10))
    make_order(world.company, [(shop.drill, 1, "karton", 12)], placed_at=warsaw(2025, 3, 20, 10))
    rows = bought_rows(world.user, RecentQuery())
    assert rows == [(shop.drill.pk, Decimal("39"), warsaw(2025, 3, 20, 10))]


def test_invisible_products_other_companies_and_cancelled_orders_do_not_count(world, shop):
    make_order(world.company, [(shop.drill, 1), (shop.hidden, 5), (shop.others, 5)], placed_at=warsaw(2025, 3, 1, 10))
    make_order(world.company, [(shop.drill, 100)], status=Order.Status.CANCELLED, placed_at=warsaw(2025, 3, 2, 10))
    make_order(shop.other_company, [(shop.drill, 1000), (shop.bit, 7)], placed_at=warsaw(2025, 3, 3, 10))
    assert sums(world.user) == {shop.drill.pk: Decimal("1")}


def test_erp_only_orders_count_only_in_the_erp_mirror_variant(world, shop):
    from backoffice.core.models import ModuleSwitch
    from backoffice.core.modules import forget_cached_switches

    make_order(world.company, [(shop.bit, 4)], source=Order.Source.ERP, erp_id="ZK-9", placed_at=warsaw(2025, 3, 1, 10))
    assert sums(world.user) == {shop.bit.pk: Decimal("4")}
    ModuleSwitch.objects.create(key="erp_order_history", enabled=False)
    forget_cached_switches()
    assert sums(world.user) == {}


def test_filters_category_subtree_brand_phrase_and_stock(world, shop):
    make_order(world.company, [(shop.drill, 1), (shop.bit, 2), (shop.glove, 3)], placed_at=warsaw(2025, 3, 1, 10))
    everything = {shop.drill.pk, shop.bit.pk, shop.glove.pk}
    assert set(sums(world.user)) == everything
    assert set(sums(world.user, category_id=world.root.pk)) == everything  # the subtree
    assert set(sums(world.user, category_id=world.leaf.pk)) == {shop.drill.pk, shop.bit.pk}
    assert set(sums(world.user, brand_id=shop.glove.brand_id)) == {shop.glove.pk}
    assert set(sums(world.user, phrase="bit-")) == {shop.bit.pk}  # code
    assert set(sums(world.user, phrase="robocze")) == {shop.glove.pk}  # name
    assert set(sums(world.user, stock="local")) == {shop.drill.pk, shop.bit.pk}  # gloves: no stock
    assert sums(world.user, category_id=999999) == {}


def test_sorting(world, shop):
    make_order(world.company, [(shop.bit, 50), (shop.glove, 1)], placed_at=warsaw(2025, 1, 10, 10))
    make_order(world.company, [(shop.drill, 2)], placed_at=warsaw(2025, 3, 10, 10))

    def order(sort):
        return [pk for pk, _q, _t in bought_rows(world.user, RecentQuery(sort=sort))]

    assert order("last")[0] == shop.drill.pk
    assert order("quantity") == [shop.bit.pk, shop.drill.pk, shop.glove.pk]
    assert order("code") == [shop.bit.pk, shop.glove.pk, shop.drill.pk]  # BIT-8, GLV-1, WU-700


def test_page_items_carry_price_stock_and_the_last_order_line(world, shop):
    make_order(world.company, [(shop.drill, 1)], placed_at=warsaw(2025, 1, 10, 10))
    make_order(world.company, [(shop.drill, 2, "karton", 24)], placed_at=warsaw(2025, 3, 10, 10))
    page = recently_bought_page(world.user, RecentQuery())
    (item,) = page.items
    assert (item.quantity, item.last_quantity, item.last_unit) == (Decimal("25"), Decimal("2"), "karton")
    assert item.quote.unit_net == Decimal("100.00") and item.local_quantity == 30 and item.in_stock
    assert page.brands == [(shop.drill.brand_id, "Bosch")]
    assert [pk for pk, _name in page.categories] == [world.root.pk, world.leaf.pk]


def test_last_ordered_leaves_out_what_was_not_bought_or_is_not_visible(world, shop):
    make_order(world.company, [(shop.bit, 5), (shop.hidden, 1)], placed_at=warsaw(2024, 1, 10, 10))
    make_order(world.company, [(shop.bit, 2, "", 2)], placed_at=warsaw(2025, 2, 10, 10))
    make_order(shop.other_company, [(shop.glove, 9)], placed_at=warsaw(2025, 2, 10, 10))
    last = last_ordered(world.user, [shop.bit.pk, shop.hidden.pk, shop.glove.pk])
    assert {pk: line.quantity for pk, line in last.items()} == {shop.bit.pk: Decimal("2")}


def test_page_queries_do_not_grow_with_history(world, shop, django_assert_max_num_queries, make_user):
    from tests.catalog_factories import make_product

    products = [make_product(world.leaf, f"Produkt {n}", price="3.00", price_list=world.price_list, index=False) for n in range(60)]
    for month in range(1, 4):
        make_order(world.company, [(p, n + 1) for n, p in enumerate(products)], placed_at=warsaw(2025, month, 5, 10))
    recently_bought_page(world.user, RecentQuery())  # warm the cached settings
    with django_assert_max_num_queries(10):
        page = recently_bought_page(world.user, RecentQuery(per_page=50))
    assert page.total == 60 and len(page.items) == 50
