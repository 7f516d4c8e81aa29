"""C03/C04/A03: what a customer may see is decided in one selector and holds on every entry point
(category listing, search, suggestions, product card URL)."""
import pytest
from django.urls import reverse

from backoffice.catalog.models import CategoryAccess
from backoffice.catalog.tree import category_tree_changed
from backoffice.pricing.models import PriceList
from backoffice.core.roles import Role
from tests.catalog_factories import contract_price, make_category, make_product

pytestmark = pytest.mark.django_db


def _everywhere(client, product, category, phrase):
    """Where the product shows up for the logged-in client."""
    listing = client.get(reverse("catalog:category", args=[category.pk])).content.decode()
    search = client.get(reverse("catalog:search"), {"q": phrase}).content.decode()
    suggest = client.get(reverse("catalog:suggest"), {"q": phrase}).json()
    card = client.get(reverse("catalog:product", args=[product.pk]))
    return {
        "listing": product.sku in listing,
        "search": product.sku in search,
        "suggest": any(item["sku"] == product.sku for item in suggest["products"]),
        "card": card.status_code == 200,
    }


def test_products_without_a_price_for_the_customer_never_appear(shopper, world):
    priced = make_product(world.leaf, "Wiertarka udarowa Alfa", price="100", price_list=world.price_list)
    unpriced = make_product(world.leaf, "Wiertarka udarowa Beta")
    other_list = PriceList.objects.create(erp_id="PL-OTHER", name="Inny", currency="PLN")
    elsewhere = make_product(world.leaf, "Wiertarka udarowa Gamma", price="90", price_list=other_list)

    assert set(_everywhere(shopper, priced, world.leaf, "wiertarka").values()) == {True}
    for hidden in (unpriced, elsewhere):
        assert set(_everywhere(shopper, hidden, world.leaf, "wiertarka").values()) == {False}
    assert shopper.get(reverse("catalog:product", args=[unpriced.pk])).status_code == 404


def test_a_contract_price_makes_a_product_visible_only_to_its_customer(shopper, world, make_user):
    product = make_product(world.leaf, "Szlifierka kątowa", sku="SZL-1")
    other = make_user(Role.CUSTOMER)
    contract_price(other.company, product, "55.00")
    assert _everywhere(shopper, product, world.leaf, "szlifierka")["card"] is False
    contract_price(world.company, product, "50.00")
    assert set(_everywhere(shopper, product, world.leaf, "szlifierka").values()) == {True}


def test_inactive_price_list_or_other_currency_hides_list_prices(shopper, world):
    product = make_product(world.leaf, "Młotowiertarka", price="300", price_list=world.price_list)
    PriceList.objects.filter(pk=world.price_list.pk).update(currency="EUR")
    assert shopper.get(reverse("catalog:product", args=[product.pk])).status_code == 404


def test_restricted_category_is_hidden_with_its_subtree_until_assigned(shopper, world):
    restricted = make_category("Oferta specjalna", world.root, restricted=True)
    below = make_category("Wyprzedaż", restricted)
    product = make_product(below, "Wiertarka wyprzedażowa", price="10", price_list=world.price_list)

    assert shopper.get(reverse("catalog:category", args=[restricted.pk])).status_code == 404
    assert shopper.get(reverse("catalog:category", args=[below.pk])).status_code == 404
    assert "Oferta specjalna" not in shopper.get(reverse("catalog:category", args=[world.root.pk])).content.decode()
    assert "Oferta specjalna" not in shopper.get(reverse("catalog:index")).content.decode()
    assert set(_everywhere(shopper, product, world.root, "wyprzedazowa").values()) == {False}
    assert shopper.get(reverse("catalog:suggest"), {"q": "oferta"}).json()["categories"] == []

    CategoryAccess.objects.create(company=world.company, category=restricted)
    category_tree_changed()
    shopper.logout()
    shopper.force_login(world.user)
    assert set(_everywhere(shopper, product, below, "wyprzedazowa").values()) == {True}
    assert "Oferta specjalna" in shopper.get(reverse("catalog:category", args=[world.root.pk])).content.decode()


def test_inactive_products_and_categories_are_hidden(shopper, world):
    product = make_product(world.leaf, "Wkrętarka stara", price="10", price_list=world.price_list, is_active=False)
    assert set(_everywhere(shopper, product, world.leaf, "wkretarka").values()) == {False}
    live = make_product(world.leaf, "Wkrętarka nowa", price="10", price_list=world.price_list)
    world.leaf.is_active = False
    world.leaf.save()
    category_tree_changed()
    assert shopper.get(reverse("catalog:category", args=[world.leaf.pk])).status_code == 404
    assert _everywhere(shopper, live, world.root, "wkretarka") == {"listing": False, "search": False, "suggest": False, "card": False}


def test_end_customer_sees_what_the_distributor_prices_cover(client, world, make_user):
    product = make_product(world.leaf, "Klucz płaski 13", price="20", price_list=world.price_list)
    distributor = make_user(Role.DISTRIBUTOR)
    distributor.company.price_list = world.price_list
    distributor.company.save()
    end_customer = make_user(Role.END_CUSTOMER)
    end_customer.company.distributor = distributor.company
    end_customer.company.save()
    client.force_login(end_customer)
    assert client.get(reverse("catalog:product", args=[product.pk])).status_code == 200


@pytest.mark.parametrize("role", [Role.ADMIN, Role.SALES_REP, Role.APPLICANT])
def test_catalog_pages_are_for_buyers_only(client, world, make_user, role):
    product = make_product(world.leaf, "Wiertarka", price="100", price_list=world.price_list)
    client.force_login(make_user(role))
    for url in (reverse("catalog:index"), reverse("catalog:category", args=[world.leaf.pk]), reverse("catalog:product", args=[product.pk])):
        assert client.get(url).status_code in (404, 302)
