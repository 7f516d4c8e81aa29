"""Order history selectors (F08, F09, L04): who sees which orders, filters with Warsaw day
boundaries, the detail with bundles grouped, customer-visible events and tracking links."""
from datetime import date

import pytest
from django.http import Http404

from backoffice.core.models import ModuleSwitch
from backoffice.core.modules import forget_cached_switches
from backoffice.orders.history import OrderFilters, order_detail_for, order_list_page, tracking_url
from backoffice.orders.models import Order, OrderEvent
from backoffice.orders.selectors import order_get_for_user
from backoffice.pricing.models import Bundle

from .conftest import add_shipment, add_status, make_order, warsaw

pytestmark = pytest.mark.django_db


def numbers(page):
    return [order.number or order.erp_number for order in page.orders]


def erp_mirror(enabled: bool):
    ModuleSwitch.objects.update_or_create(key="erp_order_history", defaults={"enabled": enabled})
    forget_cached_switches()


def test_the_list_shows_only_the_company_orders_newest_first(world, shop, make_user):
    make_order(world.company, [(shop.drill, 1)], number="A-1", placed_at=warsaw(2025, 1, 10, 12))
    make_order(world.company, [(shop.bit, 1)], number="A-2", placed_at=warsaw(2025, 2, 10, 12))
    make_order(shop.other_company, [(shop.others, 1)], number="X-1")
    colleague = make_user("employee", company=world.company)
    make_order(world.company, [(shop.bit, 2)], number="A-3", placed_by=colleague, placed_at=warsaw(2025, 3, 1, 8))

    page = order_list_page(world.user, OrderFilters())
    assert numbers(page) == ["A-3", "A-2", "A-1"]
    assert numbers(order_list_page(colleague, OrderFilters())) == ["A-3", "A-2", "A-1"]  # A10: employees see all


def test_day_filters_use_warsaw_midnight(world, shop):
    # 23:30 UTC on 1 March is 00:30 on 2 March in Warsaw (CET): it belongs to 2 March.
    make_order(world.company, [(shop.drill, 1)], number="LATE", placed_at=warsaw(2025, 3, 2, 0, 30))
    make_order(world.company, [(shop.drill, 1)], number="EARLY", placed_at=warsaw(2025, 3, 1, 23, 59))
    # Summer time: 00:10 on 1 July in Warsaw is 22:10 UTC on 30 June.
    make_order(world.company, [(shop.drill, 1)], number="SUMMER", placed_at=warsaw(2025, 7, 1, 0, 10))

    assert numbers(order_list_page(world.user, OrderFilters(date_from=date(2025, 3, 2), date_to=date(2025, 3, 2)))) == ["LATE"]
    assert numbers(order_list_page(world.user, OrderFilters(date_to=date(2025, 3, 1)))) == ["EARLY"]
    assert numbers(order_list_page(world.user, OrderFilters(date_from=date(2025, 7, 1)))) == ["SUMMER"]
    assert numbers(order_list_page(world.user, OrderFilters(date_to=date(2025, 6, 30)))) == ["LATE", "EARLY"]


def test_status_and_phrase_filters(world, shop):
    make_order(world.company, [(shop.drill, 1)], number="B2B/2025/000007", customer_reference="PO-77", status=Order.Status.SHIPPED)
    make_order(world.company, [(shop.bit, 1)], number="B2B/2025/000008", status=Order.Status.COMPLETED)
    make_order(shop.other_company, [(shop.drill, 1)], number="B2B/2025/000009", customer_reference="PO-77")

    assert numbers(order_list_page(world.user, OrderFilters(status=Order.Status.SHIPPED))) == ["B2B/2025/000007"]
    assert numbers(order_list_page(world.user, OrderFilters(phrase="po-77"))) == ["B2B/2025/000007"]
    assert numbers(order_list_page(world.user, OrderFilters(phrase="000008"))) == ["B2B/2025/000008"]
    assert numbers(order_list_page(world.user, OrderFilters(phrase="BIT-8"))) == ["B2B/2025/000008"]  # a product code
    assert numbers(order_list_page(world.user, OrderFilters(phrase="udarowa"))) == ["B2B/2025/000007"]  # a product name
    assert numbers(order_list_page(world.user, OrderFilters(phrase="nothing-like-this"))) == []


def test_pagination_is_clamped(world, shop):
    for n in range(5):
        make_order(world.company, [(shop.bit, 1)], number=f"P-{n}", placed_at=warsaw(2025, 1, n + 1, 12))
    page = order_list_page(world.user, OrderFilters(), page=9, per_page=2)
    assert (page.total, page.pages, page.page, numbers(page)) == (5, 3, 3, ["P-0"])


