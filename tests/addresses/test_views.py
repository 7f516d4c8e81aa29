"""The storefront's address pages: the company's addresses with their status, adding one, hiding
one the customer added; another company's address is a 404; bounded queries."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.core import mail
from django.utils import translation

from backoffice.accounts.models import Address
from backoffice.core.roles import Role

from .conftest import ADDRESS, customer_address, erp_address

pytestmark = pytest.mark.django_db


def test_list_shows_erp_and_own_addresses_with_their_status(shopper, world, other_buyer):
    erp_address(world.company)
    customer_address(world.company)
    customer_address(world.company, status=Address.Status.REJECTED, street="ul. Odrzucona 1", rejection_reason="Poza strefą")
    customer_address(world.company, street="ul. Ukryta 1", is_active=False)
    erp_address(other_buyer.company, street="ul. Cudza 1")
    with translation.override("en"):
        response = shopper.get("/company/addresses/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "ul. Krótka 2" in html and "ul. Nowa 7" in html and "ul. Odrzucona 1" in html and "Poza strefą" in html
    assert "ul. Ukryta 1" not in html and "ul. Cudza 1" not in html
    assert html.count('data-status="pending"') == 1 and html.count('data-status="rejected"') == 1


def test_employee_adds_an_address_that_waits_for_approval(client, world, make_user, staff_admin, django_capture_on_commit_callbacks):
    employee = make_user(Role.EMPLOYEE, company=world.company)
    client.force_login(employee)
    assert client.get("/company/addresses/new/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/company/addresses/new/", ADDRESS)
    assert response.status_code == 302 and response["Location"] == "/company/addresses/"
    address = Address.objects.get()
    assert (address.company, address.created_by, address.status, address.source) == (world.company, employee, "pending", "customer")
    assert any(staff_admin.email in m.to for m in mail.outbox)


def test_bad_input_shows_errors_in_polish_and_stores_nothing(shopper, world):
    response = shopper.post("/company/addresses/new/", {**ADDRESS, "postal_code": "12345678", "street": ""})
    assert response.status_code == 400
    form = response.context["form"]
    assert "postal_code" in form.errors and "street" in form.errors
    assert "00-000" in response.content.decode()
    assert not Address.objects.exists()


def test_customer_hides_its_own_address_but_not_an_erp_one(shopper, world):
    own = customer_address(world.company, status=Address.Status.APPROVED)
    erp = erp_address(world.company)
    assert shopper.get(f"/company/addresses/{own.pk}/remove/").status_code == 405
    assert shopper.post(f"/company/addresses/{own.pk}/remove/").status_code == 302
    assert shopper.post(f"/company/addresses/{erp.pk}/remove/").status_code == 302
    own.refresh_from_db(), erp.refresh_from_db()
    assert (own.is_active, erp.is_active) == (False, True)
    assert shopper.post(f"/company/addresses/{own.pk}/remove/").status_code == 404  # hidden already


def test_another_companys_address_is_a_404(shopper, other_buyer):
    theirs = customer_address(other_buyer.company)
    assert shopper.post(f"/company/addresses/{theirs.pk}/remove/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_active


def test_staff_get_404(client, staff_admin):
    client.force_login(staff_admin)
    assert client.get("/company/addresses/").status_code == 404
    assert client.get("/company/addresses/new/").status_code == 404


def test_list_queries_do_not_grow_with_the_rows(shopper, world, make_user, django_assert_max_num_queries):
    authors = [make_user(Role.EMPLOYEE, company=world.company) for _ in range(3)]

    def add(rows, start=0):
        for n in range(start, start + rows):
            customer_address(world.company, street=f"ul. Nowa {n}", created_by=authors[n % 3])
            erp_address(world.company, erp_id=f"E{n}")

    add(2)
    shopper.get("/company/addresses/")  # warm caches
    with CaptureQueriesContext(connection) as small:
        shopper.get("/company/addresses/")
    add(30, start=2)
    with django_assert_max_num_queries(len(small)):
        response = shopper.get("/company/addresses/")
    assert len(response.context["addresses"]) == 64 and len(small) <= 20
