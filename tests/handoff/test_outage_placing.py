"""The outage journey through real order placement (orders/placing.py order_place): the ERP is down
while customers keep checking out (split and ship-complete carts, S03/S04), then it returns and
the sweeper delivers every document exactly once."""
import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from backoffice.accounts.models import Address
from backoffice.catalog.selectors import catalog_access_for
from backoffice.orders.calendar import add_working_days
from backoffice.orders.cart import CartItem, cart_add_many, cart_for
from backoffice.orders.checkout import CheckoutData
from backoffice.orders.handoff_delivery import handoffs_sweep
from backoffice.orders.models import ErpHandoff, Order, OrderEvent
from backoffice.orders.placing import order_place
from tests.catalog_factories import make_category, make_product, set_stock
from tests.handoff.helpers import make_warehouses

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)


def make_all_due():
    ErpHandoff.objects.exclude(status=ErpHandoff.Status.SENT).update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def place(world, address, items, **choices):
    cart = cart_for(user=world.user, company=world.company)
    world.user.__dict__.pop("_catalog_access", None)
    report = cart_add_many(cart=cart, access=catalog_access_for(world.user), items=[CartItem(p.pk, Decimal(q)) for p, q in items])
    assert not report.rejected, report.rejected
    checkout = CheckoutData(delivery_address=str(address.pk), requested_delivery_date=add_working_days(TODAY, 3), payment_method="cod", **choices)
    return order_place(cart=cart, placed_by=world.user, checkout=checkout, idempotency_key=uuid.uuid4().hex, today=TODAY)


def test_outage_through_order_placement(world, fake_erp, django_capture_on_commit_callbacks):
    warehouses = make_warehouses()
    tools = make_category("Narzędzia", warehouse=warehouses["MAG1"])
    cables = make_category("Kable", warehouse=warehouses["MAG2"])
    drill = make_product(tools, "Wiertarka", sku="WU-9", price="100.00", price_list=world.price_list, index=False)
    cable = make_product(cables, "Przewód", sku="YDY-9", price="2.00", price_list=world.price_list, index=False)
    set_stock(drill, warehouses["MAG1"], 5)
    set_stock(drill, warehouses["DOST"], 100)
    set_stock(cable, warehouses["MAG2"], 1000)
    address = Address.objects.create(company=world.company, name="Budowa", street="ul. Nowa 1", postal_code="90-001", city="Łódź")

    fake_erp.down = True
    orders = []
    for n in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            # 3 drills: the 1st order takes local stock, later ones need the supplier (S03)
            orders.append(place(world, address, [(drill, "3"), (cable, "50")], shipping_preference=Order.ShippingPreference.SPLIT))
        make_all_due()  # an hour passes
        handoffs_sweep()
    assert fake_erp.documents == [] and all(o.status == Order.Status.PLACED for o in orders)
    parts = {o.number: sorted(h.warehouse.erp_id for h in o.handoffs.all()) for o in orders}
    assert parts[orders[0].number] == ["MAG1", "MAG2"]  # all from own stock
    assert all("DOST" in warehouses_of for warehouses_of in list(parts.values())[2:])  # supplier part split off

    fake_erp.down = False
    make_all_due()
    handoffs_sweep()
    handoffs_sweep()
    sent = sorted(d["platform_id"] for d in fake_erp.documents)
    assert sent == sorted(h.document["platform_id"] for h in ErpHandoff.objects.all())
    assert len(sent) == len(set(sent)) == sum(len(p) for p in parts.values())
    for order in orders:
        order.refresh_from_db()
        assert order.status == Order.Status.SENT
        assert order.events.filter(kind=OrderEvent.Kind.HANDOFF, message__contains="failed").exists()
    assert set(ErpHandoff.objects.values_list("status", flat=True)) == {ErpHandoff.Status.SENT}
