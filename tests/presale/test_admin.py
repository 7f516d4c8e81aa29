"""S07 in the back office: the pre-sale orders waiting for stock (Orders section) with their CSV
export, and the pre-sale products (sold, left to sell, closing)."""
import csv
import io
from decimal import Decimal

import pytest
from django.utils import translation

from backoffice.core.models import ModuleSwitch
from backoffice.core.modules import forget_cached_switches
from backoffice.core.roles import Role
from backoffice.inventory.models import PresaleOffer
from backoffice.orders.admin_presale import csv_header
from backoffice.orders.models import Order
from tests.catalog_factories import make_product, set_stock
from tests.factories import CompanyFactory

from .conftest import PLANNED, presale_order

pytestmark = pytest.mark.django_db
ORDERS_URL = "/admin/orders/presaleorder/"
CSV_URL = "/admin/orders/presaleorder/export-csv/"
OFFERS_URL = "/admin/inventory/presaleoffer/"
DIALOG = {"_form_submitted": "on"}  # unfold's confirmation dialog


@pytest.fixture
def staff(client, make_user):
    client.force_login(make_user(Role.ADMIN))
    return client


def read_csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads UTF-8 with a BOM
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_section_lists_only_pre_sale_orders_still_waiting(staff, world, novelty):
    waiting = presale_order(world.company, novelty, 3)
    presale_order(world.company, novelty, 4, status=Order.Status.PLACED)  # released already
    Order.objects.create(number="ZW/1", company=world.company, status=Order.Status.AWAITING_STOCK)  # not pre-sale
    html = staff.get(ORDERS_URL).content.decode()
    assert waiting.number in html and "PS/" in html
    assert html.count('name="_selected_action"') == 1
    assert PLANNED.isoformat() in html and "3 szt" in html


def test_the_list_costs_the_same_for_1_and_20_orders(staff, world, novelty, django_assert_max_num_queries):
    presale_order(world.company, novelty, 1)
    staff.get(ORDERS_URL)  # warm caches (sidebar, module switches)
    with django_assert_max_num_queries(12) as small:
        staff.get(ORDERS_URL)
    for i in range(19):
        presale_order(CompanyFactory(), novelty, i + 1)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert staff.get(ORDERS_URL).content.decode().count('name="_selected_action"') == 20


def test_csv_export_of_future_orders(staff, world, novelty):
    company = world.company
    company.nip, company.name = "5252248481", "=HYPERLINK(\"http://evil\")"
    company.save()
    first = presale_order(company, novelty, 2, unit="karton", factor="12", user=world.user, customer_reference="+48 PO-7")
    presale_order(company, novelty, 1, status=Order.Status.CANCELLED)
    rows = read_csv(staff.get(CSV_URL))
    with translation.override("pl"):
        assert rows[0] == csv_header() and len(rows[0]) == 14
    assert len(rows) == 2
    row = rows[1]
    assert row[0] == first.number
    assert row[2] == "'=HYPERLINK(\"http://evil\")"  # never a live formula
    assert row[3] == "5252248481"
    assert row[5:10] == ["WK-2027", "Wkrętarka 2027", "2.000", "karton", "24.000"]
    assert row[10] == PLANNED.isoformat()
    assert row[12] == "'+48 PO-7"
    assert row[13] == world.user.email


def test_export_selected_orders(staff, world, novelty):
    chosen = presale_order(world.company, novelty, 1)
    presale_order(world.company, novelty, 2)
    response = staff.post(ORDERS_URL, {"action": "export_selected", "_selected_action": [chosen.pk]})
    rows = read_csv(response)
    assert [row[0] for row in rows[1:]] == [chosen.number]


def test_reps_export_their_own_customers_only(client, make_user, world, novelty):
    rep = make_user(Role.SALES_REP)
    world.company.sales_rep = rep
    world.company.save()
    mine = presale_order(world.company, novelty, 1)
    presale_order(CompanyFactory(), novelty, 2)
    client.force_login(rep)
    assert [row[0] for row in read_csv(client.get(CSV_URL))[1:]] == [mine.number]


def test_release_action_on_the_orders_screen(staff, world, novelty, local):
    order = presale_order(world.company, novelty, 1)
    set_stock(novelty, local, 10)
    response = staff.post(ORDERS_URL + "release-arrived/", DIALOG)
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == Order.Status.PLACED


def test_offer_list_shows_sold_and_left_to_sell(staff, world, novelty):
    presale_order(world.company, novelty, 30)
    presale_order(world.company, novelty, 2, unit="karton", factor="12")
    presale_order(world.company, novelty, 9, status=Order.Status.CANCELLED)
    html = staff.get(OFFERS_URL).content.decode()
    assert "WK-2027" in html
    assert ">54<" in html and ">46<" in html  # sold 30 + 24, left 100 - 54


def test_staff_close_an_offer_and_its_orders_are_released(staff, world, novelty, offer):
    order = presale_order(world.company, novelty, 5)
    response = staff.post(f"{OFFERS_URL}{offer.pk}/close/", DIALOG)
    assert response.status_code == 302
    offer.refresh_from_db()
    order.refresh_from_db()
    assert not offer.is_active and order.status == Order.Status.PLACED


def test_bulk_close_action(staff, world, novelty, offer):
    order = presale_order(world.company, novelty, 5)
    staff.post(OFFERS_URL, {"action": "close_selected", "_selected_action": [offer.pk]})
    order.refresh_from_db()
    assert order.status == Order.Status.PLACED


def test_new_offer_for_a_product_in_stock_is_refused(staff, world, local):
    product = make_product(world.leaf, "Młotek", price="10", price_list=world.price_list, index=False)
    set_stock(product, local, 3)
    data = {"product": product.pk, "planned_delivery_date": "2030-01-10", "sellable_quantity": "10"}
    response = staff.post(OFFERS_URL + "add/", data)
    assert response.status_code == 200 and not PresaleOffer.objects.exists()
    set_stock(product, local, 0)
    assert staff.post(OFFERS_URL + "add/", data).status_code == 302
    assert PresaleOffer.objects.get().sellable_quantity == Decimal("10")


def test_sellable_quantity_cannot_go_below_what_was_sold(staff, world, novelty, offer):
    presale_order(world.company, novelty, 60)
    data = {"planned_delivery_date": PLANNED.isoformat(), "sellable_quantity": "50"}
    response = staff.post(f"{OFFERS_URL}{offer.pk}/change/", data)
    assert response.status_code == 200
    offer.refresh_from_db()
    assert offer.sellable_quantity == Decimal("100")
    assert staff.post(f"{OFFERS_URL}{offer.pk}/change/", {**data, "sellable_quantity": "60"}).status_code == 302


def test_an_offer_with_waiting_orders_cannot_be_deleted(staff, world, novelty, offer):
    presale_order(world.company, novelty, 1)
    assert staff.post(f"{OFFERS_URL}{offer.pk}/delete/", {"post": "yes"}).status_code == 403
    assert PresaleOffer.objects.filter(pk=offer.pk).exists()


def test_screens_answer_404_while_the_module_is_off(staff, novelty):
    ModuleSwitch.objects.update_or_create(key="presale", defaults={"enabled": False})
    forget_cached_switches()
    assert staff.get(ORDERS_URL).status_code == 404
    assert staff.get(CSV_URL).status_code == 404
    assert staff.get(OFFERS_URL).status_code == 404
