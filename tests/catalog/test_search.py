"""Search (C07, C09): diacritics, typos, codes, the customer's own codes, synonyms, and the
search events the zero-result report is built from (C08/R08)."""
import re

import pytest
from django.urls import reverse

from backoffice.catalog.models import CustomerProductCode, SearchSynonym
from backoffice.catalog.search.synonyms import search_synonyms_changed
from backoffice.core.roles import Role
from backoffice.engagement.models import CustomerEvent
from tests.catalog_factories import make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def drills(world):
    def product(name, **kwargs):
        return make_product(world.leaf, name, price="100", price_list=world.price_list, **kwargs)

    return {
        "impact": product("Wiertarka udarowa 750W", sku="BOS-000101", ean="5901234123457", brand="Bosch", name_en="Impact drill 750W"),
        "screwdriver": product("Wkrętarka akumulatorowa 18V", sku="MAK-000202", brand="Makita", name_en="Cordless screwdriver 18V"),
        "grinder": product("Szlifierka kątowa 125 mm", sku="DEW-000303", brand="DeWalt"),
    }


def _found(client, phrase):
    html = client.get(reverse("catalog:search"), {"q": phrase}).content.decode()
    return html


def _skus(html, drills):
    return {key for key, product in drills.items() if product.sku in html}


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("wkrętarka", {"screwdriver"}),
        ("wkretarka", {"screwdriver"}),  # without Polish diacritics
        ("WKRĘTARKA 18v", {"screwdriver"}),
        ("szlifierka katowa", {"grinder"}),
        ("BOS-000101", {"impact"}),  # SKU as printed
        ("bos000101", {"impact"}),  # SKU without the dash
        ("5901234123457", {"impact"}),  # EAN
        ("makita", {"screwdriver"}),  # brand
        ("impact drill", {"impact"}),  # the English name works in a Polish session too
        ("wiertarka kątowa", set()),  # every word must match
    ],
)
def test_search_finds_what_buyers_mean(shopper, drills, phrase, expected):
    assert _skus(_found(shopper, phrase), drills) == expected


def _first_result(html, drills):
    first = re.search(r'data-product="(\d+)"', html)
    return next((key for key, product in drills.items() if first and product.pk == int(first.group(1))), None)


@pytest.mark.parametrize("phrase, expected", [("wietarka", "impact"), ("wiertraka udarowa", "impact"), ("szlifjerka", "grinder")])
def test_small_typos_are_forgiven_and_the_meant_product_comes_first(shopper, drills, phrase, expected):
    assert _first_result(_found(shopper, phrase), drills) == expected


def test_own_product_code_finds_the_product_but_is_never_shown(shopper, world, drills, make_user):
    CustomerProductCode.objects.create(company=world.company, product=drills["grinder"], code="NASZ-KOD-77")
    html = _found(shopper, "NASZ-KOD-77")
    assert drills["grinder"].sku in html
    results = html[html.index('<ul class="products'):]
    results = results[:results.index("</ul>")]
    assert "NASZ-KOD-77" not in results  # found by the code, but the code is not displayed
    card = shopper.get(reverse("catalog:product", args=[drills["grinder"].pk])).content.decode()
    assert "NASZ-KOD-77" not in card


def test_another_customers_code_finds_nothing(shopper, drills, make_user):
    other = make_user(Role.CUSTOMER)
    CustomerProductCode.objects.create(company=other.company, product=drills["grinder"], code="OBCY-KOD-1")
    assert _skus(_found(shopper, "OBCY-KOD-1"), drills) == set()


def test_synonyms_rewrite_the_phrase(shopper, drills):
    assert _skus(_found(shopper, "flex"), drills) == set()
    SearchSynonym.objects.create(phrase="flex", replacement="szlifierka kątowa")
    search_synonyms_changed()
    html = _found(shopper, "flex")
    assert _skus(html, drills) == {"grinder"}
    assert "szlifierka katowa" in html  # "showing results for ..."


def test_inactive_synonym_is_ignored(shopper, drills):
    SearchSynonym.objects.create(phrase="flex", replacement="szlifierka", is_active=False)
    search_synonyms_changed()
    assert _skus(_found(shopper, "flex"), drills) == set()


def test_every_search_is_recorded_with_its_result_count(shopper, world, drills):
    _found(shopper, "wkretarka")
    _found(shopper, "odkurzacz przemysłowy")
    shopper.get(reverse("catalog:search"), {"q": "wkretarka", "page": 2})  # paging is not a new search
    events = list(CustomerEvent.objects.filter(kind=CustomerEvent.Kind.SEARCH).order_by("pk").values_list("phrase", "result_count", "company_id"))
    assert events == [("wkretarka", 1, world.company.pk), ("odkurzacz przemysłowy", 0, world.company.pk)]


def test_empty_or_huge_phrases_do_not_fail(shopper, drills):
    assert shopper.get(reverse("catalog:search")).status_code == 200
    assert shopper.get(reverse("catalog:search"), {"q": "   "}).status_code == 200
    assert shopper.get(reverse("catalog:search"), {"q": "x" * 5000 + " %_'\""}).status_code == 200


def test_suggestions_offer_products_and_categories(shopper, world, drills):
    data = shopper.get(reverse("catalog:suggest"), {"q": "wiert"}).json()
    assert [item["sku"] for item in data["products"]] == [drills["impact"].sku]
    assert data["products"][0]["url"] == reverse("catalog:product", args=[drills["impact"].pk])
    assert [c["label"] for c in data["categories"]] == ["Elektronarzędzia › Wiertarki"]
    assert shopper.get(reverse("catalog:suggest"), {"q": "w"}).json() == {"products": [], "categories": [], "search_url": reverse("catalog:search")}


def test_suggestions_are_translated(shopper, drills):
    shopper.cookies["b2b_language"] = "en"
    data = shopper.get(reverse("catalog:suggest"), {"q": "wkretarka"}).json()
    assert data["products"][0]["label"] == "Cordless screwdriver 18V"


def test_synonyms_need_the_search_tools_module(shopper, drills):
    from backoffice.core.models import ModuleSwitch
    from backoffice.core.modules import forget_cached_switches

    SearchSynonym.objects.create(phrase="flex", replacement="szlifierka kątowa")
    search_synonyms_changed()
    ModuleSwitch.objects.update_or_create(key="search_tools", defaults={"enabled": False})
    forget_cached_switches()
    assert _skus(_found(shopper, "flex"), drills) == set()


def test_words_found_as_typed_rank_names_starting_with_them_first(shopper, world):
    def product(name, sku):
        return make_product(world.leaf, name, sku=sku, price="100", price_list=world.price_list)

    inside = product("Akcesoria: zestawszlifierka 5 el.", "R-3")
    word = product("Mała szlifierka", "R-2")
    start = product("Szlifierka kątowa", "R-1")
    html = _found(shopper, "szlifierka")
    positions = [html.index(f'data-product="{p.pk}"') for p in (start, word, inside)]
    assert positions == sorted(positions)  # starts with it, then as a whole word, then inside a word
