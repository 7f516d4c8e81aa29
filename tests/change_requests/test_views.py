"""A06 pages: the company's requests (everybody in the company sees them), one request (another
company's is a 404), the form with the current values; bad input changes nothing; back office."""
import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from backoffice.change_requests.models import ChangeRequest
from backoffice.core.roles import Role

from .conftest import GOOD_NIP, make_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer(client, customer, company):
    client.force_login(customer)
    return client


def test_form_shows_current_values_and_files_a_request(buyer, company, customer, staff_admin, django_capture_on_commit_callbacks):
    page = buyer.get("/company/change-requests/new/")
    html = page.content.decode()
    assert page.status_code == 200 and "ul. Stara 1" in html and "3982597916" in html and "biuro@firma.pl" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = buyer.post("/company/change-requests/new/", {"phone": "22 999 99 99", "nip": GOOD_NIP, "message": "Prosimy"})
    request = ChangeRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/company/change-requests/{request.pk}/"
    assert set(request.changes) == {"phone", "nip"} and request.requested_by == customer
    assert any(staff_admin.email in m.to for m in mail.outbox)
    detail = buyer.get(response["Location"]).content.decode()
    assert "22 999 99 99" in detail and "Prosimy" in detail


@pytest.mark.parametrize("data,field", [({"nip": "1234567890"}, "nip"), ({"email": "not-an-email"}, "email"), ({}, None),
                                        ({"street": "ul. Stara 1"}, None)])
def test_bad_input_is_shown_and_nothing_is_filed(buyer, data, field):
    response = buyer.post("/company/change-requests/new/", data)
    assert response.status_code == 400 and not ChangeRequest.objects.exists()
    form = response.context["form"]
    assert (field in form.errors) if field else form.non_field_errors()


def test_everybody_in_the_company_sees_its_requests_and_no_one_elses(client, company, customer, make_user):
    employee = make_user(Role.EMPLOYEE, company=company, can_see_finance=False)
    ours = make_request(company, customer)
    stranger = make_user(Role.CUSTOMER)
    theirs = make_request(stranger.company, stranger, message="Cudzy wniosek")
    client.force_login(employee)
    html = client.get("/company/change-requests/").content.decode()
    assert f'data-request="{ours.pk}"' in html and f'data-request="{theirs.pk}"' not in html
    assert client.get(f"/company/change-requests/{ours.pk}/").status_code == 200
    assert client.get(f"/company/change-requests/{theirs.pk}/").status_code == 404
    assert client.post("/company/change-requests/new/", {"phone": "1"}).status_code == 302  # any buyer may file one


def test_staff_get_404(client, staff_admin, company, customer):
    request = make_request(company, customer)
    client.force_login(staff_admin)
    for url in ("/company/change-requests/", "/company/change-requests/new/", f"/company/change-requests/{request.pk}/"):
        assert client.get(url).status_code == 404


def test_account_page_links_the_form(buyer):
    with translation.override("en"):
        html = buyer.get("/account/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'href="/company/change-requests/new/"' in html and 'href="/company/addresses/"' in html


def test_list_queries_do_not_grow_with_the_rows(buyer, company, customer, make_user, django_assert_max_num_queries):
    people = [customer, *(make_user(Role.EMPLOYEE, company=company) for _ in range(3))]
    for n in range(2):
        make_request(company, people[n])
    buyer.get("/company/change-requests/")
    with CaptureQueriesContext(connection) as small:
        buyer.get("/company/change-requests/")
    for n in range(30):
        make_request(company, people[n % 4])
    with django_assert_max_num_queries(len(small)):
        response = buyer.get("/company/change-requests/")
    assert len(response.context["requests"]) == 32 and len(small) <= 20


def test_back_office_sets_the_status_with_an_answer(client, staff_admin, company, customer, django_capture_on_commit_callbacks):
    request = make_request(company, customer)
    client.force_login(staff_admin)
    assert client.get("/admin/change_requests/changerequest/?status__exact=new").status_code == 200
    page = client.get(f"/admin/change_requests/changerequest/{request.pk}/change/")
    assert page.status_code == 200 and "22 999 99 99" in page.content.decode()
    url = f"/admin/change_requests/changerequest/{request.pk}/change/"
    assert client.post(url, {"status": "rejected", "staff_answer": ""}).status_code == 200  # an answer is required
    request.refresh_from_db()
    assert request.status == "new"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"status": "in_progress", "staff_answer": "Zmieniamy w ERP"}).status_code == 302
    request.refresh_from_db()
    assert (request.status, request.handled_by) == ("in_progress", staff_admin)
    assert [m.to for m in mail.outbox] == [[customer.email]] and "Zmieniamy w ERP" in mail.outbox[0].body
