"""C04 in the back office: staff restrict a category and choose the customers who see it, from the
category page or the company page; what catalog_access_for_company reports follows at once."""
import pytest
from django.urls import reverse

from backoffice.catalog.models import Category, CategoryAccess
from backoffice.catalog.selectors import catalog_access_for_company, products_visible_to
from backoffice.core.roles import Role
from backoffice.catalog.tree import category_tree_changed
from tests.catalog_factories import catalog_world, make_category, make_product

from .helpers import add_inline_row, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user):
    world = catalog_world(make_user)
    world.secret = make_category("Oferta specjalna", world.root)
    world.secret_child = make_category("Oferta specjalna – kable", world.secret)
    make_product(world.leaf, "Wiertarka udarowa", price="100.00", price_list=world.price_list)
    make_product(world.secret_child, "Kabel specjalny", price="10.00", price_list=world.price_list)
    world.other = make_user(Role.CUSTOMER).company
    world.other.price_list = world.price_list
    world.other.save(update_fields=["price_list"])
    return world


def _category_url(category):
    return reverse("admin:catalog_category_change", args=[category.pk])


def _company_url(company):
    return reverse("admin:accounts_company_change", args=[company.pk])


def _hidden(company):
    return catalog_access_for_company(company).hidden_category_ids


def _restrict(category):
    """Test set-up outside the admin: the flag, and the cached tree dropped as the sync would."""
    Category.objects.filter(pk=category.pk).update(restricted=True)
    category_tree_changed()


def test_admin_restricts_a_category_and_assigns_a_customer(client, admin_user, world):
    assert world.secret.pk not in _hidden(world.other)  # also warms the cached category tree
    client.force_login(admin_user)
    page = client.get(_category_url(world.secret))
    assert page.status_code == 200
    data = add_inline_row(form_data(page, "category_form", restricted="on"), "access", company=str(world.company.pk))
    response = client.post(_category_url(world.secret), data)
    assert response.status_code == 302, response.content.decode()[:2000]

    world.secret.refresh_from_db()
    assert world.secret.restricted
    assert list(CategoryAccess.objects.values_list("company_id", "category_id")) == [(world.company.pk, world.secret.pk)]
    # the storefront's cached tree was dropped: both customers' views changed without a cache clear
    assert {world.secret.pk, world.secret_child.pk} <= _hidden(world.other)
    assert not {world.secret.pk, world.secret_child.pk} & _hidden(world.company)
    assert products_visible_to(catalog_access_for_company(world.other)).count() == 1
    assert products_visible_to(catalog_access_for_company(world.company)).count() == 2


def test_erp_fields_of_a_category_stay_read_only(client, admin_user, world):
    client.force_login(admin_user)
    page = client.get(_category_url(world.secret))
    assert 'name="restricted"' in page.content.decode()
    data = form_data(page, "category_form", restricted="on", erp_id="HACKED", sort="99", is_active=None)
    assert client.post(_category_url(world.secret), data).status_code == 302
    world.secret.refresh_from_db()
    assert (world.secret.erp_id, world.secret.sort, world.secret.is_active, world.secret.restricted) != ("HACKED", 99, False, False)
    assert world.secret.erp_id.startswith("CAT-T") and world.secret.sort == 0 and world.secret.is_active and world.secret.restricted
    assert client.get(reverse("admin:catalog_category_add")).status_code == 403
    assert client.get(reverse("admin:catalog_category_delete", args=[world.secret.pk])).status_code == 403


def test_revoking_an_assignment_hides_the_category_again(client, admin_user, world):
    _restrict(world.secret)
    CategoryAccess.objects.create(company=world.company, category=world.secret)
    assert world.secret.pk not in _hidden(world.company)  # tree cached with the grant in place
    client.force_login(admin_user)
    page = client.get(_category_url(world.secret))
    data = form_data(page, "category_form", **{"access-0-DELETE": "on"})
    assert client.post(_category_url(world.secret), data).status_code == 302
    assert not CategoryAccess.objects.exists()
    assert world.secret.pk in _hidden(world.company)


