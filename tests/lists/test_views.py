"""R03 shopping-list pages: the lists, one list, adding from the product card, list to cart, and
saving the cart as a list. Another company's list is a 404 on every URL."""
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backoffice.core.models import ModuleSwitch
from backoffice.core.modules import forget_cached_switches
from backoffice.orders.cart import cart_for
from backoffice.orders.models import CartLine, ShoppingList, ShoppingListLine
from tests.catalog_factories import make_product

from .conftest import hide, make_list

pytestmark = pytest.mark.django_db


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def cart_skus(user):
    return sorted(CartLine.objects.filter(cart=cart_for(user=user, company=user.company)).values_list("product__sku", "quantity"))


def test_index_shows_the_company_lists(shopper, world, colleague, stranger):
    make_list(world.company, "Budowa", user=colleague)
    make_list(stranger.company, "Cudza lista")
    html = shopper.get("/lists/").content.decode()
    assert "Budowa" in html and "Cudza lista" not in html
    assert colleague.email in html or colleague.get_full_name() in html


def test_create_then_rename_then_delete(shopper, world):
    response = shopper.post("/lists/new/", {"name": "Budowa"})
    shopping_list = ShoppingList.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/lists/{shopping_list.pk}/"
    shopper.post(f"/lists/{shopping_list.pk}/rename/", {"name": "Budowa hali"})
    assert ShoppingList.objects.get().name == "Budowa hali"
    response = shopper.post(f"/lists/{shopping_list.pk}/delete/")
    assert response["Location"] == "/lists/" and not ShoppingList.objects.exists()


def test_bad_name_shows_the_form_again(shopper, world):
    make_list(world.company, "Budowa")
    response = shopper.post("/lists/new/", {"name": "BUDOWA"})
    assert response.status_code == 400 and "Budowa" in response.content.decode()
    assert ShoppingList.objects.count() == 1


def test_detail_marks_products_no_longer_available(shopper, world, goods):
    shopping_list = make_list(world.company, lines=[(goods.drill, "2"), (goods.glove, "3")])
    hide(goods.glove)
    html = shopper.get(f"/lists/{shopping_list.pk}/").content.decode()
    assert "Wiertarka udarowa" in html and "200,00 PLN" in html
    assert "Rękawice robocze" not in html and "GLV-1" not in html  # shown without name or code
    assert html.count('class="list-line unavailable"') == 1
    assert 'name="line"' in html and html.count('name="line"') == 1  # only available lines can be chosen


def test_detail_queries_do_not_grow_with_the_lines(shopper, world, goods, django_assert_max_num_queries):
    shopping_list = make_list(world.company, lines=[(goods.drill, "1")])
    url = f"/lists/{shopping_list.pk}/"
    shopper.get(url)  # warm caches
    with CaptureQueriesContext(connection) as small:
        shopper.get(url)
    for i in range(30):
        product = make_product(world.leaf, f"Produkt {i}", price="3.00", price_list=world.price_list, index=False)
        ShoppingListLine.objects.create(shopping_list=shopping_list, product=product, quantity=Decimal(i + 1))
    hide(product)
    with django_assert_max_num_queries(len(small)):
        html = shopper.get(url).content.decode()
    assert html.count('class="list-line') == 31
    assert len(small) <= 25


def test_add_a_line_by_code(shopper, world, goods):
    shopping_list = make_list(world.company)
    shopper.post(f"/lists/{shopping_list.pk}/lines/add/", {"code": "BIT-8", "quantity": "4"})
    assert list(shopping_list.lines.values_list("product_id", "quantity")) == [(goods.bit.pk, Decimal("4"))]
    response = shopper.post(f"/lists/{shopping_list.pk}/lines/add/", {"code": "NOPE-1", "quantity": "1"})
    assert any("NOPE-1" in text for text in texts(response)) and shopping_list.lines.count() == 1


def test_update_and_remove_lines(shopper, world, goods):
    shopping_list = make_list(world.company, lines=[(goods.drill, "2"), (goods.bit, "10")])
    drill_line, bit_line = shopping_list.lines.order_by("pk")
    shopper.post(f"/lists/{shopping_list.pk}/lines/update/", {f"qty-{drill_line.pk}": "5", f"qty-{bit_line.pk}": "10"})
    assert ShoppingListLine.objects.get(pk=drill_line.pk).quantity == Decimal("5")
    response = shopper.post(f"/lists/{shopping_list.pk}/lines/update/", {f"qty-{drill_line.pk}": "-5"})
    assert texts(response) and ShoppingListLine.objects.get(pk=drill_line.pk).quantity == Decimal("5")
    shopper.post(f"/lists/{shopping_list.pk}/lines/{bit_line.pk}/remove/")
    assert list(shopping_list.lines.values_list("pk", flat=True)) == [drill_line.pk]


