"""Checkout pages (storefront/views_checkout.py): the form, placing, double submit, errors in
Polish, the refusal page and the "order placed" page."""
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext

from backoffice.inventory.models import Stock
from backoffice.orders.checkout import SHIPPING_CHOICE_REQUIRED, earliest_date_for
from backoffice.orders.models import CartLine, Order
from tests.catalog_factories import make_product, set_stock
from tests.factories import CompanyFactory
from tests.payments.conftest import configure_bank_transfer

from .conftest import fill

pytestmark = pytest.mark.django_db


def token_of(response) -> str:
    return re.search(r'name="token" value="([0-9a-f]{32})"', response.content.decode()).group(1)


def form_data(response, shop, **changes):
    data = {"token": token_of(response), "delivery_address": str(shop.address.pk), "requested_delivery_date": "",
            "customer_reference": "PO/2026/15", "notes": "", "delivery_method": "courier", "payment_method": "cod"}
    data.update(changes)
    return data


def polish(message: str) -> str:
    with translation.override("pl"):
        return gettext(message)


def test_checkout_page_shows_choices_summary_and_the_earliest_date(shopper, cart, world, shop):
    configure_bank_transfer()  # bank transfer is offered once staff have entered the account
    fill(cart, world.user, (shop.drill, "2"), (shop.bit, "3"))
    response = shopper.get("/checkout/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'min="{earliest_date_for().isoformat()}"' in html and 'type="date"' in html
    assert "ul. Składowa 5" in html and 'value="courier"' in html and 'value="bank_transfer"' in html
    assert 'value="on_terms"' not in html  # the company may not buy on terms
    assert 'id="shipping-choice"' not in html  # everything is in our warehouse
    assert 'data-sku="WU-700"' in html and 'data-sku="BIT-8"' in html
    assert response.context["view"].gross == Decimal("282.90")
    assert token_of(response) != token_of(shopper.get("/checkout/"))  # a fresh token per rendered form


def test_mixed_cart_asks_how_to_ship(shopper, cart, world, shop):
    fill(cart, world.user, (shop.drill, "35"))  # 30 own + 5 from the supplier
    response = shopper.get("/checkout/")
    assert 'id="shipping-choice"' in response.content.decode()
    response = shopper.post("/checkout/", form_data(response, shop))
    assert response.status_code == 200 and not Order.objects.exists()
    with translation.override("pl"):
        assert response.context["form"].errors["shipping_preference"] == [str(SHIPPING_CHOICE_REQUIRED)]
    response = shopper.post("/checkout/", form_data(response, shop, shipping_preference="split"))
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/checkout/placed/{order.pk}/"
    assert order.shipping_preference == "split"


def test_placing_redirects_to_the_confirmation(shopper, cart, world, shop):
    fill(cart, world.user, (shop.bit, "3"))
    page = shopper.get("/checkout/")
    day = earliest_date_for()
    response = shopper.post("/checkout/", form_data(page, shop, requested_delivery_date=day.isoformat(), notes="Dzwonić"))
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/checkout/placed/{order.pk}/"
    assert (order.requested_delivery_date, order.customer_reference, order.notes, order.placed_by) == (day, "PO/2026/15", "Dzwonić",
                                                                                                       world.user)
    assert order.idempotency_key == token_of(page) and order.language == "pl"
    assert not CartLine.objects.filter(cart=cart).exists()
    placed = shopper.get(response["Location"])
    html = placed.content.decode()
    assert placed.status_code == 200 and order.number in html and f'href="/orders/{order.pk}/"' in html
    assert 'data-sku="BIT-8"' in html


def test_double_submit_is_one_order(shopper, cart, world, shop):
    fill(cart, world.user, (shop.bit, "3"))
    data = form_data(shopper.get("/checkout/"), shop)
    first = shopper.post("/checkout/", data)
    second = shopper.post("/checkout/", data)  # the cart is empty by now: the same order answers
    assert first["Location"] == second["Location"] and Order.objects.count() == 1
    assert Stock.objects.get(product=shop.bit).reserved == 3


def test_errors_are_shown_in_polish(shopper, cart, world, shop):
    fill(cart, world.user, (shop.bit, "3"))
    page = shopper.get("/checkout/")
    saturday = earliest_date_for()
    while saturday.weekday() != 5:
        saturday += timedelta(days=1)
    response = shopper.post("/checkout/", form_data(page, shop, requested_delivery_date=saturday.isoformat(), delivery_address="",
                                                   payment_method="on_terms"))
    errors = response.context["form"].errors
    assert errors["requested_delivery_date"] == [polish("We do not deliver on weekends and public holidays. Choose a working day.")]
    assert errors["delivery_address"] == ["To pole jest wymagane."]
    assert errors["payment_method"][0].startswith("Wybierz poprawną wartość")  # Django's Polish "invalid choice"
    response = shopper.post("/checkout/", form_data(page, shop, requested_delivery_date="31.02.2026"))
    assert response.context["form"].errors["requested_delivery_date"] == ["Wpisz poprawną datę."]
    too_early = earliest_date_for() - timedelta(days=1)
    response = shopper.post("/checkout/", form_data(page, shop, requested_delivery_date=too_early.isoformat()))
    assert len(response.context["form"].errors["requested_delivery_date"]) == 1
    assert not Order.objects.exists()


def test_stock_gone_before_submitting_shows_the_problem_and_places_nothing(shopper, cart, world, shop):
    fill(cart, world.user, (shop.bit, "3"))
    data = form_data(shopper.get("/checkout/"), shop)
    Stock.objects.filter(product=shop.bit).update(quantity=1)
    response = shopper.post("/checkout/", data)
    assert response.status_code == 200 and not Order.objects.exists()
    assert response.templates[0].name == "storefront/checkout/blocked.html"
    assert "BIT-8" in response.content.decode()


def test_empty_cart_and_cart_with_problems_cannot_check_out(shopper, cart, world, shop):
    response = shopper.get("/checkout/")
    assert response.templates[0].name == "storefront/checkout/blocked.html"
    assert polish("Your cart is empty.") in response.content.decode() and 'name="token"' not in response.content.decode()
    fill(cart, world.user, (shop.drill, "60"))  # 50 can be bought
    response = shopper.get("/checkout/")
    html = response.content.decode()
    assert response.templates[0].name == "storefront/checkout/blocked.html" and 'name="token"' not in html
    assert response.context["view"].problems[0] in html.replace("&#x27;", "'")
    response = shopper.post("/checkout/", {"token": "a" * 32, "delivery_address": str(shop.address.pk)})
    assert response.status_code == 200 and not Order.objects.exists()


def test_checkout_page_queries_do_not_grow_with_the_lines(shopper, cart, world, shop, django_assert_max_num_queries):
    products = [make_product(world.leaf, f"Produkt {i}", price="3.00", price_list=world.price_list, index=False) for i in range(40)]
    for product in products:
        set_stock(product, shop.local, 100)
    fill(cart, world.user, *[(p, "2") for p in products[:5]])
    shopper.get("/checkout/")  # warm the caches (branding, pricing rules) as a running server has them
    with django_assert_max_num_queries(40) as few:
        shopper.get("/checkout/")
    fill(cart, world.user, *[(p, "2") for p in products[5:]])
    with django_assert_max_num_queries(40) as many:
        assert len(shopper.get("/checkout/").context["view"].lines) == 40
    assert len(many.captured_queries) == len(few.captured_queries)


def test_placed_page_is_only_for_the_buyers_own_platform_orders(shopper, cart, world, shop, make_user):
    other_company = CompanyFactory()
    foreign = Order.objects.create(company=other_company, number="B2B/2026/999999")
    assert shopper.get(f"/checkout/placed/{foreign.pk}/").status_code == 404
    from_erp = Order.objects.create(company=world.company, source=Order.Source.ERP, erp_number="ZK 1/2026")
    assert shopper.get(f"/checkout/placed/{from_erp.pk}/").status_code == 404
    colleague = make_user("employee", company=world.company)
    own = Order.objects.create(company=world.company, number="B2B/2026/000001", placed_by=colleague)
    assert shopper.get(f"/checkout/placed/{own.pk}/").status_code == 200  # the company's orders (A10)


def test_bundle_lines_show_their_components_and_become_component_lines(shopper, cart, world, shop):
    from .conftest import add_bundle, make_bundle

    bundle = make_bundle("SET-9", [(shop.drill, "1"), (shop.bit, "4")], price="120.00")
    add_bundle(cart, bundle, "2")
    page = shopper.get("/checkout/")
    html = page.content.decode()
    assert 'data-sku="SET-9"' in html and "Wiertarka udarowa" in html and "Wiertło do betonu" in html
    assert page.context["view"].net == Decimal("240.00")
    response = shopper.post("/checkout/", form_data(page, shop))
    order = Order.objects.get()
    assert response.status_code == 302
    assert [(line.sku, line.bundle_code) for line in order.lines.order_by("position")] == [("WU-700", "SET-9"), ("BIT-8", "SET-9")]
    placed = shopper.get(response["Location"]).content.decode()
    assert placed.count("SET-9") >= 2


def test_placed_page_queries_do_not_grow_with_the_lines(shopper, cart, world, shop, django_assert_max_num_queries):
    from .conftest import place

    products = [make_product(world.leaf, f"Produkt {i}", price="3.00", price_list=world.price_list, index=False) for i in range(30)]
    for product in products:
        set_stock(product, shop.local, 100)
    fill(cart, world.user, *[(p, "1") for p in products[:3]])
    small = place(cart, world.user, shop)
    fill(cart, world.user, *[(p, "1") for p in products])
    large = place(cart, world.user, shop)
    shopper.get(f"/checkout/placed/{small.pk}/")  # warm the caches
    with django_assert_max_num_queries(25) as few:
        shopper.get(f"/checkout/placed/{small.pk}/")
    with django_assert_max_num_queries(25) as many:
        response = shopper.get(f"/checkout/placed/{large.pk}/")
    assert response.content.decode().count('class="placed-line"') == 30
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_company_without_any_address_is_told_whom_to_ask(shopper, cart, world, shop):
    shop.address.delete()
    world.company.street = ""
    world.company.save(update_fields=["street"])
    fill(cart, world.user, (shop.bit, "1"))
    page = shopper.get("/checkout/")
    message = polish("Your company has no delivery address yet. Please contact your sales representative.")
    assert message in page.content.decode()
    response = shopper.post("/checkout/", form_data(page, shop, delivery_address="head-office"))
    assert response.status_code == 200 and not Order.objects.exists()
