"""Payment journeys in a real browser (F02, F16): a bank-transfer order shows the transfer
instructions after placing; a customer with overdue payments sees the polite request to settle
above the payment methods and orders by transfer instead (the order asks the ERP to check payments)."""
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from backoffice.accounts.models import User
from backoffice.catalog.models import Warehouse
from backoffice.core.roles import Role
from backoffice.orders.models import Order
from backoffice.payments.iban import iban_display
from backoffice.pricing.models import PriceList
from tests.catalog_factories import make_category, make_product, set_stock
from tests.payments.conftest import PLN_IBAN, configure_bank_transfer

pytestmark = pytest.mark.e2e


@pytest.fixture
def buyer(demo_data):
    """The demo customer with a product in stock and a bank account configured for transfers."""
    customer = User.objects.get(email=demo_data["users"][Role.CUSTOMER])
    price_list = PriceList.objects.create(erp_id="PL-E2E-PAY", name="Cennik", currency=customer.company.currency)
    customer.company.price_list = price_list
    customer.company.save(update_fields=["price_list"])
    product = make_product(make_category("Kable E2E"), "Przewód E2E", sku="E2E-PAY", price="100.00", price_list=price_list)
    set_stock(product, Warehouse.objects.create(erp_id="E2E-PAY-MAG", name="Magazyn", kind=Warehouse.Kind.LOCAL), "50")
    configure_bank_transfer()
    return {"customer": customer, "product": product}


def checkout_with_transfer(page, product):
    page.goto(f"/catalog/p/{product.pk}/")
    page.locator("#id_quantity").fill("2")
    with page.expect_navigation():
        page.locator("#buy-form button[type=submit]").click()
    page.goto("/checkout/")
    expect(page).to_have_url(re.compile(r"/checkout/$"))


def place_by_transfer(page):
    page.locator("input[name=delivery_method][value=courier]").check()
    page.locator("input[name=payment_method][value=bank_transfer]").check()
    expect(page.locator(".method-panel[data-panel-for=bank_transfer]")).to_be_visible()
    with page.expect_navigation():
        page.locator("button.place-order").click()


def test_bank_transfer_order_shows_the_instructions(login, buyer):
    page = login(buyer["customer"].email)
    checkout_with_transfer(page, buyer["product"])
    place_by_transfer(page)
    order = Order.objects.get()
    expect(page).to_have_url(re.compile(rf"/checkout/placed/{order.pk}/$"))
    assert order.status == Order.Status.AWAITING_PAYMENT and not order.handoffs.exists()
    info = page.locator(".method-info")
    expect(info).to_contain_text(iban_display(PLN_IBAN))
    expect(info).to_contain_text(f"Zamówienie {order.number}")
    page.screenshot(path="/tmp/e2e-bank-transfer.png", full_page=True)


def test_overdue_customer_is_asked_to_settle_and_pays_by_transfer(login, buyer):
    company = buyer["customer"].company
    company.may_buy_on_terms, company.overdue_amount, company.credit_limit = True, Decimal("1234.50"), None
    company.save(update_fields=["may_buy_on_terms", "overdue_amount", "credit_limit"])
    page = login(buyer["customer"].email)
    checkout_with_transfer(page, buyer["product"])
    refusal = page.locator(".method-refusals")
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text(re.compile(r"1\s234,50"))
    expect(page.locator("input[name=payment_method][value=on_terms]")).to_have_count(0)
    page.screenshot(path="/tmp/e2e-overdue.png", full_page=True)
    place_by_transfer(page)
    order = Order.objects.get()
    assert order.payment_method == "bank_transfer" and order.payment_check_required
    expect(page.locator(".method-info")).to_contain_text(iban_display(PLN_IBAN))
