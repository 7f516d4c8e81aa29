"""A06 services: a request records only real changes (NIP checked), staff are emailed with a
back-office link; a status change emails the customer with the staff's answer."""
import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from backoffice.change_requests import services
from backoffice.change_requests.models import ChangeRequest

from .conftest import GOOD_NIP, make_request

pytestmark = pytest.mark.django_db


def test_request_records_the_changes_and_emails_staff(company, customer, staff_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = services.change_request_create(
            company=company, user=customer, message="Przeprowadzka",
            new_values={"name": company.name, "nip": f"PL{GOOD_NIP[:3]}-{GOOD_NIP[3:]}", "street": "ul. Nowa 2", "email": "", "other": "Nowa osoba"})
    assert request.changes == {"nip": {"old": "3982597916", "new": GOOD_NIP}, "street": {"old": "ul. Stara 1", "new": "ul. Nowa 2"},
                               "other": {"old": "", "new": "Nowa osoba"}}
    assert (request.status, request.requested_by, request.message) == ("new", customer, "Przeprowadzka")
    (message,) = [m for m in mail.outbox if staff_admin.email in m.to]
    assert company.name in message.subject and "ul. Nowa 2" in message.body and "Przeprowadzka" in message.body
    assert f"/admin/change_requests/changerequest/{request.pk}/change/" in message.body
    assert customer.email not in message.to


@pytest.mark.parametrize("values", [{"nip": "1234567890"}, {"name": ""}, {"street": "ul. Stara 1"}, {"unknown": "x"}])
def test_invalid_or_empty_requests_change_nothing(company, customer, values):
    with pytest.raises(ValidationError):
        services.change_request_create(company=company, user=customer, new_values=values)
    assert not ChangeRequest.objects.exists()


def test_status_change_emails_the_customer_with_the_answer(company, customer, staff_admin, django_capture_on_commit_callbacks):
    request = make_request(company, customer)
    with django_capture_on_commit_callbacks(execute=True):
        services.change_request_set_status(change_request_id=request.pk, status="done", answer="Zmienione w ERP", user=staff_admin)
    request.refresh_from_db()
    assert (request.status, request.staff_answer, request.handled_by) == ("done", "Zmienione w ERP", staff_admin)
    (message,) = mail.outbox
    assert message.to == [customer.email] and "Zmienione w ERP" in message.body and "22 999 99 99" in message.body
    assert f"/company/change-requests/{request.pk}/" in message.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # same status, new answer: no email
        services.change_request_set_status(change_request_id=request.pk, status="done", answer="Poprawka", user=staff_admin)
    assert mail.outbox == []


def test_rejection_needs_an_answer(company, customer, staff_admin):
    request = make_request(company, customer)
    with pytest.raises(ValidationError):
        services.change_request_set_status(change_request_id=request.pk, status="rejected", answer="", user=staff_admin)
    with pytest.raises(ValidationError):
        services.change_request_set_status(change_request_id=request.pk, status="bogus", answer="x", user=staff_admin)
    request.refresh_from_db()
    assert request.status == "new"
