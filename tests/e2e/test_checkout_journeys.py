"""Checkout journey in a real browser (F06, S03): a product partly in our warehouse and partly at a
supplier goes from the product card into the cart, through checkout with the "split into two
shipments" choice and a requested delivery date, to the confirmation page; the confirmation email
is sent and the stock is reserved per warehouse."""
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from backoffice.accounts.models import User
from backoffice.catalog.models import Warehouse
from backoffice.core.roles import Role
from backoffice.inventory.models import Stock
from backoffice.orders.checkout import earliest_date_for
from backoffice.orders.models import Order
from backoffice.pricing.models import PriceList
from tests.catalog_factories import make_category, make_product, set_stock

pytestmark = pytest.mark.e2e


@pytest.fixture
def drill(demo_data):
    """8 drills in our warehouse, 50 at a supplier (2-4 days) for the demo customer."""
    customer = User.objects.get(email=demo_data["users"][Role.CUSTOMER])
    price_list = PriceList.objects.create(erp_id="PL-E2E-C", name="Cennik", currency=customer.company.currency)
    customer.company.price_list = price_list
    customer.company.save(update_fields=["price_list"])
    product = make_product(make_category("Elektronarzędzia"), "Wiertarka udarowa E2E", sku="E2E-CHK", price="100.00",
                           price_list=price_list)
    local = Warehouse.objects.create(erp_id="E2E-MAG", name="Magazyn", kind=Warehouse.Kind.LOCAL)
    supplier = Warehouse.objects.create(erp_id="E2E-DOST", name="Dostawca", kind=Warehouse.Kind.SUPPLIER, lead_time_days_min=2,
                                        lead_time_days_max=4)
    set_stock(product, local, "8")
    set_stock(product, supplier, "50")
    return {"product": product, "local": local, "supplier": supplier, "customer": customer}


def test_cart_to_checkout_with_split_shipments_to_confirmation(login, demo_data, drill):
    customer = drill["customer"]
    page = login(customer.email)
    page.goto(f"/catalog/p/{drill['product'].pk}/")
    page.locator("#id_quantity").fill("12")  # 8 now from our warehouse + 4 from the supplier
    with page.expect_navigation():
        page.locator("#buy-form button[type=submit]").click()
    page.goto("/cart/")
    with page.expect_navigation():
        page.locator("a.checkout-link").click()
    expect(page).to_have_url(re.compile(r"/checkout/$"))
    with translation.override("pl"):
        expect(page.locator("h1")).to_have_text(gettext("Checkout"))
    expect(page.locator(".checkout-line[data-sku='E2E-CHK']")).to_be_visible()
    expect(page.locator("#shipping-choice")).to_be_visible()  # S03: mixed own and supplier stock

    # Submitting without the choice keeps the buyer on the page with the question marked.
    page.locator("button.place-order").click()
    expect(page.locator("#shipping-choice .field-error")).to_be_visible()
    assert not Order.objects.exists()

    day = earliest_date_for()
    date_input = page.locator("#id_requested_delivery_date")
    assert date_input.get_attribute("min") == day.isoformat()
    date_input.fill(day.isoformat())
    page.locator("#id_customer_reference").fill("PO-E2E-1")
    page.locator("#shipping-choice input[value=split]").check()
    page.locator("input[name=payment_method][value=cod]").check()  # not prepaid: the order goes to the ERP at once
    page.screenshot(path="/tmp/e2e-checkout-form.png", full_page=True)
    with page.expect_navigation():
        page.locator("button.place-order").click()

    order = Order.objects.get()
    expect(page).to_have_url(re.compile(rf"/checkout/placed/{order.pk}/$"))
    expect(page.locator(".order-number strong")).to_have_text(order.number)
    expect(page.locator(".placed-line")).to_have_count(2)  # one line per warehouse
    assert (order.shipping_preference, order.customer_reference, order.requested_delivery_date) == ("split", "PO-E2E-1", day)
    assert order.gross == Decimal("1476.00") and order.placed_by == customer
    assert Stock.objects.get(warehouse=drill["local"]).reserved == 8
    assert Stock.objects.get(warehouse=drill["supplier"]).reserved == 4
    assert order.handoffs.count() == 2  # the supplier's part is a document of its own (S03 split)

    confirmations = [m for m in mail.outbox if order.number in m.subject]
    assert len(confirmations) == 1 and customer.email in confirmations[0].to
    assert "PO-E2E-1" in confirmations[0].body and confirmations[0].alternatives

    # Back in the browser: the order page, and an empty cart.
    with page.expect_navigation():
        page.locator(".placed-links a.primary").click()
    expect(page).to_have_url(re.compile(rf"/orders/{order.pk}/$"))
    page.goto("/checkout/")
    expect(page.locator(".checkout-blocked")).to_be_visible()
    page.screenshot(path="/tmp/e2e-checkout.png", full_page=True)
