"""`manage.py load_demo_orders` (run by `make run` after the demo catalog) is idempotent and gives
the demo customer a believable history: statuses, parcels, a rep's order, ERP-only orders."""
import pytest
from django.core.management import call_command

from backoffice.orders.history import OrderFilters, order_list_page
from backoffice.orders.models import Order, OrderEvent, OrderLine, OrderShipment
from backoffice.orders.recently_bought import RecentQuery, recently_bought_page
from tests.catalog_factories import make_product

pytestmark = pytest.mark.django_db


def test_demo_orders_load_twice_without_duplicates(world, make_user, settings):
    settings.DEBUG = True
    world.company.erp_id = "K-0001"
    world.company.street, world.company.city = "ul. Przemysłowa 12", "Warszawa"
    world.company.save()
    world.user.email = "customer@demo.b2b.pl"
    world.user.save()
    make_user("employee", company=world.company, email="employee@demo.b2b.pl")
    make_user("sales_rep", email="rep@demo.b2b.pl")
    for n in range(30):
        make_product(world.leaf, f"Produkt {n}", price=f"{n + 1}.00", price_list=world.price_list, index=False)

    call_command("load_demo_orders")
    counts = (Order.objects.count(), OrderLine.objects.count(), OrderEvent.objects.count(), OrderShipment.objects.count())
    call_command("load_demo_orders")
    assert (Order.objects.count(), OrderLine.objects.count(), OrderEvent.objects.count(), OrderShipment.objects.count()) == counts

    orders = Order.objects.filter(company=world.company)
    assert orders.count() == 28 and orders.filter(source=Order.Source.ERP).count() == 2
    assert {Order.Status.COMPLETED, Order.Status.SHIPPED, Order.Status.CANCELLED, Order.Status.PLACED} <= set(orders.values_list("status", flat=True))
    assert orders.exclude(acting_rep=None).exists() and OrderShipment.objects.filter(carrier="InPost").exists()
    assert all(order.gross > order.net > 0 for order in orders)
    assert order_list_page(world.user, OrderFilters()).total == 28
    assert recently_bought_page(world.user, RecentQuery(months=24)).total > 10


def test_demo_orders_need_the_demo_customer(db, settings):
    settings.DEBUG = True
    call_command("load_demo_orders")
    assert not Order.objects.exists()
