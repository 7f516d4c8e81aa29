"""Category listing: filters, facets, sorting, pagination, prices and a constant query count."""
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backoffice.engagement.models import CustomerEvent
from backoffice.inventory.display import stock_display_changed
from backoffice.inventory.models import StockDisplaySettings
from backoffice.inventory.services import stock_range_set
from tests.catalog_factories import contract_price, make_category, make_product, set_stock

pytestmark = pytest.mark.django_db


def _html(client, category, **params):
    response = client.get(reverse("catalog:category", args=[category.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


def _order(html, products):
    positions = {p.sku: html.index(p.sku) for p in products if p.sku in html}
    return [sku for sku, _ in sorted(positions.items(), key=lambda item: item[1])]


@pytest.fixture
def assortment(world, warehouses):
    local, supplier = warehouses
    blue = make_product(world.leaf, "Wiertarka Alfa", sku="A-1", brand="Bosch", price="120", price_list=world.price_list,
                        attributes={"Kolor": "niebieski", "Moc": "750 W"})
    green = make_product(world.leaf, "Wiertarka Beta", sku="B-2", brand="Makita", price="80", price_list=world.price_list,
                         attributes={"Kolor": "zielony", "Moc": "750 W"})
    deep = make_category("Wiertarki stołowe", world.leaf)
    table = make_product(deep, "Wiertarka stołowa Gamma", sku="C-3", brand="Bosch", price="900", price_list=world.price_list,
                         attributes={"Kolor": "zielony", "Moc": "1000 W"})
    set_stock(blue, local, 12)
    set_stock(green, supplier, 40)
    return {"blue": blue, "green": green, "table": table}


def test_a_category_lists_its_whole_subtree_with_prices(shopper, world, assortment):
    html = _html(shopper, world.root)
    assert _order(html, assortment.values()) == ["A-1", "B-2", "C-3"]  # by name
    assert "120,00 PLN" in html and "147,60 PLN" in html  # net and gross (23% VAT), Polish number format
    assert "Wiertarki stołowe" in _html(shopper, world.leaf)  # subcategory navigation


def test_brand_attribute_and_stock_filters(shopper, world, assortment):
    assert _order(_html(shopper, world.root, brand=[assortment["blue"].brand_id]), assortment.values()) == ["A-1", "C-3"]
    assert set(_order(_html(shopper, world.root, a=["Kolor::zielony"]), assortment.values())) == {"B-2", "C-3"}
    # OR within one attribute, AND across attributes
    both = _html(shopper, world.root, a=["Kolor::zielony", "Kolor::niebieski", "Moc::750 W"])
    assert set(_order(both, assortment.values())) == {"A-1", "B-2"}
    assert _order(_html(shopper, world.root, stock="local"), assortment.values()) == ["A-1"]
    assert set(_order(_html(shopper, world.root, stock="any"), assortment.values())) == {"A-1", "B-2"}


def test_facets_show_counts(shopper, world, assortment):
    html = _html(shopper, world.root)
    assert 'value="Kolor::zielony"' in html and "zielony <span class=\"count\">(2)</span>" in html
    assert "Bosch <span class=\"count\">(2)</span>" in html


def test_price_filter_and_sorting_use_the_customers_price(shopper, world, assortment):
    contract_price(world.company, assortment["table"], "50.00")  # the contract beats the list price
    html = _html(shopper, world.root, sort="price_asc")
    assert _order(html, assortment.values()) == ["C-3", "B-2", "A-1"]
    assert _order(_html(shopper, world.root, sort="price_desc"), assortment.values()) == ["A-1", "B-2", "C-3"]
    assert _order(_html(shopper, world.root, price_min="60", price_max="100", sort="name"), assortment.values()) == ["B-2"]


def test_bad_parameters_are_ignored_with_a_message(shopper, world, assortment):
    html = _html(shopper, world.root, price_min="100", price_max="10", sort="drop table", per_page="7", page="x", brand="abc")
    assert set(_order(html, assortment.values())) == {"A-1", "B-2", "C-3"}
    assert "field-error" in html


def test_pagination(shopper, world):
    for i in range(30):
        make_product(world.leaf, f"Wiertło {i:02d}", sku=f"W-{i:02d}", price="1", price_list=world.price_list)
    first = _html(shopper, world.leaf, per_page=24)
    second = _html(shopper, world.leaf, per_page=24, page=2)
    assert "W-00" in first and "W-23" in first and "W-24" not in first
    assert "W-24" in second and "W-29" in second and "W-00" not in second
    assert "rel=\"prev\"" in second


def test_stock_shown_as_ranges_or_units(shopper, world, assortment):
    StockDisplaySettings.objects.create(pk=1, mode=StockDisplaySettings.Mode.UNITS)
    assert "12 szt" in _html(shopper, world.leaf)
    StockDisplaySettings.objects.filter(pk=1).update(mode=StockDisplaySettings.Mode.RANGES)
    stock_display_changed()
    for up_to, label in ((Decimal("10"), "mało"), (Decimal("100"), "dużo")):
        stock_range_set(up_to=up_to, labels={"pl": label})
    html = _html(shopper, world.leaf)
    assert "dużo" in html and "12 szt" not in html


def test_category_views_are_recorded(shopper, world):
    _html(shopper, world.leaf)
    assert CustomerEvent.objects.filter(kind=CustomerEvent.Kind.CATEGORY_VIEW, object_id=world.leaf.pk, company=world.company).count() == 1


@pytest.mark.parametrize(
    "url_name, params, bound",
    # search adds the customer's own codes and (PostgreSQL) which words are found as typed
    [("catalog:category", {}, 15), ("catalog:search", {"q": "produkt"}, 16)],
)
def test_listing_query_count_does_not_grow_with_products(shopper, world, warehouses, url_name, params, bound):
    """Bounded and equal for 3 and 40 products (the whole page of 96 shows them all)."""
    url = reverse(url_name, args=[world.leaf.pk]) if url_name == "catalog:category" else reverse(url_name)
    counts = []
    for size in (3, 40):
        for i in range(size):
            product = make_product(world.leaf, f"Produkt {size}-{i}", price="10", price_list=world.price_list, brand=f"Marka {i % 4}",
                                   attributes={"Kolor": f"k{i % 3}"})
            set_stock(product, warehouses[i % 2], i)
        shopper.get(url, params)  # warm the per-process caches (category tree, settings)
        with CaptureQueriesContext(connection) as ctx:
            assert shopper.get(url, {**params, "per_page": 96}).status_code == 200
        counts.append(len(ctx.captured_queries))
        assert len(ctx.captured_queries) <= bound, "\n".join(q["sql"][:200] for q in ctx.captured_queries)
    assert counts[0] == counts[1]


@pytest.mark.parametrize("language", ["pl", "en"])
def test_matched_ids_and_the_large_category_path_list_the_same(shopper, world, assortment, settings, monkeypatch, language):
    """Small categories are matched once (ids reused for count, facets and page); categories above
    MATERIALISE_MAX take the query-per-part path. Both give the same page, in both languages."""
    from backoffice.catalog import listing

    world.user.language = language
    world.user.save(update_fields=["language"])
    shopper.force_login(world.user)
    small = _html(shopper, world.root, sort="name")
    monkeypatch.setattr(listing, "MATERIALISE_MAX", 1)
    large = _html(shopper, world.root, sort="name")
    assert _order(small, assortment.values()) == _order(large, assortment.values()) == ["A-1", "B-2", "C-3"]
    assert "Bosch <span class=\"count\">(2)</span>" in small and "Bosch <span class=\"count\">(2)</span>" in large


def test_remembered_facets_follow_catalog_changes(shopper, world, assortment):
    """Facet counts are cached per matched set; an ERP sync (catalog_changed) drops them."""
    from backoffice.catalog.caches import catalog_changed

    assert "Bosch <span class=\"count\">(2)</span>" in _html(shopper, world.root)
    brand = assortment["blue"].brand
    brand.name = "Bosch Professional"
    brand.save()
    assert "Bosch <span class=\"count\">(2)</span>" in _html(shopper, world.root)  # same products, remembered counts
    catalog_changed()
    assert "Bosch Professional <span class=\"count\">(2)</span>" in _html(shopper, world.root)


def test_why_this_price_is_fetched_per_product_and_never_for_a_hidden_one(shopper, world, assortment, make_user):
    html = _html(shopper, world.root)
    assert reverse("catalog:price_rules", args=[assortment["blue"].pk]) in html
    assert 'class="price-rules"' not in html  # tiles do not render the rules up front
    contract_price(world.company, assortment["blue"], "99.00")
    rules = shopper.get(reverse("catalog:price_rules", args=[assortment["blue"].pk])).content.decode()
    assert 'class="price-rules"' in rules and "99,00 PLN" in rules
    hidden = make_product(world.leaf, "Cudza wiertarka", sku="X-9")
    contract_price(make_user().company, hidden, "10.00")  # priced for another customer only
    assert shopper.get(reverse("catalog:price_rules", args=[hidden.pk])).status_code == 404
