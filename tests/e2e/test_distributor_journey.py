"""A11 in a real browser: the demo distributor creates an end customer with a 25 % markup; the end
customer sets its password through the emailed link, sees the marked-up price and orders; the
order waits for the distributor, who sees the customer's price, its own price and the margin, and
approves it; the order moves on to the ERP and the end customer is told by email."""
import re
from decimal import Decimal
from urllib.parse import urlparse

import pytest
from django.core import mail
from playwright.sync_api import expect

from backoffice.accounts.models import Company, User
from backoffice.catalog.models import Warehouse
from backoffice.core.roles import Role
from backoffice.orders.models import Order
from backoffice.pricing.models import PriceList
from tests.catalog_factories import make_category, make_product, set_stock

pytestmark = pytest.mark.e2e
NEW_PASSWORD = "Koncowy-haslo-2026!"


@pytest.fixture
def distributor(demo_data):
    """The demo distributor on a price list with one product (100.00 net) in stock."""
    user = User.objects.get(email=demo_data["users"][Role.DISTRIBUTOR])
    company = user.company
    price_list = PriceList.objects.create(erp_id="PL-E2E-D", name="Cennik dystrybutora", currency=company.currency)
    Company.objects.filter(pk=company.pk).update(price_list=price_list, is_distributor=True, markup_percent=Decimal("10"))
    product = make_product(make_category("Oświetlenie E2E"), "Lampa warsztatowa", sku="E2E-LAMP", price="100.00", price_list=price_list)
    set_stock(product, Warehouse.objects.create(erp_id="E2E-MAG-D", name="Magazyn", kind=Warehouse.Kind.LOCAL), "50")
    return {"user": user, "product": product}


def test_distributor_creates_end_customer_who_orders_and_the_distributor_approves(login, other_page, demo_data, distributor):
    # 1. The distributor adds an end customer with its own markup.
    page = login(distributor["user"].email)
    page.goto("/end-customers/")
    with page.expect_navigation():
        page.locator("a[href='/end-customers/new/']").first.click()
    expect(page.locator("#id_markup_percent")).to_have_value("10.00")  # the distributor's own markup by default
    page.locator("#id_name").fill("Sklep Pod Lampą")
    page.locator("#id_street").fill("ul. Jasna 2")
    page.locator("#id_postal_code").fill("00-950")
    page.locator("#id_city").fill("Warszawa")
    page.locator("#id_email").fill("sklep@lampa.pl")
    page.locator("#id_markup_percent").fill("25")
    mail.outbox.clear()
    with page.expect_navigation():
        page.locator("form.distributor-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/end-customers/$"))
    expect(page.locator("tr.end-customer", has_text="Sklep Pod Lampą")).to_be_visible()

    # 2. The end customer sets its password through the emailed link and logs in (another browser).
    (welcome,) = [m for m in mail.outbox if m.to == ["sklep@lampa.pl"]]
    link = next(word for word in welcome.body.split() if word.startswith("http") and "password" in word)
    other_page.goto(urlparse(link).path)
    other_page.locator("input[name=new_password1]").fill(NEW_PASSWORD)
    other_page.locator("input[name=new_password2]").fill(NEW_PASSWORD)
    with other_page.expect_navigation():
        other_page.locator("form:has(input[name=new_password1]) button[type=submit]").click()
    shop = login("sklep@lampa.pl", NEW_PASSWORD, page=other_page)

    # 3. It sees only the marked-up price (100.00 + 25 %) and orders.
    shop.goto(f"/catalog/p/{distributor['product'].pk}/")
    expect(shop.locator(".price-net strong")).to_contain_text("125")
    shop.locator("#id_quantity").fill("2")
    with shop.expect_navigation():
        shop.locator("#buy-form button[type=submit]").click()
    shop.goto("/checkout/")
    shop.locator("input[name=payment_method][value=cod]").check()
    with shop.expect_navigation():
        shop.locator("button.place-order").click()
    order = Order.objects.get(company__name="Sklep Pod Lampą")
    assert order.status == Order.Status.AWAITING_APPROVAL and (order.net, order.distributor_net) == (Decimal("250.00"), Decimal("200.00"))
    expect(shop.locator(".awaiting-approval")).to_contain_text(distributor["user"].company.name)
    assert not order.handoffs.exists()

    # 4. The distributor sees the margin and approves.
    page.goto("/end-customers/orders/?status=awaiting")
    row = page.locator(f"tr.order-row[data-order='{order.pk}']")
    expect(row.locator(".end-price")).to_contain_text("250,00")
    expect(row.locator(".own-price")).to_contain_text("200,00")
    expect(row.locator(".margin")).to_contain_text("50,00")
    with page.expect_navigation():
        row.locator("a").first.click()
    expect(page.locator("tfoot .margin")).to_contain_text("50,00")
    page.screenshot(path="/tmp/e2e-distributor-order.png", full_page=True)
    mail.outbox.clear()
    with page.expect_navigation():
        page.locator("form.approve-form button").click()
    expect(page.locator(".approval")).to_have_count(0)
    order.refresh_from_db()
    assert order.status in (Order.Status.PLACED, Order.Status.SENT) and order.handoffs.count() == 1
    document = order.handoffs.get().document  # the ERP sells to the distributor, at its own price
    assert document["payer"]["name"] == distributor["user"].company.name and document["lines"][0]["net_price"] == "100"
    assert document["end_customer"]["name"] == "Sklep Pod Lampą"
    assert any("sklep@lampa.pl" in m.to and order.number in m.subject for m in mail.outbox)

    # 5. The end customer's order page no longer waits.
    shop.goto(f"/orders/{order.pk}/")
    expect(shop.locator(".awaiting-approval")).to_have_count(0)
