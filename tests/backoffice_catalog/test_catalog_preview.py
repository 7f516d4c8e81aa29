"""C04 preview: "Catalog as this customer sees it", opened from the company page."""
import re

import pytest
from django.urls import reverse

from backoffice.catalog.models import Category, CategoryAccess
from backoffice.catalog.selectors import catalog_access_for_company, products_visible_to
from backoffice.catalog.tree import category_tree_changed
from backoffice.core.roles import Role
from tests.catalog_factories import catalog_world, make_category, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user):
    world = catalog_world(make_user)
    world.secret = make_category("Oferta specjalna", world.root)
    world.granted = make_category("Dla wybranych", world.root)
    Category.objects.filter(pk__in=[world.secret.pk, world.granted.pk]).update(restricted=True)
    CategoryAccess.objects.create(company=world.company, category=world.granted)
    category_tree_changed()
    for n in range(3):
        make_product(world.leaf, f"Wiertarka {n}", sku=f"WIE-{n}", price="100.00", price_list=world.price_list, index=False)
    make_product(world.leaf, "Bez ceny", sku="NOPRICE", index=False)  # no price: invisible (C03)
    make_product(world.secret, "Tajny", sku="SECRET-1", price="5.00", price_list=world.price_list, index=False)
    make_product(world.granted, "Wybrany", sku="GRANT-1", price="5.00", price_list=world.price_list, index=False)
    return world


def _url(company):
    return reverse("admin:accounts_company_catalog_preview", args=[company.pk])


def _hidden_rows(html) -> dict[int, str]:
    return {int(pk): hidden for pk, hidden in re.findall(r'data-category="(\d+)" data-hidden="([01])"', html)}


def test_preview_shows_what_the_customer_sees(client, admin_user, world):
    client.force_login(admin_user)
    response = client.get(_url(world.company))
    assert response.status_code == 200
    html = response.content.decode()
    expected = products_visible_to(catalog_access_for_company(world.company)).count()
    assert expected == 4
    assert re.search(r'data-testid="visible-count">\s*4\s*<', html)
    assert _hidden_rows(html) == {world.root.pk: "0", world.leaf.pk: "0", world.secret.pk: "1", world.granted.pk: "0"}
    assert "restricted, assigned to this customer" in html and "restricted, not assigned to this customer" in html
    for sku in ("WIE-0", "WIE-2", "GRANT-1"):
        assert sku in html
    assert "SECRET-1" not in html and "NOPRICE" not in html


def test_preview_lists_the_first_twenty_products(client, admin_user, world):
    for n in range(25):
        make_product(world.leaf, f"Produkt {n}", sku=f"ZZZ-{n:02d}", price="1.00", price_list=world.price_list, index=False)
    client.force_login(admin_user)
    html = client.get(_url(world.company)).content.decode()
    assert re.search(r'data-testid="visible-count">\s*29\s*<', html)
    table = re.search(r'<table[^>]*id="visible-products".*?</table>', html, re.S).group(0)
    assert table.count("<tr") == 1 + 20  # header + the first 20 by SKU
    assert "GRANT-1" in table and "ZZZ-15" in table and "ZZZ-16" not in table


def test_preview_without_a_price_list_says_so(client, admin_user, world):
    world.company.price_list = None
    world.company.save(update_fields=["price_list"])
    client.force_login(admin_user)
    html = client.get(_url(world.company)).content.decode()
    assert 'data-testid="no-price-list"' in html
    assert re.search(r'data-testid="visible-count">\s*0\s*<', html)


def test_preview_queries_do_not_grow_with_the_catalog(client, admin_user, world, django_assert_max_num_queries):
    client.force_login(admin_user)
    url = _url(world.company)
    client.get(url)  # warm per-process caches (module switches, content types)
    category_tree_changed()
    with django_assert_max_num_queries(40) as small:
        assert client.get(url).status_code == 200
    parent = world.leaf
    for n in range(15):
        parent = make_category(f"Poziom {n}", parent if n % 3 else world.root)
        make_product(parent, f"Nowy {n}", sku=f"NEW-{n:02d}", price="3.00", price_list=world.price_list, index=False)
    category_tree_changed()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert "NEW-00" in response.content.decode()


def test_company_page_has_the_preview_button_for_those_who_may_use_it(client, make_user, world):
    client.force_login(make_user(Role.ADMIN))
    change = reverse("admin:accounts_company_change", args=[world.company.pk])
    assert _url(world.company) in client.get(change).content.decode()
    rep = make_user(Role.SALES_REP)
    world.company.sales_rep = rep
    world.company.save(update_fields=["sales_rep"])
    client.force_login(rep)
    page = client.get(change)
    assert page.status_code == 200 and _url(world.company) not in page.content.decode()


@pytest.mark.parametrize("role, status", [(Role.SALES_MANAGER, 200), (Role.MARKETING, 403), (Role.SALES_REP, 403), (Role.CUSTOMER, 404)])
def test_preview_access_per_role(client, make_user, world, role, status):
    user = make_user(role)
    world.company.sales_rep = user if role == Role.SALES_REP else None
    world.company.save(update_fields=["sales_rep"])
    client.force_login(user)
    assert client.get(_url(world.company)).status_code == status


def test_preview_of_a_missing_company_is_404(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("admin:accounts_company_catalog_preview", args=[999999])).status_code == 404
    assert client.get("/admin/accounts/company/abc/catalog-preview/").status_code == 404
