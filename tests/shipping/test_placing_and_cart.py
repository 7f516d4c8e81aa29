"""The courier's cost on a placed order (order_place) and the cart page's delivery box."""
from decimal import Decimal as D

import pytest

from backoffice.catalog.models import Product
from backoffice.catalog.selectors import catalog_access_for
from backoffice.inventory.models import Stock
from backoffice.orders.cart import CartItem, cart_add_many
from backoffice.orders.models import CartLine
from backoffice.shipping.models import ShippingProductOverride
from tests.checkout.conftest import fill, place

from .conftest import set_shipping_data

pytestmark = pytest.mark.django_db
CART = "/cart/"


@pytest.fixture
def weighed(shop):
    set_shipping_data(shop.drill, weight_kg="2.5", length_cm="40", units_per_pallet=40)
    set_shipping_data(shop.bit, weight_kg="0.1", length_cm="15")
    return shop


def test_placed_order_carries_the_shipping_cost_and_its_vat(rates, weighed, cart, world):
    fill(cart, world.user, (weighed.drill, "2"), (weighed.bit, "3"))  # 230.00 net + 52.90 VAT
    order = place(cart, world.user, weighed, delivery_method="courier")
    assert order.shipping_net == D("25.00") and order.charges_vat_rate == D("23")
    assert order.net == D("255.00") and order.vat == D("58.65") and order.gross == D("313.65")
    assert order.charges[0]["kind"] == "shipping" and order.charges[0]["net"] == "25.00"


def test_placed_order_is_free_at_the_logistic_minimum_but_pays_oversize(rates, weighed, cart, world):
    world.company.logistic_minimum = D("230.00")
    world.company.save(update_fields=["logistic_minimum"])
    ShippingProductOverride.objects.create(product=weighed.bit, is_oversize=True)
    fill(cart, world.user, (weighed.drill, "2"), (weighed.bit, "3"))
    order = place(cart, world.user, weighed, delivery_method="courier")
    assert order.shipping_net == D("105.00")  # 3 oversize bits x 35.00, the parcel itself is free
    assert order.net == D("335.00")


def test_placing_is_refused_when_the_courier_does_not_serve_the_address(rates, weighed, cart, world):
    from django.core.exceptions import ValidationError

    weighed.address.country = "US"
    weighed.address.save(update_fields=["country"])
    fill(cart, world.user, (weighed.drill, "1"))
    with pytest.raises(ValidationError) as error:
        place(cart, world.user, weighed, delivery_method="courier")
    assert "delivery_method" in error.value.error_dict


def test_cart_box_shows_estimate_free_hint_and_pallets(rates, weighed, cart, world, shopper):
    world.company.logistic_minimum = D("400.00")
    world.company.save(update_fields=["logistic_minimum"])
    fill(cart, world.user, (weighed.drill, "2"), (weighed.bit, "3"))
    response = shopper.get(CART)
    box = response.context["shipping"]
    assert box["quote"].total_net == D("25.00") and box["country"] == "PL"
    assert box["quote"].missing_for_free == D("170.00") and "170,00 PLN" in box["hint"]
    assert box["pallet_percent"] == "5,0 %" and box["pallets"] == 1 and box["without_pallet_data"] == 1
    html = response.content.decode()
    assert 'class="panel cart-shipping"' in html and 'data-offered="1"' in html and "170,00 PLN" in html
    assert 'class="no-pallet-data"' in html and 'data-pallets="1"' in html


def test_cart_box_says_free_and_not_offered(rates, weighed, cart, world, shopper):
    world.company.logistic_minimum = D("10.00")
    world.company.save(update_fields=["logistic_minimum"])
    fill(cart, world.user, (weighed.drill, "1"))
    assert 'data-free="1"' in shopper.get(CART).content.decode()
    weighed.address.country = "US"
    weighed.address.save(update_fields=["country"])
    html = shopper.get(CART).content.decode()
    assert 'data-offered="0"' in html and 'class="shipping-not-offered"' in html


def test_cart_page_queries_do_not_grow_with_shipping_configured(rates, weighed, cart, world, shopper, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.catalog_factories import make_product

    products = [make_product(world.leaf, f"Produkt {i}", price="2.00", price_list=world.price_list, index=False) for i in range(60)]
    Product.objects.filter(pk__in=[p.pk for p in products[::2]]).update(weight_kg=D("1.5"), units_per_pallet=200, length_cm=D("30"))
    ShippingProductOverride.objects.bulk_create([ShippingProductOverride(product=p, is_oversize=True) for p in products[::5]])
    Stock.objects.bulk_create([Stock(warehouse=weighed.local, product=p, quantity=D("100")) for p in products])
    world.user.__dict__.pop("_catalog_access", None)
    access = catalog_access_for(world.user)
    counts = []
    for n in (5, 60):
        CartLine.objects.all().delete()
        cart_add_many(cart=cart, access=access, items=[CartItem(p.pk, D("2")) for p in products[:n]])
        shopper.get(CART)  # warm the caches
        # the cart page's 17 + the first delivery address (the configuration and overrides are cached)
        with django_assert_max_num_queries(18), CaptureQueriesContext(connection) as ctx:
            response = shopper.get(CART)
        assert response.context["shipping"]["quote"].offered
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
