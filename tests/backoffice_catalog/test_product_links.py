"""C11/C12 in the back office: variant group and similar products on the product page,
complementary products on lowest-level categories; ERP fields stay read-only; the
`product_links` module switch hides all of it."""
import pytest
from django.urls import reverse

from backoffice.catalog.models import ComplementaryProduct, ProductLink
from backoffice.core import services as core_services
from backoffice.core.modules import MODULES_BY_KEY
from backoffice.core.roles import Role
from tests.catalog_factories import catalog_world, make_product

from .helpers import add_inline_row, form_data

pytestmark = pytest.mark.django_db

NOT_LOWEST = "Complementary products can be assigned only to a lowest-level category"


@pytest.fixture
def world(make_user):
    world = catalog_world(make_user)
    world.drill = make_product(world.leaf, "Wiertarka udarowa", sku="WIE-1", index=False)
    world.other = make_product(world.leaf, "Wiertarka akumulatorowa", sku="WIE-2", index=False)
    world.bits = make_product(world.root, "Wiertła do betonu", sku="WIERT-SET", index=False)
    return world


def _product_url(product):
    return reverse("admin:catalog_product_change", args=[product.pk])


def _category_url(category):
    return reverse("admin:catalog_category_change", args=[category.pk])


def _switch_off(key):
    core_services.modules_set_enabled(enabled_keys=set(MODULES_BY_KEY) - {key})


def test_staff_set_the_variant_group_and_similar_products(client, admin_user, world):
    client.force_login(admin_user)
    page = client.get(_product_url(world.drill))
    assert page.status_code == 200
    data = form_data(page, "product_form", variant_group="  WIERTARKI-18V ", sku="HACKED", vat_rate="8")
    add_inline_row(data, "links_from", linked=str(world.other.pk), sort="1")
    response = client.post(_product_url(world.drill), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    world.drill.refresh_from_db()
    assert world.drill.variant_group == "WIERTARKI-18V"
    assert (world.drill.sku, str(world.drill.vat_rate)) == ("WIE-1", "23.00")  # ERP fields untouched
    assert list(ProductLink.objects.values_list("product_id", "linked_id")) == [(world.drill.pk, world.other.pk)]


def test_a_product_cannot_be_similar_to_itself(client, admin_user, world):
    client.force_login(admin_user)
    page = client.get(_product_url(world.drill))
    data = add_inline_row(form_data(page, "product_form"), "links_from", linked=str(world.drill.pk), sort="0")
    response = client.post(_product_url(world.drill), data)
    assert response.status_code == 200
    assert "A product cannot be similar to itself." in response.content.decode()
    assert not ProductLink.objects.exists()


def test_complementary_products_only_for_lowest_level_categories(client, admin_user, world):
    client.force_login(admin_user)
    page = client.get(_category_url(world.root))  # has a subcategory
    data = add_inline_row(form_data(page, "category_form"), "complements", product=str(world.bits.pk), sort="0")
    response = client.post(_category_url(world.root), data)
    assert response.status_code == 200
    assert NOT_LOWEST in response.content.decode()
    assert not ComplementaryProduct.objects.exists()

    page = client.get(_category_url(world.leaf))
    data = add_inline_row(form_data(page, "category_form"), "complements", product=str(world.bits.pk), sort="0")
    assert client.post(_category_url(world.leaf), data).status_code == 302
    assert list(ComplementaryProduct.objects.values_list("category_id", "product_id")) == [(world.leaf.pk, world.bits.pk)]


def test_a_category_whose_subcategories_are_all_inactive_is_lowest_level(client, admin_user, world):
    world.leaf.is_active = False
    world.leaf.save()
    client.force_login(admin_user)
    page = client.get(_category_url(world.root))
    data = add_inline_row(form_data(page, "category_form"), "complements", product=str(world.bits.pk), sort="0")
    assert client.post(_category_url(world.root), data).status_code == 302
    assert ComplementaryProduct.objects.filter(category=world.root).exists()


def test_existing_complements_do_not_block_saving_after_the_tree_changed(client, admin_user, world):
    ComplementaryProduct.objects.create(category=world.root, product=world.bits)  # root gained children since
    client.force_login(admin_user)
    page = client.get(_category_url(world.root))
    assert client.post(_category_url(world.root), form_data(page, "category_form", restricted="on")).status_code == 302


def test_product_links_module_off_hides_the_screens_parts(client, admin_user, world):
    client.force_login(admin_user)
    assert 'name="variant_group"' in client.get(_product_url(world.drill)).content.decode()
    _switch_off("product_links")
    product_page = client.get(_product_url(world.drill)).content.decode()
    assert 'name="variant_group"' not in product_page and "links_from-TOTAL_FORMS" not in product_page
    assert "complements-TOTAL_FORMS" not in client.get(_category_url(world.leaf)).content.decode()
    page = client.get(_product_url(world.drill))
    assert client.post(_product_url(world.drill), form_data(page, "product_form", variant_group="X")).status_code == 302
    world.drill.refresh_from_db()
    assert world.drill.variant_group == ""


@pytest.mark.parametrize("role, status", [(Role.SALES_MANAGER, 403), (Role.SALES_REP, 403), (Role.CUSTOMER, 404)])
def test_roles_without_catalog_edit_cannot_change_products(client, make_user, world, role, status):
    client.force_login(make_user(role))
    assert client.post(_product_url(world.drill), {"variant_group": "X"}).status_code == status
    world.drill.refresh_from_db()
    assert world.drill.variant_group == ""


def test_marketing_sets_variant_groups(client, make_user, world):
    client.force_login(make_user(Role.MARKETING))
    page = client.get(_product_url(world.drill))
    assert client.post(_product_url(world.drill), form_data(page, "product_form", variant_group="G1")).status_code == 302
    world.drill.refresh_from_db()
    assert world.drill.variant_group == "G1"
