"""A07 in a real browser: the customer adds a shipping address that needs approval, checkout does
not offer it yet; an administrator approves it in the back office; checkout offers it and the
order goes there. Plus A06: the customer asks for a change of data and sees the staff's answer."""
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from backoffice.accounts.models import Address, User
from backoffice.addresses.models import AddressSettings
from backoffice.catalog.models import Warehouse
from backoffice.change_requests.models import ChangeRequest
from backoffice.core.roles import Role
from backoffice.pricing.models import PriceList
from tests.catalog_factories import make_category, make_product, set_stock

pytestmark = pytest.mark.e2e


@pytest.fixture
def customer(demo_data):
    customer = User.objects.get(email=demo_data["users"][Role.CUSTOMER])
    company = customer.company
    price_list = PriceList.objects.create(erp_id="PL-E2E-ADDR", name="Cennik", currency=company.currency)
    company.price_list, company.customer_group, company.is_dropshipping = price_list, None, False
    company.street, company.postal_code, company.city = "ul. Główna 1", "00-001", "Warszawa"
    company.save(update_fields=["price_list", "customer_group", "is_dropshipping", "street", "postal_code", "city"])
    AddressSettings.objects.update_or_create(pk=1, defaults={"default_needs_approval": True})
    product = make_product(make_category("Narzędzia"), "Wkrętarka E2E", sku="E2E-ADDR", price="50.00", price_list=price_list)
    set_stock(product, Warehouse.objects.create(erp_id="E2E-ADDR-MAG", name="Magazyn", kind=Warehouse.Kind.LOCAL), "20")
    return customer, product


def _checkout_labels(page) -> str:
    page.goto("/checkout/")
    return page.locator("#delivery-address").inner_text()


def test_address_needing_approval_is_approved_and_used_at_checkout(login, other_page, customer, demo_data):
    buyer, product = customer
    page = login(buyer.email)
    page.goto("/company/addresses/new/")
    page.locator("#id_name").fill("Budowa Północ")
    page.locator("#id_street").fill("ul. Budowlana 12")
    page.locator("#id_postal_code").fill("90-123")
    page.locator("#id_city").fill("Łódź")
    with page.expect_navigation():
        page.locator("form.address-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/company/addresses/$"))
    row = page.locator(".address-row[data-status=pending]")
    expect(row).to_contain_text("ul. Budowlana 12")
    address = Address.objects.get(street="ul. Budowlana 12")
    assert address.status == "pending"

    page.goto(f"/catalog/p/{product.pk}/")
    page.locator("#id_quantity").fill("2")
    with page.expect_navigation():
        page.locator("#buy-form button[type=submit]").click()
    assert "ul. Budowlana 12" not in _checkout_labels(page)  # not before approval

    admin = login(demo_data["users"][Role.ADMIN], page=other_page)
    admin.goto("/admin/accounts/address/?status__exact=pending")
    expect(admin.locator("#result_list")).to_contain_text("Budowa Północ")
    admin.goto(f"/admin/accounts/address/{address.pk}/decide/")
    with admin.expect_navigation():
        admin.locator("button[name=decision][value=approve]").click()
    address.refresh_from_db()
    assert address.status == "approved"
    assert any(buyer.email in m.to for m in mail.outbox)

    assert "ul. Budowlana 12" in _checkout_labels(page)
    page.locator(f"input[name=delivery_address][value='{address.pk}']").check()
    page.locator("input[name=payment_method]").first.check()
    with page.expect_navigation():
        page.locator("button.place-order").click()
    expect(page).to_have_url(re.compile(r"/checkout/placed/\d+/$"))
    page.goto("/company/addresses/")
    expect(page.locator(f".address-row[data-address='{address.pk}']")).to_have_attribute("data-status", "approved")
    page.screenshot(path="/tmp/e2e-addresses.png", full_page=True)


def test_change_request_is_filed_and_answered(login, customer, demo_data):
    buyer, _product = customer
    page = login(buyer.email)
    page.goto("/account/")
    with page.expect_navigation():
        page.locator("a[href='/company/change-requests/new/']").click()
    expect(page.locator(".change-request-form")).to_contain_text("ul. Główna 1")  # the current value
    page.locator("#id_street").fill("ul. Nowa 5")
    page.locator("#id_message").fill("Przeprowadzka od 1 marca")
    with page.expect_navigation():
        page.locator(".change-request-form button[type=submit]").click()
    request = ChangeRequest.objects.get()
    expect(page).to_have_url(re.compile(rf"/company/change-requests/{request.pk}/$"))
    expect(page.locator("main")).to_contain_text("ul. Nowa 5")
    assert request.changes["street"] == {"old": "ul. Główna 1", "new": "ul. Nowa 5"}

    from backoffice.change_requests.services import change_request_set_status

    staff = User.objects.get(email=demo_data["users"][Role.ADMIN])
    change_request_set_status(change_request_id=request.pk, status="done", answer="Adres zmieniony w ERP", user=staff)
    page.reload()
    expect(page.locator(".staff-answer")).to_contain_text("Adres zmieniony w ERP")
