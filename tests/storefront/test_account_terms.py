"""My account: commercial terms from the ERP (finance figures only for users who may see finance)
and the company's own active shipping addresses."""
import re
from decimal import Decimal

import pytest

from backoffice.accounts.models import Address
from backoffice.accounts.selectors import shipping_addresses_for
from backoffice.core.roles import Role
from tests.factories import CompanyFactory, UserFactory

pytestmark = pytest.mark.django_db

ACCOUNT = "/account/"


@pytest.fixture
def company(db):
    company = CompanyFactory(
        name="Elektro-Mont s.c.",
        payment_terms_days=14,
        may_buy_on_terms=True,
        credit_limit=Decimal("50000.00"),
        balance=Decimal("-1200.50"),
        overdue_amount=Decimal("321.09"),
        logistic_minimum=Decimal("800.00"),
    )
    Address.objects.create(company=company, erp_id="A1", name="Magazyn Północ", street="ul. Krótka 2", postal_code="90-002", city="Łódź")
    Address.objects.create(company=company, erp_id="A2", name="Budowa Zachód", street="ul. Długa 9", postal_code="60-001", city="Poznań", phone="+48 61 000 00 00")
    Address.objects.create(company=company, erp_id="A3", name="Stary magazyn", street="ul. Zamknięta 1", postal_code="00-001", city="Radom", is_active=False)
    Address.objects.create(company=company, erp_id="B1", kind=Address.Kind.BILLING, name="Siedziba", street="ul. Księgowa 5", postal_code="00-002", city="Kielce")
    return company


@pytest.fixture
def other_company(db):
    other = CompanyFactory(name="Konkurencja S.A.")
    Address.objects.create(company=other, erp_id="X1", name="Magazyn konkurencji", street="ul. Tajna 13", postal_code="80-001", city="Gdańsk")
    return other


def section(html: str, section_id: str) -> str:
    match = re.search(rf'<section class="panel" id="{section_id}">.*?</section>', html, re.S)
    assert match, section_id
    return match.group(0)


def test_customer_sees_terms_and_finance(client, company):
    client.force_login(UserFactory(role=Role.CUSTOMER, company=company))
    html = client.get(ACCOUNT).content.decode()
    terms = section(html, "commercial-terms")
    for text in ("14", "800,00 PLN", "50000,00 PLN", "-1200,50 PLN", "321,09 PLN"):
        assert text in terms, text
    assert 'class="finance"' in terms


def test_english_labels(client, company):
    client.cookies["b2b_language"] = "en"
    client.force_login(UserFactory(role=Role.CUSTOMER, company=company))
    terms = section(client.get(ACCOUNT).content.decode(), "commercial-terms")
    for text in ("Payment terms", "14 days", "allowed", "Credit limit", "Balance", "Overdue", "800.00 PLN"):
        assert text in terms, text


def test_employee_without_finance_sees_terms_but_no_figures(client, company):
    client.force_login(UserFactory(role=Role.EMPLOYEE, company=company, can_see_finance=False))
    response = client.get(ACCOUNT)
    terms = section(response.content.decode(), "commercial-terms")
    assert "800,00 PLN" in terms and "14" in terms
    # formatted amounts (a random CSRF token on the page may contain bare digits, never a comma)
    for secret in ("50000,00", "1200,50", "321,09", 'class="finance"', "Limit kredytowy", "Credit limit"):
        assert secret not in response.content.decode(), secret


def test_employee_with_finance_sees_figures(client, company):
    client.force_login(UserFactory(role=Role.EMPLOYEE, company=company, can_see_finance=True))
    assert "321,09 PLN" in client.get(ACCOUNT).content.decode()


def test_company_without_terms(client):
    company = CompanyFactory(payment_terms_days=None, may_buy_on_terms=False, credit_limit=None, logistic_minimum=None)
    client.cookies["b2b_language"] = "en"
    client.force_login(UserFactory(role=Role.CUSTOMER, company=company))
    html = client.get(ACCOUNT).content.decode()
    assert "not allowed (prepayment)" in section(html, "commercial-terms")
    assert "No shipping addresses yet" in section(html, "shipping-addresses")


def test_only_own_active_shipping_addresses(client, company, other_company):
    client.force_login(UserFactory(role=Role.CUSTOMER, company=company))
    html = client.get(ACCOUNT, {"company": other_company.pk}).content.decode()
    addresses = section(html, "shipping-addresses")
    assert "Magazyn Północ" in addresses and "ul. Długa 9, 60-001 Poznań" in addresses and "+48 61 000 00 00" in addresses
    for hidden in ("Stary magazyn", "Siedziba", "Tajna", "Gdańsk", "Konkurencja"):
        assert hidden not in html, hidden


def test_selector_returns_active_shipping_addresses_only(company, other_company):
    assert [a.erp_id for a in shipping_addresses_for(company)] == ["A2", "A1"]  # by name
    assert list(shipping_addresses_for(None)) == []


def test_query_count_does_not_grow_with_addresses(client, company, django_assert_max_num_queries):
    for n in range(25):
        Address.objects.create(company=company, erp_id=f"N{n}", name=f"Punkt {n}", street="ul. Nowa 1", postal_code="00-100", city="Warszawa")
    client.force_login(UserFactory(role=Role.CUSTOMER, company=company))
    client.get(ACCOUNT)  # warm caches a real server keeps between requests
    with django_assert_max_num_queries(10):
        response = client.get(ACCOUNT)
    assert response.status_code == 200
    assert response.content.decode().count('<li class="address">') == 27
