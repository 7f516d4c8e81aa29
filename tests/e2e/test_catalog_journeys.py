"""Catalog journeys in a real browser: browse the tree, filter and sort, search with a typo and
with the customer's own code through the header's suggestions, and stock shown as ranges."""
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from backoffice.accounts.models import User
from backoffice.catalog.models import CustomerProductCode, Warehouse
from backoffice.inventory.models import StockDisplaySettings
from backoffice.inventory.services import stock_range_set
from backoffice.pricing.models import PriceList
from tests.catalog_factories import make_category, make_product, set_stock

pytestmark = pytest.mark.e2e


@pytest.fixture
def shop(demo_data):
    customer = User.objects.get(email=demo_data["users"]["customer"])
    price_list = PriceList.objects.create(erp_id="PL-E2E", name="Cennik E2E", currency="PLN")
    customer.company.price_list = price_list
    customer.company.save()
    tools = make_category("Elektronarzędzia")
    drills = make_category("Wiertarki", tools)
    local = Warehouse.objects.create(erp_id="W-E2E", name="Magazyn", kind=Warehouse.Kind.LOCAL)
    products = {
        "bosch": make_product(drills, "Wiertarka udarowa Bosch", sku="BOS-1", brand="Bosch", price="300", price_list=price_list),
        "makita": make_product(drills, "Wiertarka udarowa Makita", sku="MAK-1", brand="Makita", price="250", price_list=price_list),
        "screw": make_product(drills, "Wkrętarka akumulatorowa", sku="MAK-2", brand="Makita", price="400", price_list=price_list),
    }
    set_stock(products["bosch"], local, 500)
    set_stock(products["makita"], local, 3)
    CustomerProductCode.objects.create(company=customer.company, product=products["screw"], code="NASZ-77")
    StockDisplaySettings.objects.create(pk=1, mode=StockDisplaySettings.Mode.RANGES)
    for up_to, label in ((Decimal("10"), "mało"), (Decimal("100"), "średnio"), (Decimal("100000"), "dużo")):
        stock_range_set(up_to=up_to, labels={"pl": label})
    return {"email": customer.email, "tools": tools, "drills": drills, **products}


def skus(page):
    return page.locator(".product-tile .tile-codes").all_inner_texts()


def test_browse_filter_and_sort(login, shop):
    page = login(shop["email"])
    page.get_by_role("link", name="Katalog").first.click()
    page.get_by_role("link", name="Elektronarzędzia").first.click()
    expect(page.locator("h1")).to_have_text("Elektronarzędzia")
    expect(page.locator(".product-tile")).to_have_count(3)
    page.locator(".subcategories").get_by_role("link", name="Wiertarki").click()
    expect(page.locator(".breadcrumbs")).to_contain_text("Elektronarzędzia")

    page.locator(".facet-option", has_text="Makita").locator("input").check()
    page.get_by_role("button", name="Filtruj").click()
    expect(page.locator(".product-tile")).to_have_count(2)
    expect(page.locator(".product-tile").first).to_contain_text("Makita")

    page.locator("select[name=sort]").select_option("price_asc")
    page.wait_for_url(re.compile(r"sort=price_asc"))
    codes = skus(page)
    assert "MAK-1" in codes[0] and "MAK-2" in codes[1]  # 250 before 400, the brand filter kept
    expect(page.locator(".product-tile").first).to_contain_text("250,00 PLN")

    # "Why this price?" is fetched when opened
    page.locator(".product-tile").first.locator("summary").click()
    expect(page.locator(".product-tile").first.locator(".price-rules li").first).to_be_visible()
    expect(page.locator(".product-tile").first.locator(".price-rules")).to_contain_text("250,00 PLN")


def test_stock_is_shown_as_ranges(login, shop):
    page = login(shop["email"])
    page.goto(f"/catalog/c/{shop['drills'].pk}/")
    expect(page.locator(".product-tile", has_text="BOS-1")).to_contain_text("dużo")
    expect(page.locator(".product-tile", has_text="MAK-1")).to_contain_text("mało")
    expect(page.locator(".product-tile", has_text="MAK-2")).to_contain_text("brak")  # out of stock, in Polish


def test_search_with_a_typo_through_the_suggestions(login, shop):
    page = login(shop["email"])
    box = page.locator("form.header-search input[name=q]")
    box.fill("wkretrka")
    suggestion = page.locator(".suggestions a", has_text="Wkrętarka akumulatorowa")
    expect(suggestion).to_be_visible()
    box.press("Enter")
    page.wait_for_url(re.compile(r"/catalog/search/"))
    expect(page.locator(".product-tile")).to_have_count(1)
    expect(page.locator(".product-tile")).to_contain_text("MAK-2")


def test_search_by_the_customers_own_code(login, shop):
    page = login(shop["email"])
    box = page.locator("form.header-search input[name=q]")
    box.fill("NASZ-77")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/catalog/search/"))
    expect(page.locator(".product-tile")).to_have_count(1)
    expect(page.locator(".product-tile")).to_contain_text("Wkrętarka akumulatorowa")
    expect(page.locator(".products")).not_to_contain_text("NASZ-77")  # the code finds, never shows
