"""Shopping lists (R03) in the browser: a customer puts a product on a new list from the product
card, adds a second product on the list page, and moves the list into the cart; a product taken
out of the offer meanwhile stays on the list but is skipped, with a note."""
import re

import pytest
from playwright.sync_api import expect

from backoffice.accounts.models import User
from backoffice.core.roles import Role
from backoffice.orders.models import ShoppingList
from backoffice.pricing.models import PriceList
from tests.catalog_factories import make_category, make_product

pytestmark = pytest.mark.e2e


@pytest.fixture
def goods(demo_data):
    customer = User.objects.get(email=demo_data["users"][Role.CUSTOMER])
    price_list = PriceList.objects.create(erp_id="PL-E2E-LISTS", name="Cennik E2E", currency=customer.company.currency)
    customer.company.price_list = price_list
    customer.company.save(update_fields=["price_list"])
    leaf = make_category("Wkrętarki", make_category("Elektronarzędzia"))
    driver = make_product(leaf, "Wkrętarka listowa E2E", sku="E2E-LIST-1", price="300.00", price_list=price_list)
    bits = make_product(leaf, "Bity listowe E2E", sku="E2E-LIST-2", price="20.00", price_list=price_list)
    gone = make_product(leaf, "Wycofany produkt E2E", sku="E2E-LIST-3", price="5.00", price_list=price_list)
    return driver, bits, gone


def test_list_from_the_card_then_into_the_cart(login, demo_data, goods):
    driver, bits, gone = goods
    page = login(demo_data["users"][Role.CUSTOMER])

    # 1. On the product card: "Add to a shopping list" -> a new list
    page.goto(f"/catalog/p/{driver.pk}/")
    page.locator("#add-to-list summary").click()
    page.screenshot(path="/tmp/e2e-list-card.png", full_page=True)
    page.locator("#list-quantity").fill("3")
    page.locator("#list-choice").select_option("")
    page.locator("#list-new-name").fill("Budowa E2E")
    with page.expect_navigation():
        page.locator("#add-to-list button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Budowa E2E")
    shopping_list = ShoppingList.objects.get(name="Budowa E2E")

    # 2. The same card offers the new list now; add the other product on the list page by its code
    page.goto(f"/catalog/p/{gone.pk}/")
    page.locator("#add-to-list summary").click()
    page.locator("#list-choice").select_option(str(shopping_list.pk))
    with page.expect_navigation():
        page.locator("#add-to-list button[type=submit]").click()
    page.goto("/lists/")
    with page.expect_navigation():
        page.get_by_role("link", name="Budowa E2E").click()
    page.locator("#id_code").fill("E2E-LIST-2")
    page.locator("form.list-add #id_quantity").fill("10")
    with page.expect_navigation():
        page.locator("form.list-add button[type=submit]").click()
    expect(page.locator(".list-line")).to_have_count(3)
    expect(page.locator(".list-total")).to_contain_text("1105")  # 3 x 300 + 5 + 10 x 20

    # 3. One product leaves the offer: it stays on the list, marked, and is skipped on the way to the cart
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    page.reload()
    expect(page.locator(".list-line.unavailable")).to_have_count(1)
    expect(page.locator(".list-total")).to_contain_text("1100")
    page.screenshot(path="/tmp/e2e-list.png", full_page=True)
    page.locator(f"#qty-{shopping_list.lines.get(product=driver).pk}").fill("4")  # this time 4, the list keeps 3
    with page.expect_navigation():
        page.locator("#list-lines button[name=all]").click()
    expect(page).to_have_url(re.compile(r"/cart/$"))
    expect(page.locator(".messages")).to_contain_text("2")
    table = page.locator(".cart-table")
    expect(table).to_contain_text("E2E-LIST-1")
    expect(table).to_contain_text("E2E-LIST-2")
    expect(table).not_to_contain_text("E2E-LIST-3")
    assert shopping_list.lines.get(product=driver).quantity == 3
    page.screenshot(path="/tmp/e2e-list-to-cart.png", full_page=True)
