"""S07 on the product card: the planned delivery date and what is left to sell replace the stock
figures; related-product tiles carry a "pre-sale" badge."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from backoffice.catalog.models import ProductLink
from backoffice.core.models import ModuleSwitch
from backoffice.core.modules import forget_cached_switches
from tests.catalog_factories import make_product

from .conftest import presale_order

pytestmark = pytest.mark.django_db


def card(client, product) -> str:
    response = client.get(f"/catalog/p/{product.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_card_shows_the_planned_date_and_what_is_left(shopper, world, novelty):
    presale_order(world.company, novelty, 37.5)
    html = card(shopper, novelty)
    assert 'class="panel product-presale"' in html
    assert "15 marca 2027" in html  # the date in the customer's language
    assert '<dd class="presale-remaining">62,5 szt</dd>' in html
    assert 'class="panel product-stock"' not in html  # no stock ranges for goods not here yet


def test_sold_out_pre_sale(shopper, world, novelty):
    presale_order(world.company, novelty, 100)
    with translation.override("pl"):
        sold_out = gettext("sold out")
    assert f'<dd class="presale-remaining">{sold_out}</dd>' in card(shopper, novelty)


def test_an_ordinary_product_shows_its_stock(shopper, world):
    drill = make_product(world.leaf, "Wiertarka", price="10", price_list=world.price_list, index=False)
    html = card(shopper, drill)
    assert 'class="panel product-stock"' in html and "product-presale" not in html


def test_closed_offer_or_module_off_means_an_ordinary_card(shopper, world, novelty, offer):
    ModuleSwitch.objects.update_or_create(key="presale", defaults={"enabled": False})
    forget_cached_switches()
    assert "product-presale" not in card(shopper, novelty)
    ModuleSwitch.objects.filter(key="presale").delete()
    forget_cached_switches()
    offer.is_active = False
    offer.save()
    assert "product-presale" not in card(shopper, novelty)


def test_related_tiles_show_a_pre_sale_badge(shopper, world, novelty):
    drill = make_product(world.leaf, "Wiertarka", price="10", price_list=world.price_list, index=False)
    plain = make_product(world.leaf, "Wiertło", price="1", price_list=world.price_list, index=False)
    ProductLink.objects.create(product=drill, linked=novelty)
    ProductLink.objects.create(product=drill, linked=plain)
    html = card(shopper, drill)
    assert html.count('class="related-product"') == 2
    assert html.count("presale-badge") == 1


def test_pre_sale_costs_one_query_for_all_tiles_plus_one_for_the_sold_quantity(shopper, world, novelty):
    drill = make_product(world.leaf, "Wiertarka", price="10", price_list=world.price_list, index=False)
    ProductLink.objects.create(product=drill, linked=novelty)
    card(shopper, drill), card(shopper, novelty)  # warm caches

    def count(product):
        with CaptureQueriesContext(connection) as queries:
            card(shopper, product)
        return [q["sql"] for q in queries if "inventory_presaleoffer" in q["sql"] or "orders_orderline" in q["sql"]]

    assert len(count(drill)) == 1  # the offers of the product and its tiles together
    assert len(count(novelty)) == 2  # + what has been sold
