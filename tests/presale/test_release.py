"""S07: when the goods arrive in our own warehouse (an ERP sync, or staff close the offer), the
offer closes and its waiting orders are released: PLACED, stock reserved, handed to the ERP."""
from decimal import Decimal

import pytest

from backoffice.erp.models import SyncRun
from backoffice.inventory.models import PresaleOffer, Stock
from backoffice.orders.models import ErpHandoff, Order, OrderEvent, StockReservation
from backoffice.orders.presale_release import presale_offer_close, presale_release_arrived
from tests.catalog_factories import set_stock
from tests.erp.helpers import Packages
from tests.erp.packages import base_files

from .conftest import presale_order

pytestmark = pytest.mark.django_db
AWAITING, PLACED = Order.Status.AWAITING_STOCK, Order.Status.PLACED


def statuses(*orders):
    return [Order.objects.get(pk=o.pk).status for o in orders]


def test_nothing_happens_before_the_goods_arrive(world, novelty, offer, supplier):
    order = presale_order(world.company, novelty, 10)
    set_stock(novelty, supplier, 500)  # a supplier's stock is not ours: still pre-sale
    report = presale_release_arrived()
    assert report.closed == [] and report.released == []
    offer.refresh_from_db()
    assert offer.is_active and offer.closed_at is None
    assert statuses(order) == [AWAITING]


def test_stock_in_an_own_warehouse_closes_the_offer_and_releases_its_orders(world, novelty, offer, local, make_user):
    staff = make_user("admin")
    first = presale_order(world.company, novelty, 30, user=world.user)
    second = presale_order(world.company, novelty, 2, unit="karton", factor="12")
    cancelled = presale_order(world.company, novelty, 5, status=Order.Status.CANCELLED)
    set_stock(novelty, local, 40)

    report = presale_release_arrived(user=staff)

    offer.refresh_from_db()
    assert not offer.is_active and offer.closed_at is not None
    assert [o.pk for o in report.released] == [first.pk, second.pk]  # oldest first
    assert statuses(first, second, cancelled) == [PLACED, PLACED, Order.Status.CANCELLED]
    event = OrderEvent.objects.get(order=first, status_to=PLACED)
    assert event.status_from == AWAITING and event.user == staff
    assert ErpHandoff.objects.filter(order__in=[first, second]).count() == 2
    # What arrived is kept for these customers, oldest first, as much as there is (40 of 54).
    reserved = {r.order_id: r.quantity for r in StockReservation.objects.all()}
    assert reserved == {first.pk: Decimal("30"), second.pk: Decimal("10")}
    assert Stock.objects.get(product=novelty, warehouse=local).reserved == Decimal("40")
    assert set(first.lines.values_list("warehouse_id", flat=True)) == {local.pk}


def test_release_is_idempotent(world, novelty, offer, local):
    order = presale_order(world.company, novelty, 10)
    set_stock(novelty, local, 40)
    first = presale_release_arrived()
    closed_at = PresaleOffer.objects.get(pk=offer.pk).closed_at
    second = presale_release_arrived()
    assert len(first.released) == 1 and second.closed == [] and second.released == []
    assert presale_offer_close(offer=offer) == []
    assert PresaleOffer.objects.get(pk=offer.pk).closed_at == closed_at
    assert OrderEvent.objects.filter(order=order, status_to=PLACED).count() == 1
    assert ErpHandoff.objects.filter(order=order).count() == 1
    assert StockReservation.objects.filter(order=order).count() == 1


def test_staff_closing_an_offer_releases_its_orders_without_stock(world, novelty, offer):
    order = presale_order(world.company, novelty, 10)
    released = presale_offer_close(offer=offer)
    assert released == [order] and not offer.is_active
    assert statuses(order) == [PLACED]
    assert not StockReservation.objects.exists()  # nothing arrived: the ERP decides


def test_orders_left_waiting_on_a_closed_offer_are_released_by_the_next_run(world, novelty, offer):
    PresaleOffer.objects.filter(pk=offer.pk).update(is_active=False)  # closed, but its orders were not released
    order = presale_order(world.company, novelty, 10)
    report = presale_release_arrived()
    assert report.released == [order] and statuses(order) == [PLACED]


def test_other_pre_sale_products_keep_waiting(world, novelty, local):
    from tests.catalog_factories import make_product

    later = make_product(world.leaf, "Szlifierka 2028", price="90", price_list=world.price_list, index=False)
    PresaleOffer.objects.create(product=later, planned_delivery_date="2028-01-10", sellable_quantity=10)
    waiting = presale_order(world.company, later, 1)
    released = presale_order(world.company, novelty, 1)
    set_stock(novelty, local, 5)
    presale_release_arrived()
    assert statuses(released, waiting) == [PLACED, AWAITING]


def test_an_erp_sync_that_brings_stock_releases_the_orders(tmp_path, world):
    pkgs = Packages(tmp_path / "packages")
    files = base_files()
    assert pkgs.sync(files).status == SyncRun.Status.SUCCESS
    from backoffice.catalog.models import Product

    socket = Product.objects.get(erp_id="P2")  # no stock in the base package
    offer = PresaleOffer.objects.create(product=socket, planned_delivery_date="2027-02-01", sellable_quantity=50)
    order = presale_order(world.company, socket, 20)
    assert pkgs.sync(files).status == SyncRun.Status.SUCCESS  # still nothing in stock
    assert statuses(order) == [AWAITING]

    files["stock.jsonl"].append({"warehouse_erp_id": "MAG1", "product_erp_id": "P2", "quantity": "60"})
    assert pkgs.sync(files).status == SyncRun.Status.SUCCESS
    offer.refresh_from_db()
    assert not offer.is_active
    assert statuses(order) == [PLACED]
    assert ErpHandoff.objects.filter(order=order).exists()


def test_a_failing_release_does_not_fail_the_sync(tmp_path, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("backoffice.orders.presale_release.presale_release_arrived", broken)
    run = Packages(tmp_path / "packages").sync(base_files())
    assert run.status == SyncRun.Status.SUCCESS
