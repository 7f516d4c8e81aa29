"""Addresses test data: the customer of tests/conftest.py `world`, another company, an admin."""
import pytest

from backoffice.accounts.models import Address
from backoffice.core.roles import Role

ADDRESS = {"name": "Budowa Północ", "street": "ul. Nowa 7", "postal_code": "90-123", "city": "Łódź", "country": "PL",
           "phone": "+48 600 100 200"}


@pytest.fixture
def staff_admin(make_user):
    return make_user(Role.ADMIN, email="admin-adresy@example.pl")


@pytest.fixture
def other_buyer(make_user):
    return make_user(Role.CUSTOMER)


def erp_address(company, **fields) -> Address:
    values = {"name": "Magazyn ERP", "street": "ul. Krótka 2", "postal_code": "90-002", "city": "Łódź", "erp_id": "A1", **fields}
    return Address.objects.create(company=company, kind=Address.Kind.SHIPPING, **values)


def customer_address(company, status=Address.Status.PENDING, **fields) -> Address:
    values = {**ADDRESS, "source": Address.Source.CUSTOMER, "status": status, **fields}
    return Address.objects.create(company=company, kind=Address.Kind.SHIPPING, **values)
