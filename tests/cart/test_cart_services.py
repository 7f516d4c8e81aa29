"""Cart services (backoffice/orders/cart.py): units, merging, refusals, pre-sale, bundles."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from backoffice.catalog.selectors import catalog_access_for
from backoffice.inventory.models import PresaleOffer
from backoffice.orders.cart import (BAD_QUANTITY, NOT_VISIBLE, PRESALE_CONFLICT, UNKNOWN_UNIT, CartItem, LineUpdate, cart_add,
                                    cart_add_many, cart_clear, cart_for, cart_line_remove, cart_line_set_quantity, cart_lines_update,
                                    clean_quantity)
from backoffice.orders.models import Cart, CartLine

from .conftest import add, make_bundle

pytestmark = pytest.mark.django_db


def lines_of(cart):
    return sorted((line.product_id or -line.bundle_id, line.unit, line.quantity) for line in CartLine.objects.filter(cart=cart))


def test_cart_for_is_one_cart_per_user_and_company(world, make_user):
    first = cart_for(user=world.user, company=world.company)
    assert cart_for(user=world.user, company=world.company).pk == first.pk
    colleague = make_user("employee", company=world.company)
    assert cart_for(user=colleague, company=world.company).pk != first.pk
    assert Cart.objects.count() == 2


def test_same_product_and_unit_add_up_other_unit_is_another_line(cart, access, shop):
    report = add(cart, access, (shop.drill, "2"), (shop.drill, "1", "karton"), (shop.drill, "3"))
    assert report.rejected == [] and report.added_count == 3
    add(cart, access, (shop.drill, "1.5", "karton"))
    assert lines_of(cart) == [(shop.drill.pk, "", Decimal("5")), (shop.drill.pk, "karton", Decimal("2.5"))]


@pytest.mark.parametrize("quantity", ["0", "-1", "1000000", "1.0005", "NaN", "Infinity", "abc", ""])
def test_bad_quantities_are_refused(cart, access, shop, quantity):
    report = cart_add_many(cart=cart, access=access, items=[CartItem(shop.bit.pk, quantity)])
    assert [r.code for r in report.rejected] == [BAD_QUANTITY]
    assert not CartLine.objects.exists()


def test_clean_quantity_accepts_decimal_comma_and_trailing_zeros():
    assert clean_quantity("2,5") == Decimal("2.5")
    assert clean_quantity(Decimal("1.5000")) == Decimal("1.5")
    assert clean_quantity(3) == Decimal("3")
    assert clean_quantity(2.5) is None  # floats never


def test_quantity_may_not_grow_beyond_the_limit_by_adding(cart, access, shop):
    add(cart, access, (shop.bit, "999999"))
    report = add(cart, access, (shop.bit, "1"))
    assert [r.code for r in report.rejected] == [BAD_QUANTITY]
    assert lines_of(cart) == [(shop.bit.pk, "", Decimal("999999"))]


def test_unknown_unit_is_refused(cart, access, shop):
    report = add(cart, access, (shop.bit, "1", "karton"), (shop.drill, "1", "paleta"))
    assert [r.code for r in report.rejected] == [UNKNOWN_UNIT, UNKNOWN_UNIT]
    assert lines_of(cart) == []


@pytest.mark.parametrize("which", ["restricted", "others", "missing"])
def test_products_the_customer_may_not_see_are_refused_and_never_written(cart, access, shop, which):
    product_id = {"restricted": shop.restricted.pk, "others": shop.others.pk, "missing": 999999}[which]
    report = cart_add_many(cart=cart, access=access, items=[CartItem(shop.bit.pk, Decimal("1")), CartItem(product_id, Decimal("1"), "", 7)])
    assert [(r.code, r.item.source_line) for r in report.rejected] == [(NOT_VISIBLE, 7)]
    assert lines_of(cart) == [(shop.bit.pk, "", Decimal("1"))]


def test_reasons_are_in_the_users_language(cart, access, shop):
    with translation.override("en"):
        report = add(cart, access, (shop.restricted, "1"))
    assert report.rejected[0].reason == "This product is not available to you."


def test_presale_product_is_never_mixed(cart, access, shop):
    PresaleOffer.objects.create(product=shop.glove, planned_delivery_date="2030-01-01", sellable_quantity=Decimal("100"))
    add(cart, access, (shop.bit, "1"))
    report = add(cart, access, (shop.glove, "1"))
    assert [r.code for r in report.rejected] == [PRESALE_CONFLICT]
    cart_clear(cart=cart)
    report = add(cart, access, (shop.glove, "2"), (shop.glove, "3"), (shop.bit, "1"))
    assert [r.code for r in report.rejected] == [PRESALE_CONFLICT]
    assert lines_of(cart) == [(shop.glove.pk, "", Decimal("5"))]


def test_cart_add_single_product_and_errors(cart, access, shop):
    line = cart_add(cart=cart, access=access, product_id=shop.drill.pk, quantity="2", unit="karton")
    assert (line.product_id, line.unit, line.quantity) == (shop.drill.pk, "karton", Decimal("2"))
    with pytest.raises(ValidationError) as error:
        cart_add(cart=cart, access=access, product_id=shop.restricted.pk, quantity="1")
    assert error.value.code == NOT_VISIBLE


def test_bundle_is_one_line_in_whole_numbers(cart, access, shop):
    bundle = make_bundle("SET-1", [(shop.drill, "1"), (shop.bit, "5")], price="130.00")
    cart_add(cart=cart, access=access, bundle_id=bundle.pk, quantity="2")
    cart_add(cart=cart, access=access, bundle_id=bundle.pk, quantity="1")
    assert lines_of(cart) == [(-bundle.pk, "", Decimal("3"))]
    with pytest.raises(ValidationError):
        cart_add(cart=cart, access=access, bundle_id=bundle.pk, quantity="1.5")


def test_bundle_with_a_hidden_component_is_refused(cart, access, shop):
    bundle = make_bundle("SET-X", [(shop.bit, "1"), (shop.restricted, "1")])
    with pytest.raises(ValidationError) as error:
        cart_add(cart=cart, access=access, bundle_id=bundle.pk, quantity="1")
    assert error.value.code == NOT_VISIBLE
    assert not CartLine.objects.exists()


def test_update_quantities_units_and_merge(cart, access, shop):
    add(cart, access, (shop.drill, "24"), (shop.drill, "1", "karton"), (shop.bit, "3"))
    by_unit = {(line.product_id, line.unit): line.pk for line in CartLine.objects.all()}
    cart_lines_update(cart=cart, updates=[
        LineUpdate(by_unit[(shop.drill.pk, "")], "2", "karton"),  # joins the carton line
        LineUpdate(by_unit[(shop.bit.pk, "")], "0"),  # 0 removes
    ])
    assert lines_of(cart) == [(shop.drill.pk, "karton", Decimal("3"))]


def test_two_lines_may_swap_units(cart, access, shop):
    add(cart, access, (shop.drill, "5"), (shop.drill, "1", "karton"))
    base, carton = (CartLine.objects.get(unit=u).pk for u in ("", "karton"))
    cart_lines_update(cart=cart, updates=[LineUpdate(base, "5", "karton"), LineUpdate(carton, "1", "")])
    assert {line.pk: line.unit for line in CartLine.objects.all()} == {base: "karton", carton: ""}


def test_update_with_an_error_writes_nothing(cart, access, shop):
    add(cart, access, (shop.drill, "2"), (shop.bit, "3"))
    drill_line, bit_line = (CartLine.objects.get(product=p).pk for p in (shop.drill, shop.bit))
    with pytest.raises(ValidationError):
        cart_lines_update(cart=cart, updates=[LineUpdate(drill_line, "7"), LineUpdate(bit_line, "-2")])
    with pytest.raises(ValidationError):
        cart_line_set_quantity(cart=cart, line_id=drill_line, quantity="1", unit="paleta")
    assert lines_of(cart) == sorted([(shop.drill.pk, "", Decimal("2")), (shop.bit.pk, "", Decimal("3"))])


def test_lines_of_another_cart_cannot_be_touched(cart, access, shop, make_user):
    other_user = make_user("customer")
    other = cart_for(user=other_user, company=other_user.company)
    cart_add_many(cart=other, access=catalog_access_for(other_user), items=[])
    add(cart, access, (shop.bit, "1"))
    line = CartLine.objects.get()
    assert cart_line_remove(cart=other, line_id=line.pk) is False
    with pytest.raises(ValidationError):
        cart_line_set_quantity(cart=other, line_id=line.pk, quantity="5")
    cart_lines_update(cart=other, updates=[LineUpdate(line.pk, "9")])
    assert lines_of(cart) == [(shop.bit.pk, "", Decimal("1"))]
    assert cart_line_remove(cart=cart, line_id=line.pk) is True


def test_cart_add_many_queries_do_not_grow_with_items(cart, access, shop, django_assert_max_num_queries, world):
    from tests.catalog_factories import make_product

    products = [make_product(world.leaf, f"Śruba {i}", price="1.00", price_list=world.price_list, index=False) for i in range(60)]
    with django_assert_max_num_queries(9):
        report = cart_add_many(cart=cart, access=access, items=[CartItem(p.pk, Decimal("2")) for p in products])
    assert report.added_count == 60
    with django_assert_max_num_queries(9):  # the second time every line is an update
        cart_add_many(cart=cart, access=access, items=[CartItem(p.pk, Decimal("1"), "", i) for i, p in enumerate(products)])
    assert set(CartLine.objects.values_list("quantity", flat=True)) == {Decimal("3")}