def test_erp_only_orders_need_the_erp_mirror_module(world, shop):
    make_order(world.company, [(shop.drill, 1)], number="WEB-1")
    erp = make_order(world.company, [(shop.bit, 1)], source=Order.Source.ERP, erp_id="ZK-1", erp_number="ZK 1/2025")
    erp_mirror(False)
    assert numbers(order_list_page(world.user, OrderFilters())) == ["WEB-1"]
    with pytest.raises(Http404):
        order_get_for_user(world.user, erp.pk)
    erp_mirror(True)
    assert set(numbers(order_list_page(world.user, OrderFilters()))) == {"WEB-1", "ZK 1/2025"}
    assert order_detail_for(world.user, erp.pk).display_number == "ZK 1/2025"


def test_another_company_order_is_a_404(world, shop, make_user):
    theirs = make_order(shop.other_company, [(shop.others, 1)])
    with pytest.raises(Http404):
        order_detail_for(world.user, theirs.pk)
    with pytest.raises(Http404):
        order_list_page(make_user("sales_rep"), OrderFilters())  # staff have no storefront history


def test_detail_groups_bundle_lines_and_shows_status_changes_only(world, shop):
    bundle = Bundle.objects.create(code="ZEST-1", name="Zestaw wiertarski")
    lines = [
        (shop.glove, 2),
        {"product": shop.drill, "sku": shop.drill.sku, "name": "Wiertarka", "quantity": 1, "base_quantity": 1, "bundle": bundle,
         "bundle_code": "ZEST-1", "line_net": 90, "line_gross": "110.70"},
        (shop.bit, 5),
        {"product": shop.bit, "sku": shop.bit.sku, "name": "Wiertło", "quantity": 3, "base_quantity": 3, "bundle": bundle,
         "bundle_code": "ZEST-1", "line_net": 20, "line_gross": "24.60"},
    ]
    order = make_order(world.company, lines, status=Order.Status.SHIPPED)
    add_status(order, Order.Status.ACCEPTED)
    add_status(order, Order.Status.SHIPPED)
    OrderEvent.objects.create(order=order, kind=OrderEvent.Kind.NOTE, message="staff only: customer is late with payments")
    OrderEvent.objects.create(order=order, kind=OrderEvent.Kind.HANDOFF, message="ERP timeout")

    detail = order_detail_for(world.user, order.pk)
    shape = [(g.bundle_code, [line.sku for line in g.lines]) for g in detail.groups]
    assert shape == [("", ["GLV-1"]), ("ZEST-1", ["WU-700", "BIT-8"]), ("", ["BIT-8"])]
    bundle_group = detail.groups[1]
    assert bundle_group.bundle_name == "Zestaw wiertarski" and bundle_group.net == 110
    assert [e.status for e in detail.events] == ["", "accepted", "shipped"]  # "" = the order date (no "placed" event)
    assert detail.linkable_product_ids == {shop.glove.pk, shop.drill.pk, shop.bit.pk}


def test_a_placed_event_is_not_repeated(world, shop):
    order = make_order(world.company, [(shop.drill, 1)], status=Order.Status.ACCEPTED)
    add_status(order, Order.Status.PLACED)
    add_status(order, Order.Status.ACCEPTED)
    assert [e.status for e in order_detail_for(world.user, order.pk).events] == ["placed", "accepted"]


def test_products_no_longer_visible_are_not_linked(world, shop):
    order = make_order(world.company, [(shop.drill, 1), (shop.hidden, 1)])
    detail = order_detail_for(world.user, order.pk)
    assert detail.linkable_product_ids == {shop.drill.pk}


def test_tracking_links_only_for_known_carriers_and_encoded():
    assert tracking_url("InPost", "6800 1234") == "https://inpost.pl/sledzenie-przesylek?number=6800%201234"
    assert tracking_url("DPD Polska", "0000123") == "https://tracktrace.dpd.com.pl/parcelDetails?typ=1&p1=0000123"
    assert tracking_url("dhl", "x&y=1#z").endswith("tracking-id=x%26y%3D1%23z")
    assert tracking_url("Kurier Zenek", "123") == ""
    assert tracking_url("DHLX", "123") == ""  # a name merely starting with a known one is not it
    assert tracking_url("InPost", "  ") == ""


def test_detail_lists_shipments_with_tracking(world, shop):
    order = make_order(world.company, [(shop.drill, 1)], status=Order.Status.SHIPPED)
    add_shipment(order, "6800123", "InPost", warsaw(2025, 5, 5, 10))
    add_shipment(order, "ABC-1", "Transport własny", warsaw(2025, 5, 6, 10))
    detail = order_detail_for(world.user, order.pk)
    assert [(s.tracking_number, bool(s.tracking_url)) for s in detail.shipments] == [("6800123", True), ("ABC-1", False)]


def test_detail_queries_do_not_grow_with_lines(world, shop, django_assert_max_num_queries):
    small = make_order(world.company, [(shop.drill, 1)])
    big = make_order(world.company, [(shop.drill, n + 1) for n in range(30)] + [(shop.bit, 2)] * 30)
    for n in range(5):
        add_status(big, Order.Status.ACCEPTED)
        add_shipment(big, f"T{n}", "DPD")
    order_detail_for(world.user, small.pk)  # warm caches (category tree, module switches)
    with django_assert_max_num_queries(5):
        order_detail_for(world.user, big.pk)
