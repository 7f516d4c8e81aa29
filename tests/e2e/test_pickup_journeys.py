"""Personal pickup in a real browser (L07): the buyer chooses pickup, picks a free window in the
grid, names the driver and places the order; the confirmation and the order page show the window,
and the window has one place less for the next buyer."""
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from backoffice.accounts.models import User
from backoffice.catalog.models import Warehouse
from backoffice.core.roles import Role
from backoffice.orders.models import Order
from backoffice.pickup.models import PickupBooking
from backoffice.pricing.models import PriceList
from tests.catalog_factories import make_category, make_product, set_stock
from tests.pickup.conftest import make_point

pytestmark = pytest.mark.e2e


@pytest.fixture
def buyer(demo_data):
    """The demo customer (may buy on terms) with a product in our warehouse in the cart's reach."""
    customer = User.objects.get(email=demo_data["users"][Role.CUSTOMER])
    company = customer.company
    price_list = PriceList.objects.create(erp_id="PL-E2E-P", name="Cennik", currency=company.currency)
    company.price_list, company.may_buy_on_terms, company.credit_limit = price_list, True, None
    company.save(update_fields=["price_list", "may_buy_on_terms", "credit_limit"])
    product = make_product(make_category("Elektronarzędzia"), "Wkrętarka E2E", sku="E2E-PICK", price="50.00", price_list=price_list)
    set_stock(product, Warehouse.objects.create(erp_id="E2E-MAG-P", name="Magazyn", kind=Warehouse.Kind.LOCAL), "20")
    point = make_point(hours=[(day, 8, 16) for day in range(7)], days_ahead=4)  # windows whatever the day the test runs
    return {"customer": customer, "product": product, "point": point}


def test_pickup_with_a_window_and_a_driver(login, buyer):
    page = login(buyer["customer"].email)
    page.goto(f"/catalog/p/{buyer['product'].pk}/")
    page.locator("#id_quantity").fill("2")
    with page.expect_navigation():
        page.locator("#buy-form button[type=submit]").click()
    page.goto("/checkout/")

    panel = page.locator("#pickup-panel")
    expect(panel).to_be_hidden()  # the panel shows when pickup is chosen
    page.locator("input[name=delivery_method][value=pickup]").check()
    expect(panel).to_be_visible()
    page.locator("input[name=payment_method][value=on_terms]").check()
    slot = panel.locator(".pickup-slot:not(.full)").nth(1)
    expect(slot).to_have_attribute("data-left", "3")
    chosen = slot.locator("input[name=pickup_window]").get_attribute("value")
    slot.locator("label").click()
    page.locator("#id_pickup_driver_name").fill("Jan Kowalski")
    page.locator("#id_pickup_driver_phone").fill("+48 600 100 200")
    page.locator("#id_pickup_vehicle").fill("EL 12345")
    page.screenshot(path="/tmp/e2e-pickup-form.png", full_page=True)
    with page.expect_navigation():
        page.locator("button.place-order").click()

    order = Order.objects.get()
    expect(page).to_have_url(re.compile(rf"/checkout/placed/{order.pk}/$"))
    booking = PickupBooking.objects.get(order=order)
    start = timezone.localtime(booking.starts_at)
    assert chosen == f"{buyer['point'].pk}|{start.isoformat()}" and order.delivery_method == "pickup"
    assert (booking.driver_name, booking.vehicle_registration) == ("Jan Kowalski", "EL 12345")
    window_text = f"{start:%H:%M}–{timezone.localtime(booking.ends_at):%H:%M}"
    expect(page.locator(".method-info")).to_contain_text(window_text)
    expect(page.locator(".method-info")).to_contain_text("Jan Kowalski")

    page.goto(f"/orders/{order.pk}/")
    expect(page.locator(".method-info")).to_contain_text(window_text)
    page.screenshot(path="/tmp/e2e-pickup-order.png", full_page=True)
