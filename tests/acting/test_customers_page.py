"""The rep's customers page (/acting/customers/): only the companies the user may act for,
searchable, a fixed number of queries."""
import pytest

from backoffice.core.roles import Role
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db


def _names(response):
    return [company.name for company in response.context["page"].companies]


def test_a_rep_sees_only_assigned_companies_with_access(rep_client, rep, world, make_user):
    make_user(Role.CUSTOMER)  # somebody else's customer
    CompanyFactory(name="Bez dostępu", sales_rep=rep, b2b_access=False)
    response = rep_client.get("/acting/customers/")
    assert response.status_code == 200 and _names(response) == [world.company.name]
    html = response.content.decode()
    assert f'action="/acting/start/{world.company.pk}/"' in html and world.user.email in html


def test_search_by_name_tax_id_or_city(rep_client, rep, world):
    CompanyFactory(name="Elektro-Hurt", city="Gdańsk", sales_rep=rep)
    assert _names(rep_client.get("/acting/customers/?q=gdańsk")) == ["Elektro-Hurt"]
    assert _names(rep_client.get("/acting/customers/?q=nic-takiego")) == []
    assert rep_client.get("/acting/customers/?page=abc").status_code == 200


def test_managers_see_every_company(client, make_user, world):
    other = make_user(Role.CUSTOMER).company
    client.force_login(make_user(Role.SALES_MANAGER))
    assert {world.company.name, other.name} <= set(_names(client.get("/acting/customers/")))


def test_query_count_does_not_grow_with_the_customers(rep_client, rep, make_user, django_assert_max_num_queries):
    """The page itself: a count and one page of companies (main account email as a subquery);
    the rest is the storefront frame (session, user, branding, menus: about a dozen)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        make_user(Role.CUSTOMER, company=CompanyFactory(sales_rep=rep))
    with CaptureQueriesContext(connection) as small:
        assert len(rep_client.get("/acting/customers/").context["page"].companies) == 3
    assert len(small) <= 16
    for _ in range(40):
        make_user(Role.CUSTOMER, company=CompanyFactory(sales_rep=rep))
    with django_assert_max_num_queries(len(small)):
        response = rep_client.get("/acting/customers/")
    assert response.status_code == 200 and len(response.context["page"].companies) == 25
