"""Order history journeys in a real browser: find an order through the menu and the filters, open
it, repeat it into the cart (a product no longer available is reported, not added); and "recently
bought": tick products and add them to the cart at the quantities last ordered."""
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from backoffice.accounts.models import User
from backoffice.catalog.models import ProductUnit, Warehouse
from backoffice.orders.models import CartLine, Order
from backoffice.pricing.models import PriceList
from tests.catalog_factories import contract_price, make_category, make_product, set_stock
from tests.factories import CompanyFactory
from tests.history.conftest import add_shipment, add_status, make_order

pytestmark = pytest.mark.e2e


@pytest.fixture
def history(demo_data):
    customer = User.objects.get(email=demo_data["users"]["customer"])
    company = customer.company
    price_list = PriceList.objects.create(erp_id="PL-E2E-H", name="Cennik", currency="PLN")
    company.price_list = price_list
    company.save()
    tools = make_category("Elektronarzędzia")
    drill = make_product(tools, "Wiertarka udarowa", sku="WU-700", brand="Bosch", price="100", price_list=price_list)
    ProductUnit.objects.create(product=drill, code="karton", factor=Decimal("12"))
    bit = make_product(tools, "Wiertło do betonu", sku="BIT-8", brand="Bosch", price="10", price_list=price_list)
    glove = make_product(tools, "Rękawice robocze", sku="GLV-1", brand="Ansell", price="5", price_list=price_list)
    gone = make_product(tools, "Wycofana szlifierka", sku="OLD-1")  # nobody but another company has a price now
    contract_price(CompanyFactory(), gone, "1.00")
    local = Warehouse.objects.create(erp_id="W-E2E-H", name="Magazyn", kind=Warehouse.Kind.LOCAL)
    for product in (drill, bit, glove):
        set_stock(product, local, 100)
    now = timezone.now()
    older = make_order(company, [(bit, 20), (glove, 4)], number="B2B/2025/000011", customer_reference="PO-OLD",
                       placed_at=now - timedelta(days=90), placed_by=customer)
    order = make_order(company, [(drill, 2, "karton", 24), (bit, 5), (gone, 1)], number="B2B/2025/000042", customer_reference="PO-4711",
                       status=Order.Status.SHIPPED, placed_at=now - timedelta(days=10), placed_by=customer,
                       delivery_street="ul. Długa 1", delivery_postal_code="90-001", delivery_city="Łódź")
    add_status(order, Order.Status.SHIPPED)
    add_shipment(order, "680012345", "InPost")
    return {"email": customer.email, "customer": customer, "order": order, "older": older, "drill": drill, "bit": bit, "glove": glove}


def cart_contents(customer):
    return {(line.product.sku, line.unit): line.quantity for line in CartLine.objects.filter(cart__user=customer).select_related("product")}


def test_reorder_from_history_into_the_cart(login, history):
    page = login(history["email"])
    page.locator(".main-menu a[href='/orders/']").click()
    expect(page.locator(".order-row")).to_have_count(2)
    page.locator(".order-filters input[name=q]").fill("PO-4711")
    page.locator(".order-filters button[type=submit]").click()
    expect(page.locator(".order-row")).to_have_count(1)
    page.locator(".order-row a", has_text="B2B/2025/000042").click()

    expect(page.locator("h1")).to_contain_text("B2B/2025/000042")
    expect(page.locator(".order-line")).to_have_count(3)
    tracking = page.locator("#shipments a", has_text="680012345")
    expect(tracking).to_have_attribute("href", "https://inpost.pl/sledzenie-przesylek?number=680012345")
    expect(page.locator(".order-summary")).to_contain_text("ul. Długa 1")

    page.locator(".reorder-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/cart/$"))
    expect(page.locator(".message-warning")).to_contain_text("OLD-1")
    expect(page.locator(".cart-line")).to_have_count(2)
    assert cart_contents(history["customer"]) == {("WU-700", "karton"): Decimal("2"), ("BIT-8", ""): Decimal("5")}


def test_recently_bought_add_selected_to_the_cart(login, history):
    page = login(history["email"])
    page.locator(".main-menu a[href='/recently-bought/']").click()
    expect(page.locator(".recent-row")).to_have_count(3)  # OLD-1 is no longer visible to the customer
    expect(page.locator(".recent-row", has_text="BIT-8").locator("td.num").first).to_have_text("25 szt")  # 20 + 5 in 12 months

    page.locator("select[name=brand]").select_option(label="Bosch")
    page.locator(".recent-filters button[type=submit]").click()
    expect(page.locator(".recent-row")).to_have_count(2)
    page.locator(".recent-row", has_text="WU-700").locator("input[type=checkbox]").check()
    page.locator(".recent-row", has_text="BIT-8").locator("input[type=checkbox]").check()
    page.locator(".recent-actions button.accent").click()
    page.wait_for_url(re.compile(r"/cart/$"))
    expect(page.locator(".cart-line")).to_have_count(2)
    # each at its last ordered quantity and unit: 2 cartons of the drill, 5 drill bits
    assert cart_contents(history["customer"]) == {("WU-700", "karton"): Decimal("2"), ("BIT-8", ""): Decimal("5")}


def test_recently_bought_exports_the_selection(login, history):
    page = login(history["email"])
    page.goto("/recently-bought/")
    page.locator(".recent-row", has_text="GLV-1").locator("input[type=checkbox]").check()
    with page.expect_download() as download:
        page.locator(".recent-actions button[formaction]").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    assert "GLV-1" in text and "BIT-8" not in text
