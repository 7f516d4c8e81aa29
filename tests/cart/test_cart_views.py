"""Cart pages (storefront/views_cart.py): cart, add from the cards, quick order, import."""
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from backoffice.catalog.models import ProductUnit
from backoffice.core.models import ModuleSwitch
from backoffice.inventory.models import Stock
from backoffice.orders.cart import CartItem, cart_add_many
from backoffice.orders.models import CartLine
from tests.catalog_factories import make_product

from .conftest import make_bundle

pytestmark = pytest.mark.django_db

CART = "/cart/"


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def contents():
    return sorted((line.product_id or -line.bundle_id, line.unit, line.quantity) for line in CartLine.objects.all())


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_empty_cart_page(shopper, shop):
    response = shopper.get(CART)
    assert response.status_code == 200
    assert "cart-empty" in response.content.decode()


def test_cart_page_lines_totals_and_checkout_link(shopper, cart, access, shop):
    cart_add_many(cart=cart, access=access, items=[CartItem(shop.drill.pk, Decimal("1"), "karton"), CartItem(shop.bit.pk, Decimal("2.5"))])
    html = shopper.get(CART).content.decode()
    assert "Wiertarka udarowa" in html and "WU-700" in html
    assert 'name="qty-' in html and 'value="2.5"' in html  # an input value, not localised
    assert '<option value="karton" selected>karton</option>' in html
    assert "1200,00 PLN" in html and "1225,00 PLN" in html and "1506,75 PLN" in html  # carton, net total, gross total
    assert "<details" in html  # why this price
    from django.urls import NoReverseMatch

    try:
        assert f'href="{reverse("orders:checkout")}"' in html
    except NoReverseMatch:
        pass


def test_line_over_stock_blocks_checkout_and_shows_the_plan(shopper, cart, access, shop):
    english(shopper)
    cart_add_many(cart=cart, access=access, items=[CartItem(shop.drill.pk, Decimal("60"))])
    html = shopper.get(CART).content.decode()
    assert "cart-problems" in html and "has-problem" in html
    assert "checkout-link" not in html


def test_hidden_product_line_shows_no_name_or_code(shopper, cart, access, shop):
    CartLine.objects.create(cart=cart, product=shop.restricted, quantity=1)  # e.g. the category became restricted
    html = shopper.get(CART).content.decode()
    assert "HID-R" not in html and "Ukryty" not in html
    assert "has-problem" in html


def test_update_all_lines_in_one_form(shopper, cart, access, shop):
    cart_add_many(cart=cart, access=access, items=[CartItem(shop.drill.pk, Decimal("1")), CartItem(shop.bit.pk, Decimal("2"))])
    drill_line, bit_line = (CartLine.objects.get(product=p).pk for p in (shop.drill, shop.bit))
    response = shopper.post(CART, {f"qty-{drill_line}": "2", f"unit-{drill_line}": "karton", f"qty-{bit_line}": "0"})
    assert response.status_code == 302 and response["Location"] == CART
    assert contents() == [(shop.drill.pk, "karton", Decimal("2"))]


def test_bad_update_changes_nothing_and_says_why(shopper, cart, access, shop):
    english(shopper)
    cart_add_many(cart=cart, access=access, items=[CartItem(shop.drill.pk, Decimal("1"))])
    line = CartLine.objects.get().pk
    response = shopper.post(CART, {f"qty-{line}": "-4"}, follow=True)
    assert any("not changed" in m for m in messages_of(response))
    assert contents() == [(shop.drill.pk, "", Decimal("1"))]


def test_remove_and_clear(shopper, cart, access, shop, make_user):
    cart_add_many(cart=cart, access=access, items=[CartItem(shop.drill.pk, Decimal("1")), CartItem(shop.bit.pk, Decimal("2"))])
    drill_line = CartLine.objects.get(product=shop.drill).pk
    assert shopper.post(reverse("orders:cart_line_remove", args=[drill_line])).status_code == 302
    assert contents() == [(shop.bit.pk, "", Decimal("2"))]
    shopper.post(reverse("orders:cart_clear"))
    assert contents() == []


def test_another_buyers_line_cannot_be_removed(client, cart, access, shop, make_user):
    cart_add_many(cart=cart, access=access, items=[CartItem(shop.bit.pk, Decimal("2"))])
    client.force_login(make_user("customer"))
    client.post(reverse("orders:cart_line_remove", args=[CartLine.objects.get().pk]))
    client.post(CART, {f"qty-{CartLine.objects.get().pk}": "9"})
    assert contents() == [(shop.bit.pk, "", Decimal("2"))]


def test_add_from_the_product_card_goes_back_with_a_message(shopper, shop):
    english(shopper)
    card = reverse("catalog:product", args=[shop.drill.pk])
    response = shopper.post(reverse("orders:add_to_cart"), {"product": shop.drill.pk, "quantity": "2", "unit": "karton"},
                            HTTP_REFERER=f"http://testserver{card}")
    assert response.status_code == 302 and response["Location"] == f"http://testserver{card}"
    assert contents() == [(shop.drill.pk, "karton", Decimal("2"))]
    page = shopper.get(card)
    assert "Added 2 karton of Hammer drill to the cart." in messages_of(page)


