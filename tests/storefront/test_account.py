"""My account (A06) and the sales rep card in the header (R01)."""
import re

import pytest

from backoffice.core.roles import Role
from tests.factories import CompanyFactory, UserFactory

pytestmark = pytest.mark.django_db

ACCOUNT = "/account/"


@pytest.fixture
def rep(db):
    return UserFactory(role=Role.SALES_REP, first_name="Anna", last_name="Opiekunka", phone="+48 600 100 200",
                       email="anna.opiekunka@example.pl")


@pytest.fixture
def company(rep):
    return CompanyFactory(name="Elektro-Hurt Sp. z o.o.", nip="3982597916", street="ul. Prądowa 7", postal_code="00-950",
                          city="Kraków", email="biuro@elektro-hurt.pl", phone="+48 12 345 67 89", sales_rep=rep)


@pytest.fixture
def buyer(company):
    return UserFactory(role=Role.CUSTOMER, company=company, first_name="Piotr", last_name="Kupiec")


def _rep_card(html):
    match = re.search(r'<aside class="rep-card.*?</aside>', html, re.S)
    return match.group(0) if match else None


def test_customer_sees_their_company_data(client, buyer):
    client.force_login(buyer)
    response = client.get(ACCOUNT)
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Elektro-Hurt Sp. z o.o.", "3982597916", "ul. Prądowa 7", "00-950 Kraków", "PLN",
                 "biuro@elektro-hurt.pl", "+48 12 345 67 89", "Piotr Kupiec", buyer.email):
        assert text in html, text
    assert response.context["company"] == buyer.company


def test_every_buyer_role_has_an_account_page(client, company):
    for role in (Role.CUSTOMER, Role.EMPLOYEE, Role.DISTRIBUTOR, Role.END_CUSTOMER):
        client.force_login(UserFactory(role=role, company=company))
        response = client.get(ACCOUNT)
        assert response.status_code == 200, role
        assert "Elektro-Hurt Sp. z o.o." in response.content.decode()


def test_rep_card_in_the_header(client, buyer):
    client.force_login(buyer)
    for path in ("/", ACCOUNT):
        html = client.get(path).content.decode()
        card = _rep_card(html)
        assert card is not None, path
        assert html.index(card) < html.index("</header>")
        assert '<strong class="rep-name">Anna Opiekunka</strong>' in card
        assert 'href="tel:+48 600 100 200"' in card
        assert 'href="mailto:anna.opiekunka@example.pl"' in card


def test_no_rep_card_without_a_rep(client):
    buyer = UserFactory(role=Role.CUSTOMER, company=CompanyFactory(sales_rep=None))
    client.force_login(buyer)
    html = client.get("/").content.decode()
    assert _rep_card(html) is None
    assert "rep-card" not in html


def test_no_rep_card_when_the_rep_is_inactive(client, buyer, rep):
    rep.is_active = False
    rep.save()
    client.force_login(buyer)
    assert _rep_card(client.get("/").content.decode()) is None


def test_end_customer_without_a_rep_sees_the_distributors_rep(client, company):
    company.is_distributor = True
    company.save()
    end_company = CompanyFactory(name="Sklep Końcowy", distributor=company, sales_rep=None)
    end_customer = UserFactory(role=Role.END_CUSTOMER, company=end_company)
    client.force_login(end_customer)
    card = _rep_card(client.get("/").content.decode())
    assert card is not None
    assert "Anna Opiekunka" in card


def test_end_customer_with_own_rep_sees_their_own(client, company):
    own_rep = UserFactory(role=Role.SALES_REP, first_name="Marek", last_name="Własny")
    end_company = CompanyFactory(distributor=company, sales_rep=own_rep)
    client.force_login(UserFactory(role=Role.END_CUSTOMER, company=end_company))
    card = _rep_card(client.get("/").content.decode())
    assert "Marek Własny" in card
    assert "Anna Opiekunka" not in card


def test_staff_get_404_on_account(client, make_user):
    for role in (Role.ADMIN, Role.MARKETING, Role.SALES_MANAGER, Role.SALES_REP):
        client.force_login(make_user(role))
        assert client.get(ACCOUNT).status_code == 404, role


def test_staff_see_no_rep_card(client, rep, company):
    client.force_login(rep)
    assert _rep_card(client.get("/").content.decode()) is None


def test_applicant_cannot_open_account(client, make_user):
    client.force_login(make_user(Role.APPLICANT))
    response = client.get(ACCOUNT)
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert response["Location"] == "/application-pending/"


def test_buyer_role_without_company_gets_404(client, make_user):
    client.force_login(make_user(Role.CUSTOMER, company=None))
    assert client.get(ACCOUNT).status_code == 404


def test_account_shows_only_the_users_own_company(client, buyer):
    other = CompanyFactory(name="Konkurencja S.A.", nip="5260250274", city="Gdańsk", email="tajne@konkurencja.pl")
    UserFactory(role=Role.CUSTOMER, company=other, email="szef@konkurencja.pl")
    client.force_login(buyer)
    for url in (ACCOUNT, f"{ACCOUNT}?company={other.pk}", f"{ACCOUNT}?pk={other.pk}"):
        html = client.get(url).content.decode()
        assert "Elektro-Hurt Sp. z o.o." in html
        for secret in ("Konkurencja", "5260250274", "Gdańsk", "tajne@konkurencja.pl", "szef@konkurencja.pl"):
            assert secret not in html


def test_account_page_query_count(client, buyer, django_assert_max_num_queries):
    client.force_login(buyer)
    client.get(ACCOUNT)  # warm caches that a real server keeps between requests (module switches, site)
    with django_assert_max_num_queries(9):
        assert client.get(ACCOUNT).status_code == 200


def test_home_page_query_count(client, buyer, django_assert_max_num_queries):
    client.force_login(buyer)
    client.get("/")
    with django_assert_max_num_queries(13):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("flag", ["b2b_access", "is_active"])
def test_company_without_platform_access_has_no_account_page(client, buyer, company, flag):
    setattr(company, flag, False)
    company.save()
    client.force_login(buyer)
    response = client.get(ACCOUNT)
    assert response.status_code in (302, 404)
    assert "Elektro-Hurt" not in response.content.decode()
