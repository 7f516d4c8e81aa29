"""R03 shopping lists: services and selectors (backoffice/orders/lists.py)."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from backoffice.catalog.selectors import catalog_access_for
from backoffice.orders import lists
from backoffice.orders.cart import CartItem, cart_add_many, cart_for
from backoffice.orders.models import CartLine, ShoppingList, ShoppingListLine
from backoffice.pricing.models import Bundle

from .conftest import hide, make_list

pytestmark = pytest.mark.django_db


def cart_contents(user):
    cart = cart_for(user=user, company=user.company)
    return sorted((line.product.sku, line.unit, line.quantity) for line in CartLine.objects.filter(cart=cart).select_related("product"))


# ---------------------------------------------------------------- lists


def test_create_rename_delete(world):
    shopping_list = lists.shopping_list_create(user=world.user, name="  Budowa   Łódź ")
    assert shopping_list.name == "Budowa Łódź" and shopping_list.company == world.company and shopping_list.created_by == world.user
    lists.shopping_list_rename(shopping_list=shopping_list, name="Budowa Kraków")
    assert ShoppingList.objects.get().name == "Budowa Kraków"
    lists.shopping_list_delete(shopping_list=shopping_list)
    assert not ShoppingList.objects.exists()


@pytest.mark.parametrize("name, code", [("", "name_required"), ("   ", "name_required"), ("x" * 121, "name_too_long"),
                                        ("budowa", "name_taken")])
def test_bad_names_are_refused_and_nothing_written(world, name, code):
    make_list(world.company, "Budowa")
    with pytest.raises(ValidationError) as refused:
        lists.shopping_list_create(user=world.user, name=name)
    assert refused.value.code == code
    assert ShoppingList.objects.count() == 1


def test_another_company_may_use_the_same_name(world, stranger):
    make_list(world.company, "Budowa")
    assert lists.shopping_list_create(user=stranger, name="Budowa").company == stranger.company


def test_renaming_to_its_own_name_is_fine_but_not_to_a_sibling(world):
    first, second = make_list(world.company, "A"), make_list(world.company, "B")
    lists.shopping_list_rename(shopping_list=first, name="a")
    with pytest.raises(ValidationError):
        lists.shopping_list_rename(shopping_list=second, name="A")
    assert ShoppingList.objects.get(pk=second.pk).name == "B"


def test_lists_belong_to_the_company(world, colleague, stranger):
    shopping_list = make_list(world.company, user=world.user)
    assert lists.shopping_list_get_for_user(colleague, shopping_list.pk) == shopping_list
    assert list(lists.shopping_lists_for(colleague)) == [shopping_list]
    with pytest.raises(Http404):
        lists.shopping_list_get_for_user(stranger, shopping_list.pk)
    assert list(lists.shopping_lists_for(stranger)) == []


def test_staff_have_no_lists(make_user, world):
    shopping_list = make_list(world.company)
    with pytest.raises(Http404):
        lists.shopping_list_get_for_user(make_user("admin"), shopping_list.pk)


# ---------------------------------------------------------------- lines


def test_adding_the_same_product_and_unit_adds_up(world, goods):
    shopping_list = make_list(world.company)
    access = catalog_access_for(world.user)
    lists.shopping_list_add_product(shopping_list=shopping_list, access=access, product_id=goods.drill.pk, quantity="2")
    lists.shopping_list_add_product(shopping_list=shopping_list, access=access, product_id=goods.drill.pk, quantity=Decimal("1.5"))
    lists.shopping_list_add_product(shopping_list=shopping_list, access=access, product_id=goods.drill.pk, quantity="1", unit="karton")
    rows = sorted(ShoppingListLine.objects.values_list("unit", "quantity"))
    assert rows == [("", Decimal("3.5")), ("karton", Decimal("1"))]


@pytest.mark.parametrize("quantity, unit, code", [("0", "", "bad_quantity"), ("-1", "", "bad_quantity"), ("abc", "", "bad_quantity"),
                                                  ("1.0005", "", "bad_quantity"), ("1", "paleta", "unknown_unit")])
def test_bad_lines_are_refused(world, goods, quantity, unit, code):
    shopping_list = make_list(world.company)
    with pytest.raises(ValidationError) as refused:
        lists.shopping_list_add_product(shopping_list=shopping_list, access=catalog_access_for(world.user), product_id=goods.drill.pk,
                                        quantity=quantity, unit=unit)
    assert refused.value.code == code and not ShoppingListLine.objects.exists()


def test_a_product_the_customer_may_not_see_cannot_be_added(world, goods, stranger):
    hide(goods.glove)
    shopping_list = make_list(world.company)
    with pytest.raises(ValidationError):
        lists.shopping_list_add_product(shopping_list=shopping_list, access=catalog_access_for(world.user), product_id=goods.glove.pk,
                                        quantity="1")
    stranger_list = make_list(stranger.company)
    with pytest.raises(ValidationError):  # no price for the stranger's company: not visible to it
        lists.shopping_list_add_product(shopping_list=stranger_list, access=catalog_access_for(stranger), product_id=goods.bit.pk,
                                        quantity="1")
    assert not ShoppingListLine.objects.exists()


def test_find_product_by_sku_or_ean(world, goods):
    access = catalog_access_for(world.user)
    assert lists.shopping_list_find_product(access=access, code="wu-700") == goods.drill
    assert lists.shopping_list_find_product(access=access, code=" 5901234123457 ") == goods.drill
    hide(goods.bit)
    with pytest.raises(ValidationError):
        lists.shopping_list_find_product(access=access, code="BIT-8")


def test_update_lines_checks_everything_first(world, goods):
    shopping_list = make_list(world.company, lines=[(goods.drill, "1"), (goods.bit, "5")])
    drill_line, bit_line = shopping_list.lines.order_by("pk")
    with pytest.raises(ValidationError):
        lists.shopping_list_update_lines(shopping_list=shopping_list, quantities={drill_line.pk: "4", bit_line.pk: "-2"})
    assert sorted(shopping_list.lines.values_list("quantity", flat=True)) == [Decimal("1"), Decimal("5")]
    changed = lists.shopping_list_update_lines(shopping_list=shopping_list, quantities={drill_line.pk: "4,5", bit_line.pk: "0", 999999: "3"})
    assert changed == 2
    assert list(shopping_list.lines.values_list("product_id", "quantity")) == [(goods.drill.pk, Decimal("4.5"))]


def test_remove_line_of_another_list_changes_nothing(world, goods, stranger):
    mine = make_list(world.company, lines=[(goods.drill, "1")])
    theirs = make_list(stranger.company, lines=[(goods.drill, "1")])
    assert not lists.shopping_list_remove_line(shopping_list=mine, line_id=theirs.lines.get().pk)
    assert lists.shopping_list_remove_line(shopping_list=mine, line_id=mine.lines.get().pk)
    assert ShoppingListLine.objects.filter(shopping_list=theirs).exists()


# ---------------------------------------------------------------- to and from the cart


def test_list_to_cart_skips_products_no_longer_visible(world, goods):
    shopping_list = make_list(world.company, lines=[(goods.drill, "2"), (goods.bit, "10"), (goods.glove, "3"), (goods.drill, "1", "karton")])
    hide(goods.glove)
    report = lists.shopping_list_to_cart(user=world.user, shopping_list=shopping_list)
    assert report.added_count == 3
    assert [line.product_id for line in report.unavailable] == [goods.glove.pk]
    assert cart_contents(world.user) == [("BIT-8", "", Decimal("10")), ("WU-700", "", Decimal("2")), ("WU-700", "karton", Decimal("1"))]
    assert shopping_list.lines.count() == 4  # the list keeps the product (it may come back)


def test_chosen_lines_with_other_quantities_this_time(world, goods):
    shopping_list = make_list(world.company, lines=[(goods.drill, "2"), (goods.bit, "10")])
    drill_line, bit_line = shopping_list.lines.order_by("pk")
    report = lists.shopping_list_to_cart(user=world.user, shopping_list=shopping_list, line_ids=[bit_line.pk],
                                         quantities={bit_line.pk: "25", drill_line.pk: "7"})
    assert report.added_count == 1
    assert cart_contents(world.user) == [("BIT-8", "", Decimal("25"))]
    assert bit_line.__class__.objects.get(pk=bit_line.pk).quantity == Decimal("10")  # the list is not changed


def test_a_bad_quantity_puts_nothing_in_the_cart(world, goods):
    shopping_list = make_list(world.company, lines=[(goods.drill, "2"), (goods.bit, "10")])
    drill_line, bit_line = shopping_list.lines.order_by("pk")
    with pytest.raises(ValidationError):
        lists.shopping_list_to_cart(user=world.user, shopping_list=shopping_list, quantities={drill_line.pk: "1", bit_line.pk: "x"})
    assert cart_contents(world.user) == []


def test_nothing_chosen(world, goods):
    shopping_list = make_list(world.company, lines=[(goods.drill, "2")])
    with pytest.raises(ValidationError):
        lists.shopping_list_to_cart(user=world.user, shopping_list=shopping_list, line_ids=[])


def test_cart_refusals_are_reported_with_the_product(world, goods):
    from backoffice.inventory.models import PresaleOffer

    PresaleOffer.objects.create(product=goods.bit, planned_delivery_date="2030-01-01", sellable_quantity=100)
    shopping_list = make_list(world.company, lines=[(goods.drill, "2"), (goods.bit, "1")])
    report = lists.shopping_list_to_cart(user=world.user, shopping_list=shopping_list)
    assert report.added_count == 1
    (rejected,) = report.cart.rejected
    assert report.names[rejected.item.source_line] == "BIT-8" and rejected.code == "presale_conflict"


def test_save_cart_as_list(world, goods):
    cart = cart_for(user=world.user, company=world.company)
    cart_add_many(cart=cart, access=catalog_access_for(world.user), items=[CartItem(goods.drill.pk, Decimal("3")),
                                                                             CartItem(goods.drill.pk, Decimal("1"), "karton")])
    bundle = Bundle.objects.create(code="ZESTAW", name="Zestaw")
    CartLine.objects.create(cart=cart, bundle=bundle, quantity=1)
    report = lists.shopping_list_from_cart(user=world.user, name="Z koszyka")
    assert (report.saved, report.skipped_bundles) == (2, 1)
    assert sorted(report.shopping_list.lines.values_list("unit", "quantity")) == [("", Decimal("3")), ("karton", Decimal("1"))]
    assert CartLine.objects.filter(cart=cart).count() == 3  # the cart stays as it was


def test_an_empty_cart_is_not_saved(world):
    with pytest.raises(ValidationError):
        lists.shopping_list_from_cart(user=world.user, name="Pusta")
    assert not ShoppingList.objects.exists()