@pytest.mark.parametrize("data, expected", [
    ({"product": "HIDDEN", "quantity": "1"}, "This product is not available to you."),
    ({"product": "OK", "quantity": "-1"}, "Enter a quantity greater than zero"),
    ({"product": "OK", "quantity": "1", "unit": "paleta"}, "This unit is not sold for this product."),
    ({"quantity": "1"}, "Choose a product or a bundle to add."),
])
def test_add_errors_are_messages_in_the_users_language(shopper, shop, data, expected):
    english(shopper)
    data = {**data}
    if "product" in data:
        data["product"] = {"HIDDEN": shop.restricted.pk, "OK": shop.bit.pk}[data["product"]]
    response = shopper.post(reverse("orders:add_to_cart"), data, follow=True)
    assert response.redirect_chain[0][0] == CART  # no referer, no next: the cart
    errors = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert len(errors) == 1 and errors[0].startswith(expected)
    assert contents() == []


def test_unsafe_next_is_ignored(shopper, shop):
    response = shopper.post(reverse("orders:add_to_cart"), {"product": shop.bit.pk, "quantity": "1", "next": "https://evil.example.com/"})
    assert response["Location"] == CART


def test_bundle_card_form_adds_one_line(shopper, shop):
    bundle = make_bundle("SET-1", [(shop.drill, "1"), (shop.bit, "5")], price="130.00")
    card = reverse("catalog:bundle", args=[bundle.pk])
    html = shopper.get(card).content.decode()
    assert f'name="bundle" value="{bundle.pk}"' in html
    english(shopper)
    response = shopper.post(reverse("orders:add_to_cart"), {"bundle": bundle.pk, "quantity": "2", "next": card}, follow=True)
    assert response.redirect_chain[0][0] == card
    assert "Added 2 × Zestaw SET-1 to the cart." in messages_of(response)
    assert contents() == [(-bundle.pk, "", Decimal("2"))]
    html = shopper.get(CART).content.decode()
    assert "SET-1" in html and "260.00 PLN" in html  # English: a decimal point


def test_quick_order_all_good_goes_to_the_cart(shopper, shop):
    response = shopper.post(reverse("orders:quick_order"), {"lines": "WU-700 2\nbit-8;3"})
    assert response.status_code == 302 and response["Location"] == CART
    assert contents() == sorted([(shop.drill.pk, "", Decimal("2")), (shop.bit.pk, "", Decimal("3"))])


def test_quick_order_keeps_refused_lines_in_the_box(shopper, shop):
    english(shopper)
    response = shopper.post(reverse("orders:quick_order"), {"lines": "WU-700 2\nNOPE 1\nHID-R 4"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Unknown product code." in html and "This product is not available to you." in html
    assert response.context["form"].initial["lines"] == "NOPE 1\nHID-R 4"
    assert contents() == [(shop.drill.pk, "", Decimal("2"))]


def test_import_page_report_and_sample(shopper, shop):
    english(shopper)
    page = shopper.get(reverse("orders:cart_import")).content.decode()
    assert reverse("orders:cart_import_sample") in page
    sample = shopper.get(reverse("orders:cart_import_sample"))
    assert sample["Content-Type"].startswith("text/csv") and "attachment" in sample["Content-Disposition"]
    upload = SimpleUploadedFile("zamowienie.csv", "EAN;ilość\nWU-700;1\nNIE-MA;2\n".encode("cp1250"), content_type="text/csv")
    response = shopper.post(reverse("orders:cart_import"), {"file": upload})
    assert response.status_code == 200
    report = response.context["report"]
    assert report.added == 1 and [(p.number, p.code) for p in report.problems] == [(3, "NIE-MA")]
    assert "NIE-MA" in response.content.decode()


def test_import_refuses_other_files(shopper, shop):
    upload = SimpleUploadedFile("x.exe", b"MZ....")
    response = shopper.post(reverse("orders:cart_import"), {"file": upload})
    assert response.status_code == 200 and response.context["form"].errors
    assert contents() == []


def test_import_switched_off_is_404(shopper, shop):
    ModuleSwitch.objects.update_or_create(key="cart_import", defaults={"enabled": False})
    cache.clear()
    assert shopper.get(reverse("orders:cart_import")).status_code == 404
    assert shopper.get(reverse("orders:cart_import_sample")).status_code == 404
    assert "/cart/import/" not in shopper.get(CART).content.decode()


def test_cart_page_queries_do_not_grow(shopper, cart, access, shop, world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    products = [make_product(world.leaf, f"Produkt {i}", price="2.00", price_list=world.price_list, index=False) for i in range(200)]
    Stock.objects.bulk_create([Stock(warehouse=shop.local, product=p, quantity=Decimal("100")) for p in products])
    ProductUnit.objects.bulk_create([ProductUnit(product=p, code="op", factor=Decimal("10")) for p in products[::3]])
    counts = []
    for n in (5, 200):
        CartLine.objects.all().delete()
        cart_add_many(cart=cart, access=access, items=[CartItem(p.pk, Decimal("2"), "op" if i % 3 == 0 else "")
                                                       for i, p in enumerate(products[:n])])
        shopper.get(CART)  # warm the caches
        # session, user, cart, base.html (branding, menus), the cart read model (12): 17 in all
        with django_assert_max_num_queries(17), CaptureQueriesContext(connection) as ctx:
            response = shopper.get(CART)
        assert response.content.decode().count('class="cart-line') == n
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
