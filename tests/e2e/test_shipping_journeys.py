"""Shipping journey in a real browser (L01, L02, L05): the cart's delivery box says how much is
missing for free delivery, checkout shows the courier's cost in the summary and the placed order's
total includes it."""
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from backoffice.accounts.models import User
from backoffice.catalog.models import Warehouse
from backoffice.core.roles import Role
from backoffice.orders.models import Order
from backoffice.pricing.models import PriceList
from tests.catalog_factories import make_category, make_product, set_stock

pytestmark = pytest.mark.e2e


@pytest.fixture
def crate(demo_data):
    """A 2.5 kg product at 100.00 net with 40 per pallet; the demo shipping tables; a logistic
    minimum of 1000.00 for the demo customer."""
    customer = User.objects.get(email=demo_data["users"][Role.CUSTOMER])
    company = customer.company
    price_list = PriceList.objects.create(erp_id="PL-E2E-S", name="Cennik", currency=company.currency)
    company.price_list, company.logistic_minimum = price_list, Decimal("1000.00")
    company.save(update_fields=["price_list", "logistic_minimum"])
    product = make_product(make_category("Elektronarzędzia"), "Skrzynka E2E", sku="E2E-SHIP", price="100.00", price_list=price_list,
                           weight_kg=Decimal("2.5"), length_cm=Decimal("40"), units_per_pallet=40)
    set_stock(product, Warehouse.objects.create(erp_id="E2E-MAG-S", name="Magazyn", kind=Warehouse.Kind.LOCAL), "100")
    call_command("load_demo_shipping", "--force")
    return {"product": product, "customer": customer}


def test_cart_shows_missing_amount_checkout_charges_the_courier(login, demo_data, crate):
    page = login(crate["customer"].email)
    page.goto(f"/catalog/p/{crate['product'].pk}/")
    page.locator("#id_quantity").fill("2")
    with page.expect_navigation():
        page.locator("#buy-form button[type=submit]").click()
    page.goto("/cart/")
    box = page.locator(".cart-shipping")
    expect(box).to_have_attribute("data-offered", "1")
    expect(box.locator(".shipping-cost")).to_have_text(re.compile(r"25,00\s+PLN"))
    expect(box.locator(".shipping-free-hint")).to_contain_text(re.compile(r"800,00\s+PLN"))  # 1000 - 200
    expect(box.locator(".pallet-total")).to_have_text(re.compile(r"5,0\s+%"))  # 2 of 40
    page.screenshot(path="/tmp/e2e-cart-shipping.png", full_page=True)

    with page.expect_navigation():
        page.locator("a.checkout-link").click()
    expect(page).to_have_url(re.compile(r"/checkout/$"))
    page.locator("input[name=delivery_method][value=courier]").check()
    courier = page.locator("li.method[data-method=courier]")
    expect(courier.locator(".method-cost")).to_contain_text("25,00")
    expect(courier.locator(".shipping-free-hint")).to_contain_text(re.compile(r"800,00\s+PLN"))
    payment = page.locator("input[name=payment_method]").first
    payment.check()
    expect(page.locator("[data-total=shipping]")).to_contain_text("25,00")
    page.screenshot(path="/tmp/e2e-checkout-shipping.png", full_page=True)
    with page.expect_navigation():
        page.locator("button.place-order").click()

    order = Order.objects.get()
    expect(page).to_have_url(re.compile(rf"/checkout/placed/{order.pk}/$"))
    assert order.delivery_method == "courier" and order.shipping_net == Decimal("25.00")
    assert order.net == Decimal("225.00") + order.payment_fee_net
    assert order.gross == order.net + order.vat and order.vat >= Decimal("51.75")  # 23 % of goods and shipping
