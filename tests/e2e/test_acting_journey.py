"""Acting-as journey in a real browser (R01): the demo rep logs in, acts as an assigned customer
from the customers page, puts a product into the cart and places the order, stops acting (back in
the back office) and finds the order recorded with the rep."""
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from backoffice.accounts.models import User
from backoffice.acting.models import ActingAction, ActingSession
from backoffice.catalog.models import Warehouse
from backoffice.core.roles import Role
from backoffice.orders.models import Order
from backoffice.pricing.models import PriceList
from tests.catalog_factories import make_category, make_product, set_stock

pytestmark = pytest.mark.e2e


@pytest.fixture
def saw(demo_data):
    """A product in stock for the demo customer's company (served by the demo rep)."""
    customer = User.objects.get(email=demo_data["users"][Role.CUSTOMER])
    price_list = PriceList.objects.create(erp_id="PL-E2E-ACT", name="Cennik", currency=customer.company.currency)
    customer.company.price_list = price_list
    customer.company.save(update_fields=["price_list"])
    product = make_product(make_category("Piły"), "Piła tarczowa E2E", sku="E2E-ACT", price="250.00", price_list=price_list)
    set_stock(product, Warehouse.objects.create(erp_id="E2E-ACT-MAG", name="Magazyn", kind=Warehouse.Kind.LOCAL), "20")
    return {"product": product, "customer": customer}


def test_rep_acts_as_a_customer_places_an_order_and_stops(login, demo_data, saw):
    rep = User.objects.get(email=demo_data["users"][Role.SALES_REP])
    company = saw["customer"].company
    assert company.sales_rep == rep
    page = login(rep.email)
    expect(page).to_have_url(re.compile(r"/admin/$"))

    page.goto("/acting/customers/")
    row = page.locator(f".acting-row[data-company='{company.pk}']")
    expect(row).to_be_visible()
    with page.expect_navigation():
        row.locator("button[type=submit]").click()
    session = ActingSession.objects.get(rep=rep, ended_at__isnull=True)
    banner = page.locator(".acting-banner")
    expect(banner).to_contain_text(company.name)
    with translation.override("pl"):
        expect(banner.locator("button")).to_have_text(gettext("Stop acting"))

    page.goto(f"/catalog/p/{saw['product'].pk}/")
    page.locator("#id_quantity").fill("2")
    with page.expect_navigation():
        page.locator("#buy-form button[type=submit]").click()
    page.goto("/cart/")
    with page.expect_navigation():
        page.locator("a.checkout-link").click()
    page.locator("input[name=payment_method][value=cod]").check()
    with page.expect_navigation():
        page.locator("button.place-order").click()
    order = Order.objects.get()
    expect(page).to_have_url(re.compile(rf"/checkout/placed/{order.pk}/$"))
    assert (order.placed_by, order.acting_rep) == (saw["customer"], rep)
    assert ActingAction.objects.filter(session=session, order=order).exists()
    page.screenshot(path="/tmp/e2e-acting-placed.png", full_page=True)

    with page.expect_navigation():
        page.locator(".acting-banner button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/admin/accounts/company/{company.pk}/change/$"))
    session.refresh_from_db()
    assert session.end_reason == ActingSession.EndReason.STOPPED

    page.goto(f"/admin/orders/order/{order.pk}/change/")
    expect(page.locator("body")).to_contain_text(rep.get_full_name())
    page.goto(f"/admin/acting/actingsession/{session.pk}/change/")
    expect(page.locator("body")).to_contain_text(order.number)
    page.screenshot(path="/tmp/e2e-acting-audit.png", full_page=True)
