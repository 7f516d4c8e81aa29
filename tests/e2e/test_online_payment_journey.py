"""Online payment journey in a real browser (F03): checkout with "online payment" -> the (fake)
PayU payment page -> "Pay" -> PayU's server notifies our live server (signed) and sends the
browser back -> the return page says the order is paid; the order went on to the ERP."""
import re

import pytest
from playwright.sync_api import expect

from backoffice.accounts.models import User
from backoffice.catalog.models import Warehouse
from backoffice.core.roles import Role
from backoffice.online_payments.models import OnlinePayment, PaymentNotification
from backoffice.orders.models import Order
from backoffice.pricing.models import PriceList
from tests.catalog_factories import make_category, make_product, set_stock
from tests.online_payments.fake_payu import FakePayU

pytestmark = pytest.mark.e2e


@pytest.fixture
def payu(settings, live_server):
    gateway = FakePayU().start()
    for name, value in gateway.settings().items():
        setattr(settings, name, value)
    settings.SITE_URL = live_server.url  # notifyUrl / continueUrl point at the live server
    yield gateway
    gateway.stop()


@pytest.fixture
def product(demo_data):
    customer = User.objects.get(email=demo_data["users"][Role.CUSTOMER])
    price_list = PriceList.objects.create(erp_id="PL-E2E-PAY", name="Cennik", currency=customer.company.currency)
    customer.company.price_list = price_list
    customer.company.save(update_fields=["price_list"])
    item = make_product(make_category("Elektronarzędzia"), "Wkrętarka E2E", sku="E2E-PAY", price="200.00", price_list=price_list)
    set_stock(item, Warehouse.objects.create(erp_id="E2E-PAY-MAG", name="Magazyn", kind=Warehouse.Kind.LOCAL), "10")
    return item, customer


def test_pay_online_at_the_gateway_and_come_back_paid(login, payu, product):
    item, customer = product
    page = login(customer.email)
    page.goto(f"/catalog/p/{item.pk}/")
    page.locator("#id_quantity").fill("2")
    with page.expect_navigation():
        page.locator("#buy-form button[type=submit]").click()
    page.goto("/checkout/")
    page.locator("input[name=payment_method][value=online]").check()
    with page.expect_navigation():
        page.locator("button.place-order").click()

    # Placed, then straight on to PayU's payment page.
    order = Order.objects.get()
    assert order.status == Order.Status.AWAITING_PAYMENT and order.payment_method == "online"
    expect(page).to_have_url(re.compile(rf"^{re.escape(payu.url)}/pay/\?orderId="))
    expect(page.locator("#fake-payu")).to_be_visible()
    payment = OnlinePayment.objects.get()
    assert payment.ext_order_id == f"{order.number}-1" and payment.amount == order.gross

    with page.expect_navigation():
        page.locator("#pay").click()  # PayU notifies our server, then sends the buyer back
    expect(page).to_have_url(re.compile(rf"/pay/{order.pk}/return/$"))
    expect(page.locator("[data-payment-state=paid]")).to_be_visible()
    assert payu.notifications_sent == [("COMPLETED", 200)]
    order.refresh_from_db()
    # Paid: on to the ERP (the hand-off runs at commit here, so it may already be sent).
    assert order.status in (Order.Status.PLACED, Order.Status.SENT) and order.paid_at is not None and order.handoffs.exists()
    assert PaymentNotification.objects.get().result == PaymentNotification.Result.ACCEPTED
    page.screenshot(path="/tmp/e2e-online-payment.png", full_page=True)
