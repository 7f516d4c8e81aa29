import pytest

from backoffice.change_requests.models import ChangeRequest
from backoffice.core.roles import Role

GOOD_NIP = "5260250995"  # a valid check digit (tests/factories.py companies have 3982597916)


@pytest.fixture
def staff_admin(make_user):
    return make_user(Role.ADMIN, email="admin-wnioski@example.pl")


@pytest.fixture
def company(customer):
    company = customer.company
    company.email, company.phone, company.street, company.postal_code = "biuro@firma.pl", "22 111 22 33", "ul. Stara 1", "00-001"
    company.save()
    return company


def make_request(company, user=None, **fields) -> ChangeRequest:
    values = {"changes": {"phone": {"old": "22 111 22 33", "new": "22 999 99 99"}}, "message": "Nowy numer", **fields}
    return ChangeRequest.objects.create(company=company, requested_by=user, **values)
