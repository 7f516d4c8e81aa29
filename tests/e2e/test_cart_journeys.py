"""Cart journeys in a browser: add from the product card, change the cart, quick order, and a
CSV import with errors (C06), as the demo customer."""
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from backoffice.accounts.models import User
from backoffice.catalog.models import ProductUnit, Warehouse
from backoffice.core.roles import Role
from backoffice.orders.models import CartLine
from backoffice.pricing.models import PriceList
from tests.catalog_factories import make_category, make_product, set_stock

pytestmark = pytest.mark.e2e


@pytest.fixture
def shop(demo_data):
    """Two products the demo customer may buy and one in a restricted category."""
    customer = User.objects.get(email=demo_data["users"][Role.CUSTOMER])
    price_list = PriceList.objects.create(erp_id="PL-E2E-CART", name="Cennik E2E", currency=customer.company.currency)
    customer.company.price_list = price_list
    customer.company.save(update_fields=["price_list"])
    leaf = make_category("Wiertarki", make_category("Elektronarzędzia"))
    drill = make_product(leaf, "Wiertarka udarowa E2E", sku="E2E-700", ean="5901234123457", price="100.00", price_list=price_list)
    ProductUnit.objects.create(product=drill, code="karton", factor=Decimal("12"), ean="5901234123464")
    bit = make_product(leaf, "Wiertło E2E", sku="E2E-BIT", price="10.00", price_list=price_list)
    hidden = make_product(make_category("Zastrzeżone", restricted=True), "Tajny E2E", sku="E2E-HID", price="5.00", price_list=price_list)
    local = Warehouse.objects.create(erp_id="E2E-MAG", name="Magazyn", kind=Warehouse.Kind.LOCAL)
    set_stock(drill, local, "100")
    set_stock(bit, local, "500")
    return {"drill": drill, "bit": bit, "hidden": hidden, "customer": customer}


def cart_lines():
    return sorted((line.product.sku, line.unit, line.quantity) for line in CartLine.objects.select_related("product"))


def test_add_from_the_product_card_then_change_the_cart(login, demo_data, shop):
    page = login(demo_data["users"][Role.CUSTOMER])
    page.goto(f"/catalog/p/{shop['drill'].pk}/")
    page.locator("#id_quantity").fill("2")
    page.locator("#id_unit").select_option("karton")
    with page.expect_navigation():
        page.locator("#buy-form button[type=submit]").click()
    expect(page).to_have_url(f"{page.url.split('/catalog/')[0]}/catalog/p/{shop['drill'].pk}/")
    expect(page.locator(".message-success")).to_contain_text("Wiertarka udarowa E2E")
    assert cart_lines() == [("E2E-700", "karton", Decimal("2"))]

    page.locator(".header-cart").click()
    row = page.locator("tr.cart-line").first
    expect(row).to_contain_text("E2E-700")
    expect(row.locator(".conversion")).to_have_text("= 24 szt")
    expect(page.locator(".total-net")).to_have_text("2400,00 PLN")
    row.locator("summary").click()  # why this price
    expect(row.locator(".why-price li")).to_have_count(2)

    row.locator("input[type=number]").fill("3")
    row.locator("select").select_option("")  # back to pieces
    with page.expect_navigation():
        page.locator(".cart-actions button[type=submit]").click()
    expect(page.locator(".total-net")).to_have_text("300,00 PLN")
    assert cart_lines() == [("E2E-700", "", Decimal("3"))]

    page.set_viewport_size({"width": 390, "height": 800})  # phones: every line is a card, nothing to scroll sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="/tmp/e2e-cart-phone.png", full_page=True)
    page.on("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.locator(".cart-clear button").click()
    expect(page.locator(".cart-empty")).to_be_visible()


def test_quick_order(login, demo_data, shop):
    page = login(demo_data["users"][Role.CUSTOMER])
    page.goto("/cart/quick-order/")
    page.locator("textarea[name=lines]").fill("e2e-700 2\n5901234123464;1\nE2E-BIT\t2,5\nBRAK-KODU 3\nE2E-HID 1")
    with page.expect_navigation():
        page.locator("form.quick-order-form button[type=submit]").click()
    report = page.locator(".import-report tbody tr")
    expect(report).to_have_count(2)
    expect(report.nth(0)).to_contain_text("BRAK-KODU")
    expect(report.nth(1)).to_contain_text("E2E-HID")
    expect(page.locator("textarea[name=lines]")).to_have_value("BRAK-KODU 3\nE2E-HID 1")  # left to correct
    assert cart_lines() == [("E2E-700", "", Decimal("2")), ("E2E-700", "karton", Decimal("1")), ("E2E-BIT", "", Decimal("2.5"))]

    page.locator("textarea[name=lines]").fill("E2E-BIT 1")
    with page.expect_navigation():
        page.locator("form.quick-order-form button[type=submit]").click()
    expect(page).to_have_url(page.url.split("/cart/")[0] + "/cart/")
    expect(page.locator("tr.cart-line")).to_have_count(3)
    page.screenshot(path="/tmp/e2e-cart.png", full_page=True)


def test_csv_import_with_errors(login, demo_data, shop, tmp_path):
    page = login(demo_data["users"][Role.CUSTOMER])
    page.goto("/cart/")
    page.locator(".cart-tools a[href='/cart/import/']").click()
    expect(page.locator("a[href='/cart/import/sample.csv']")).to_be_visible()
    upload = tmp_path / "zamowienie.csv"
    upload.write_bytes("EAN lub SKU;Ilość\r\n5901234123457;4\r\nE2E-BIT;1,5\r\nNIEZNANY;1\r\nE2E-HID;2\r\nE2E-BIT;-1\r\n".encode("cp1250"))
    page.locator("input[type=file]").set_input_files(str(upload))
    with page.expect_navigation():
        page.locator("form.import-form button[type=submit]").click()
    rows = page.locator(".import-report tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0).locator("td").nth(0)).to_have_text("4")
    expect(rows.nth(0).locator("td").nth(1)).to_have_text("NIEZNANY")
    expect(rows.nth(1).locator("td").nth(1)).to_have_text("E2E-HID")
    expect(rows.nth(2).locator("td").nth(0)).to_have_text("6")
    expect(page.locator(".message-success")).to_be_visible()
    assert cart_lines() == [("E2E-700", "", Decimal("4")), ("E2E-BIT", "", Decimal("1.5"))]
    page.screenshot(path="/tmp/e2e-cart-import.png", full_page=True)
