"""Stock as customers see it (S01, S08): own warehouses summed, suppliers with lead times, the
ERP's next delivery; inactive rows and warehouses left out."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from backoffice.catalog.models import Warehouse
from backoffice.inventory.availability import SupplierStock
from backoffice.inventory.selectors import stock_for_products
from tests.catalog_factories import make_product, set_stock

pytestmark = pytest.mark.django_db
D = Decimal


def warehouse(code, kind=Warehouse.Kind.LOCAL, lead=(None, None), **fields):
    return Warehouse.objects.create(erp_id=code, name=code, kind=kind, lead_time_days_min=lead[0], lead_time_days_max=lead[1], **fields)


def test_local_summed_suppliers_kept_apart_and_the_earliest_future_delivery(world, django_assert_num_queries):
    today = timezone.localdate()
    product = make_product(world.leaf, "Kabel", price="1", price_list=world.price_list)
    empty = make_product(world.leaf, "Pusty", price="1", price_list=world.price_list)
    set_stock(product, warehouse("L1"), "10.5", next_delivery=today + timedelta(days=9))
    set_stock(product, warehouse("L2"), "-3", next_delivery=today + timedelta(days=4))  # oversold: counts as none
    set_stock(product, warehouse("L3"), "2", next_delivery=today - timedelta(days=1))  # stale date
    set_stock(product, warehouse("OFF", is_active=False), "100")
    inactive_row = set_stock(product, warehouse("L4"), "100")
    inactive_row.is_active = False
    inactive_row.save()
    set_stock(product, warehouse("S1", Warehouse.Kind.SUPPLIER, (5, 9)), "40")
    set_stock(product, warehouse("S2", Warehouse.Kind.SUPPLIER, (1, 2)), "7")
    with django_assert_num_queries(1):
        stock = stock_for_products([product.pk, empty.pk], today=today)
    assert stock[product.pk].local_quantity == D("12.5")
    assert stock[product.pk].next_delivery == today + timedelta(days=4)
    assert sorted(stock[product.pk].suppliers, key=lambda s: s.lead_days_max) == [SupplierStock(D("7"), 1, 2), SupplierStock(D("40"), 5, 9)]
    assert stock[product.pk].supplier_quantity == D("47")
    assert stock[empty.pk].local_quantity == 0 and stock[empty.pk].suppliers == [] and stock[empty.pk].next_delivery is None


def test_supplier_groups_by_lead_time_fastest_first_unknown_last(world):
    product = make_product(world.leaf, "Kabel", price="1", price_list=world.price_list)
    for code, lead, quantity in (("A", (None, None), "1"), ("B", (3, 5), "2"), ("C", (3, 5), "3"), ("D", (None, 2), "4"), ("E", (1, 1), "0")):
        set_stock(product, warehouse(code, Warehouse.Kind.SUPPLIER, lead), quantity)
    groups = stock_for_products([product.pk])[product.pk].supplier_groups()
    assert groups == [SupplierStock(D("4"), None, 2), SupplierStock(D("5"), 3, 5), SupplierStock(D("1"), None, None)]