def test_unrestricting_shows_the_category_to_everybody(client, admin_user, world):
    _restrict(world.secret)
    assert world.secret.pk in _hidden(world.other)
    client.force_login(admin_user)
    page = client.get(_category_url(world.secret))
    assert client.post(_category_url(world.secret), form_data(page, "category_form", restricted=None)).status_code == 302
    assert world.secret.pk not in _hidden(world.other)


def test_company_page_assigns_restricted_categories(client, admin_user, world):
    _restrict(world.secret)
    client.force_login(admin_user)
    assert world.secret.pk in _hidden(world.company)
    page = client.get(_company_url(world.company))
    assert page.status_code == 200
    data = add_inline_row(form_data(page, "company_form"), "category_access", category=str(world.secret.pk))
    response = client.post(_company_url(world.company), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert CategoryAccess.objects.filter(company=world.company, category=world.secret).exists()
    assert world.secret.pk not in _hidden(world.company)
    html = client.get(_company_url(world.company)).content.decode()
    assert "Oferta specjalna" in html


def test_company_page_autocomplete_offers_restricted_categories_only(client, admin_user, world):
    _restrict(world.secret)
    client.force_login(admin_user)
    params = {"app_label": "catalog", "model_name": "categoryaccess", "field_name": "category", "term": "Oferta"}
    results = client.get("/admin/autocomplete/", params).json()["results"]
    assert [r["id"] for r in results] == [str(world.secret.pk)]  # not its unrestricted subcategory


def test_marketing_restricts_but_never_sees_customer_assignments(client, make_user, world):
    CategoryAccess.objects.create(company=world.company, category=world.secret)
    client.force_login(make_user(Role.MARKETING))
    page = client.get(_category_url(world.secret))
    html = page.content.decode()
    assert page.status_code == 200
    assert "access-TOTAL_FORMS" not in html and world.company.name not in html
    assert client.post(_category_url(world.secret), form_data(page, "category_form", restricted="on")).status_code == 302
    world.secret.refresh_from_db()
    assert world.secret.restricted
    assert CategoryAccess.objects.count() == 1  # untouched


def test_sales_manager_sees_but_cannot_change(client, make_user, world):
    CategoryAccess.objects.create(company=world.company, category=world.secret)
    client.force_login(make_user(Role.SALES_MANAGER))
    page = client.get(_category_url(world.secret))
    assert page.status_code == 200
    assert world.company.name in page.content.decode()  # the assignment, read-only
    assert client.post(_category_url(world.secret), {"restricted": "on"}).status_code == 403
    world.secret.refresh_from_db()
    assert not world.secret.restricted


def test_company_page_assignments_per_role(client, make_user, world):
    CategoryAccess.objects.create(company=world.company, category=world.secret)
    client.force_login(make_user(Role.SALES_MANAGER))  # customers: edit, catalog: view
    html = client.get(_company_url(world.company)).content.decode()
    assert "Oferta specjalna" in html and 'name="category_access-0-category"' not in html  # shown read-only
    rep = make_user(Role.SALES_REP)  # no catalog section at all
    world.company.sales_rep = rep
    world.company.save(update_fields=["sales_rep"])
    client.force_login(rep)
    page = client.get(_company_url(world.company))
    assert page.status_code == 200 and "category_access-TOTAL_FORMS" not in page.content.decode()


def test_sales_rep_and_customers_are_refused(client, make_user, world):
    client.force_login(make_user(Role.SALES_REP))
    assert client.get(_category_url(world.secret)).status_code == 403
    client.force_login(world.user)
    assert client.get(_category_url(world.secret)).status_code == 404
    assert client.post(_category_url(world.secret), {"restricted": "on"}).status_code == 404
    world.secret.refresh_from_db()
    assert not world.secret.restricted


def test_changing_an_assignment_moves_it_to_the_other_customer(client, admin_user, world):
    _restrict(world.secret)
    CategoryAccess.objects.create(company=world.company, category=world.secret)
    client.force_login(admin_user)
    page = client.get(_category_url(world.secret))
    data = form_data(page, "category_form", **{"access-0-company": str(world.other.pk)})
    assert client.post(_category_url(world.secret), data).status_code == 302
    assert list(CategoryAccess.objects.values_list("company_id", flat=True)) == [world.other.pk]
    assert world.secret.pk in _hidden(world.company) and world.secret.pk not in _hidden(world.other)
