"""A customer opens a product card, sees stock as a range label and watches the planned
availability (S02) follow the quantity and unit as they type (storefront/static/storefront/js/product.js)."""
from decimal import Decimal

import pytest
from django.utils import translation
from playwright.sync_api import expect

from backoffice.accounts.models import User
from backoffice.catalog.models import ProductUnit, Warehouse
from backoffice.core.roles import Role
from backoffice.inventory.availability import LOCAL, RESTOCK, SUPPLIER, SupplyStep, step_label
from backoffice.inventory.models import StockDisplaySettings
from backoffice.inventory.services import stock_range_set
from backoffice.pricing.models import Bundle, BundleComponent, BundlePrice, PriceList
from tests.catalog_factories import make_category, make_product, set_stock

pytestmark = pytest.mark.e2e


@pytest.fixture
def drill(demo_data):
    """A product the demo customer may buy: 8 in our warehouse, 50 at a supplier (2-4 days)."""
    customer = User.objects.get(email=demo_data["users"][Role.CUSTOMER])
    price_list = PriceList.objects.create(erp_id="PL-E2E", name="Cennik E2E", currency=customer.company.currency)
    customer.company.price_list = price_list
    customer.company.save(update_fields=["price_list"])
    leaf = make_category("Wiertarki", make_category("Elektronarzędzia"))
    product = make_product(leaf, "Wiertarka udarowa E2E", sku="E2E-700", price="100.00", price_list=price_list)
    ProductUnit.objects.create(product=product, code="karton", factor=Decimal("12"))
    local = Warehouse.objects.create(erp_id="E2E-MAG", name="Magazyn", kind=Warehouse.Kind.LOCAL)
    supplier = Warehouse.objects.create(erp_id="E2E-DOST", name="Dostawca", kind=Warehouse.Kind.SUPPLIER,
                                        lead_time_days_min=2, lead_time_days_max=4)
    set_stock(product, local, "8")
    set_stock(product, supplier, "50")
    StockDisplaySettings.objects.update_or_create(pk=1, defaults={"mode": StockDisplaySettings.Mode.RANGES,
                                                                 "restock_days_min": 5, "restock_days_max": 7})
    for up_to, label in (("10", "mało"), ("1000", "dużo")):
        stock_range_set(up_to=Decimal(up_to), labels={"pl": label})
    bit = make_product(leaf, "Wiertło E2E", sku="E2E-BIT", price="10.00", price_list=price_list)
    bundle = Bundle.objects.create(code="E2E-SET", name="Zestaw E2E")
    BundleComponent.objects.create(bundle=bundle, product=product, quantity=Decimal("1"))
    BundleComponent.objects.create(bundle=bundle, product=bit, quantity=Decimal("5"))
    BundlePrice.objects.create(bundle=bundle, currency=customer.company.currency, net=Decimal("130.00"))
    return product


def labels_pl():
    with translation.override("pl"):
        return {
            "local": step_label(SupplyStep(LOCAL, None)),
            "supplier": step_label(SupplyStep(SUPPLIER, None, 2, 4)),
            "restock": step_label(SupplyStep(RESTOCK, None, 5, 7)),
        }


def test_planned_availability_follows_the_quantity(login, demo_data, drill):
    page = login(demo_data["users"][Role.CUSTOMER])
    page.goto(f"/catalog/p/{drill.pk}/")
    expect(page.locator("h1")).to_have_text("Wiertarka udarowa E2E")
    expect(page.locator(".stock-local")).to_have_text("mało")  # 8 in stock, shown as a range
    expect(page.locator(".stock-supplier")).to_have_text("dużo")
    label = labels_pl()
    parts = page.locator("#availability .availability-part")
    expect(parts).to_have_text([f"1 szt — {label['local']}"])
    # JS is on: the no-JS "check availability" button is gone
    expect(page.locator("#buy-form button.js-hidden")).to_be_hidden()

    page.locator("#id_quantity").fill("20")
    expect(page.locator("[data-requested]")).to_have_text("20 szt")
    expect(parts).to_have_text([f"8 szt — {label['local']}", f"12 szt — {label['supplier']}"])

    page.locator("#id_unit").select_option("karton")  # 20 cartons of 12 = 240 szt
    expect(page.locator("[data-requested]")).to_have_text("240 szt")
    expect(parts).to_have_text([f"8 szt — {label['local']}", f"50 szt — {label['supplier']}", f"182 szt — {label['restock']}"])

    page.locator("#id_quantity").fill("0.5")
    expect(page.locator("[data-requested]")).to_have_text("6 szt")
    expect(parts).to_have_text([f"6 szt — {label['local']}"])
    page.screenshot(path="/tmp/e2e-product-card.png", full_page=True)

    # the bundle it is sold in, one click away
    page.get_by_role("link", name="Zestaw E2E").click()
    expect(page.locator("h1")).to_have_text("Zestaw E2E")
    expect(page.locator(".bundle-component")).to_have_count(2)
    expect(page.locator(".bundle-price .saving")).to_contain_text("20,00 PLN")
    page.screenshot(path="/tmp/e2e-bundle-card.png", full_page=True)


def test_product_card_fits_a_phone(login, demo_data, drill, page):
    page.set_viewport_size({"width": 375, "height": 800})
    login(demo_data["users"][Role.CUSTOMER])
    page.goto(f"/catalog/p/{drill.pk}/")
    expect(page.locator(".stock-local")).to_have_text("mało")
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName + '.' + e.className).slice(0, 15)""")
    page.screenshot(path="/tmp/e2e-product-card-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), wide