def test_list_to_cart_all_with_a_product_no_longer_visible(shopper, world, goods):
    shopping_list = make_list(world.company, lines=[(goods.drill, "2"), (goods.bit, "10"), (goods.glove, "3")])
    hide(goods.glove)
    response = shopper.post(f"/lists/{shopping_list.pk}/to-cart/", {"all": "1"})
    assert response.status_code == 302
    assert cart_skus(world.user) == [("BIT-8", Decimal("10")), ("WU-700", Decimal("2"))]
    messages = texts(response)
    assert any("2" in text for text in messages) and len(messages) == 2  # added + "1 product no longer available"


def test_list_to_cart_chosen_lines_in_the_quantities_shown(shopper, world, goods):
    shopping_list = make_list(world.company, lines=[(goods.drill, "2"), (goods.bit, "10")])
    drill_line, bit_line = shopping_list.lines.order_by("pk")
    shopper.post(f"/lists/{shopping_list.pk}/to-cart/", {"line": [str(bit_line.pk)], f"qty-{bit_line.pk}": "12",
                                                          f"qty-{drill_line.pk}": "2"})
    assert cart_skus(world.user) == [("BIT-8", Decimal("12"))]


def test_add_to_list_from_the_card_new_and_existing(shopper, world, goods):
    card = shopper.get(f"/catalog/p/{goods.drill.pk}/").content.decode()
    assert 'action="/lists/add-product/"' in card and 'value="karton"' in card
    response = shopper.post("/lists/add-product/", {"product": goods.drill.pk, "quantity": "2", "unit": "karton", "shopping_list": "",
                                                    "new_name": "Warsztat"})
    assert response["Location"] == f"/catalog/p/{goods.drill.pk}/"
    shopping_list = ShoppingList.objects.get(name="Warsztat")
    card = shopper.get(f"/catalog/p/{goods.drill.pk}/").content.decode()
    assert f'<option value="{shopping_list.pk}">Warsztat</option>' in card
    shopper.post("/lists/add-product/", {"product": goods.drill.pk, "quantity": "1", "unit": "karton", "shopping_list": shopping_list.pk})
    assert list(shopping_list.lines.values_list("unit", "quantity")) == [("karton", Decimal("3"))]


def test_add_to_list_needs_a_list(shopper, world, goods):
    response = shopper.post("/lists/add-product/", {"product": goods.drill.pk, "quantity": "1"})
    assert response.status_code == 302 and texts(response) and not ShoppingList.objects.exists()


def test_add_to_list_of_a_product_the_customer_may_not_see(shopper, world, goods):
    hide(goods.drill)
    assert shopper.post("/lists/add-product/", {"product": goods.drill.pk, "quantity": "1", "new_name": "X"}).status_code == 404
    assert not ShoppingList.objects.exists()


def test_another_company_list_is_404_everywhere(client, stranger, world, goods):
    shopping_list = make_list(world.company, lines=[(goods.drill, "2")])
    line = shopping_list.lines.get()
    client.force_login(stranger)
    pk = shopping_list.pk
    assert client.get(f"/lists/{pk}/").status_code == 404
    for url in (f"/lists/{pk}/rename/", f"/lists/{pk}/delete/", f"/lists/{pk}/lines/add/", f"/lists/{pk}/lines/update/",
                f"/lists/{pk}/lines/{line.pk}/remove/", f"/lists/{pk}/to-cart/"):
        assert client.post(url, {"name": "x", "all": "1", "code": "WU-700", "quantity": "1"}).status_code == 404, url
    assert client.post("/lists/add-product/", {"product": goods.drill.pk, "quantity": "1", "shopping_list": pk}).status_code in (302, 404)
    assert ShoppingList.objects.get(pk=pk).name == "Zamówienie stałe" and shopping_list.lines.count() == 1
    assert shopping_list.lines.get().quantity == Decimal("2")


def test_save_cart_as_list(shopper, world, goods):
    shopper.post(f"/lists/{make_list(world.company, lines=[(goods.bit, '3')]).pk}/to-cart/", {"all": "1"})
    response = shopper.post("/lists/from-cart/", {"cart-name": "Z koszyka"})
    saved = ShoppingList.objects.get(name="Z koszyka")
    assert response["Location"] == f"/lists/{saved.pk}/"
    assert list(saved.lines.values_list("product_id", "quantity")) == [(goods.bit.pk, Decimal("3"))]


def test_module_off_means_404(shopper, world):
    shopping_list = make_list(world.company)
    ModuleSwitch.objects.update_or_create(key="shopping_lists", defaults={"enabled": False})
    forget_cached_switches()
    assert shopper.get("/lists/").status_code == 404
    assert shopper.get(f"/lists/{shopping_list.pk}/").status_code == 404
    assert "add-product" not in shopper.get(f"/catalog/p/{make_product(world.leaf, 'P', price='1', price_list=world.price_list).pk}/").content.decode()
