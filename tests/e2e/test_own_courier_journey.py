"""L06 in a real browser: the buyer chooses their own courier, attaches the courier's PDF label and
its number, places the order; the confirmation shows the number, the label is stored privately and
staff get it by email."""
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from playwright.sync_api import expect

from backoffice.accounts.models import Address, User
from backoffice.catalog.models import Warehouse
from backoffice.core.roles import Role
from backoffice.orders.models import Order
from backoffice.own_courier.models import OwnCourierLabel
from backoffice.pricing.models import PriceList
from tests.catalog_factories import make_category, make_product, set_stock

pytestmark = pytest.mark.e2e
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def customer(demo_data):
    customer = User.objects.get(email=demo_data["users"][Role.CUSTOMER])
    company = customer.company
    price_list = PriceList.objects.create(erp_id="PL-E2E-OC", name="Cennik", currency=company.currency)
    company.price_list, company.may_buy_on_terms = price_list, True
    company.save(update_fields=["price_list", "may_buy_on_terms"])
    if not Address.objects.filter(company=company, kind=Address.Kind.SHIPPING).exists():
        Address.objects.create(company=company, kind=Address.Kind.SHIPPING, name="Magazyn", street="ul. Składowa 5",
                               postal_code="90-001", city="Łódź")
    product = make_product(make_category("Narzędzia"), "Wkrętarka E2E", sku="E2E-OC", price="50.00", price_list=price_list)
    set_stock(product, Warehouse.objects.create(erp_id="E2E-OC-MAG", name="Magazyn", kind=Warehouse.Kind.LOCAL), "20")
    return customer, product


def test_own_courier_with_a_pdf_label(login, customer):
    buyer, product = customer
    page = login(buyer.email)
    page.goto(f"/catalog/p/{product.pk}/")
    page.locator("#id_quantity").fill("2")
    with page.expect_navigation():
        page.locator("#buy-form button[type=submit]").click()
    page.goto("/checkout/")
    panel = page.locator(".method-panel[data-panel-for='own_courier']")
    expect(panel).to_be_hidden()  # only the chosen method's panel shows
    page.locator("input[name=delivery_method][value=own_courier]").check()
    expect(panel).to_be_visible()
    expect(page.locator("[data-total='shipping']").first).to_have_text(re.compile(r"^0,00"))

    # Placing without the label keeps the buyer on the page with the field marked.
    page.locator("#id_own_courier_number").fill("DPD-E2E-4455")
    page.locator("button.place-order").click()
    expect(page.locator(".own-courier-panel .field-error").first).to_be_visible()
    assert not Order.objects.exists()

    page.locator("input[name=delivery_method][value=own_courier]").check()
    page.locator("#id_own_courier_label").set_input_files(files=[{"name": "etykieta-dpd.pdf", "mimeType": "application/pdf",
                                                                   "buffer": PDF}])
    page.locator("#id_own_courier_number").fill("DPD-E2E-4455")
    page.locator("#id_own_courier_carrier").fill("DPD")
    page.locator("input[name=payment_method][value=on_terms]").check()  # cash on delivery goes with our courier only
    page.screenshot(path="/tmp/e2e-own-courier-form.png", full_page=True)
    with page.expect_navigation():
        page.locator("button.place-order").click()

    order = Order.objects.get()
    expect(page).to_have_url(re.compile(rf"/checkout/placed/{order.pk}/$"))
    expect(page.locator(".method-info")).to_contain_text("DPD DPD-E2E-4455")
    assert order.delivery_method == "own_courier" and order.shipping_net == 0
    label = OwnCourierLabel.objects.get(order=order)
    assert Path(settings.PRIVATE_MEDIA_ROOT).resolve() in Path(label.file.path).resolve().parents
    assert Path(label.file.path).read_bytes() == PDF
    staff_mails = [m for m in mail.outbox if m.attachments and order.number in m.subject]
    assert staff_mails and staff_mails[0].attachments[0][1] == PDF
    page.screenshot(path="/tmp/e2e-own-courier.png", full_page=True)
