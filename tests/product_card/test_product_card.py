"""The product card as a logged-in customer sees it (C02, C11, C12, S01, S02, S08, S09)."""
import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from backoffice.catalog.models import ComplementaryProduct, ProductImage, ProductLink, StoredImage
from backoffice.core.roles import Role
from backoffice.engagement.models import CustomerEvent
from backoffice.inventory.models import StockDisplaySettings
from backoffice.pricing.models import CategoryDiscount
from tests.catalog_factories import make_product, set_stock

from .conftest import stock_settings

pytestmark = pytest.mark.django_db
UNITS = StockDisplaySettings.Mode.UNITS
RANGES = StockDisplaySettings.Mode.RANGES


def card(client, product, **params):
    response = client.get(reverse("catalog:product", args=[product.pk]), params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def text(html: str) -> str:
    """Visible text, whitespace collapsed (for phrases split by markup)."""
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def availability(html: str) -> str:
    return text(html.split('id="availability"', 1)[1].split(">", 1)[1].split("</ul>", 1)[0])


# --- content, language ------------------------------------------------------------------------


def test_card_shows_the_product_in_polish_by_default(shopper, world, drill):
    html = card(shopper, drill)
    assert '<html lang="pl">' in html
    assert "Wiertarka udarowa" in html and "Hammer drill" not in html
    assert "WU-700" in html and "5901234123457" in html and "Bosch" in html
    assert "700 W" in html and "niebieski" in html  # attributes table
    # breadcrumbs: the category path
    assert f'href="{reverse("catalog:category", args=[world.root.pk])}"' in html
    assert f'href="{reverse("catalog:category", args=[world.leaf.pk])}"' in html


def test_card_in_english_with_polish_fallback_for_missing_fields(shopper, drill):
    shopper.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = card(shopper, drill)
    assert '<html lang="en">' in html
    assert "Hammer drill" in html and "Wiertarka udarowa" not in html
    assert "700 W" in html  # no English attributes: the Polish ones are shown


def test_description_and_images(shopper, drill):
    drill.set_current_language("pl")
    drill.description = "Mocna wiertarka.\nDo betonu."
    drill.save()
    stored = StoredImage.objects.create(sha256="a" * 64, file="products/drill.jpg")
    ProductImage.objects.create(product=drill, image=stored, sort=0)
    html = card(shopper, drill)
    assert "Mocna wiertarka.<br>Do betonu." in html
    assert "products/drill.jpg" in html


# --- price ------------------------------------------------------------------------------------


def test_customers_own_price_with_why_this_price(shopper, world, drill):
    CategoryDiscount.objects.create(company=world.company, category=world.root, percent=Decimal("10"))
    html = card(shopper, drill)
    assert "90,00 PLN" in html and "110,70 PLN" in html  # net after 10 percent, gross with 23 percent VAT
    with translation.override("pl"):
        from backoffice.pricing.engine import CATEGORY_DISCOUNT, LIST_PRICE, rule_label

        labels = [rule_label(LIST_PRICE), rule_label(CATEGORY_DISCOUNT, percent=Decimal("10"))]
    why = html.split('class="why-price"', 1)[1].split("</details>", 1)[0]
    assert all(label in why for label in labels)


def test_units_with_conversion_and_price_per_unit(shopper, drill):
    html = card(shopper, drill)
    assert "karton = 12 szt" in text(html)
    assert "1200,00 PLN" in html and "1476,00 PLN" in html  # price of a carton, net and gross
    assert '<option value="karton">karton</option>' in html
    # the buy form puts the chosen quantity and unit into the cart
    form = re.search(r'<form[^>]*id="buy-form"[^>]*>', html).group(0)
    assert 'method="post"' in form and 'action="/cart/add/"' in form
    assert 'name="quantity"' in html and 'name="unit"' in html


# --- stock and planned availability --------------------------------------------------------------


def test_stock_in_units_local_and_supplier_separately(shopper, drill, warehouses):
    local, supplier = warehouses
    stock_settings(UNITS)
    set_stock(drill, local, "8")
    set_stock(drill, supplier, "40")
    html = text(card(shopper, drill))
    assert re.search(r"Our warehouse|Nasz magazyn", html)
    stock = html.split("Planned availability" if "Planned availability" in html else "Planowana", 1)[0]
    assert "8 szt" in stock and "40 szt" in stock
    assert "2–4" in stock  # the supplier's lead time
    assert "Dostawca Szybki" not in html  # customers see when, not from whom


def test_stock_as_range_labels_in_the_current_language(shopper, drill, warehouses):
    stock_settings(RANGES, ranges=[("10", "mało", "few"), ("1000", "dużo", "plenty")])
    set_stock(drill, warehouses[0], "8")
    set_stock(drill, warehouses[1], "500")
    html = card(shopper, drill)
    assert "mało" in html and "dużo" in html
    assert "8 szt</dd>" not in html and "500 szt</dd>" not in html
    shopper.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = card(shopper, drill)
    assert "few" in html and "plenty" in html


@pytest.mark.parametrize("mode", [UNITS, RANGES])
def test_no_stock_reads_out_of_stock(shopper, drill, warehouses, mode):
    stock_settings(mode, ranges=[("10", "mało", "few")])
    set_stock(drill, warehouses[0], "0")
    shopper.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = card(shopper, drill)
    assert re.search(r'class="stock-local out">\s*out of stock', html)
    assert "few" not in html


def test_planned_availability_for_a_quantity_above_stock(shopper, drill, warehouses):
    local, supplier = warehouses
    stock_settings(UNITS, restock=(5, 7))
    set_stock(drill, local, "8")
    set_stock(drill, supplier, "20")
    shopper.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert availability(card(shopper, drill)) == " Planned availability Requested quantity: 1 szt 1 szt — now, from our warehouse "
    # 3 cartons = 36 szt: 8 now, 20 from the supplier, 8 after restocking
    plan = availability(card(shopper, drill, quantity="3", unit="karton"))
    assert "Requested quantity: 36 szt" in plan
    assert "8 szt — now, from our warehouse" in plan
    assert "20 szt — from an external supplier, in 2–4 days" in plan
    assert "8 szt — after restocking, in 5–7 days" in plan


def test_planned_availability_uses_the_erp_delivery_date(shopper, drill, warehouses):
    stock_settings(UNITS)
    delivery = timezone.localdate() + timedelta(days=9)
    set_stock(drill, warehouses[0], "2", next_delivery=delivery)
    shopper.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    plan = availability(card(shopper, drill, quantity="5"))
    assert "2 szt — now, from our warehouse" in plan
    assert "3 szt — with the next delivery, planned for" in plan and str(delivery.year) in plan


def test_an_invalid_quantity_falls_back_to_one_base_unit(shopper, drill):
    html = card(shopper, drill, quantity="-4", unit="nonsense")
    assert "data-requested>1 szt<" in html
    assert 'class="field-error"' in html and 'value="-4"' in html  # the customer sees what was wrong


def test_script_data_lets_the_page_recompute_availability(shopper, drill, warehouses):
    stock_settings(UNITS)
    set_stock(drill, warehouses[0], "8")
    set_stock(drill, warehouses[1], "20")
    html = card(shopper, drill)
    data = json.loads(re.search(r'<script id="product-card-data" type="application/json">(.*?)</script>', html, re.S).group(1))
    assert data["baseUnit"] == "szt"
    assert {code: Decimal(f) for code, f in data["units"].items()} == {"": 1, "karton": 12}
    assert [(Decimal(s["capacity"]) if s["capacity"] else None) for s in data["steps"]] == [8, 20, None]
    assert 'src="/static/storefront/js/product.js"' in html and "storefront/css/product.css" in html


# --- related products -------------------------------------------------------------------------


def test_variants_show_what_differs_and_link_to_each_other(shopper, world, drill):
    drill.variant_group = "WU"
    drill.save()
    green = make_product(world.leaf, "Wiertarka zielona", price="101.00", price_list=world.price_list, variant_group="WU",
                         attributes={"Moc": "700 W", "Kolor": "zielony"})
    make_product(world.leaf, "Inna", price="1.00", price_list=world.price_list, variant_group="", attributes={"Kolor": "zielony"})
    html = card(shopper, drill)
    variants = html.split('class="panel product-variants"', 1)[1].split("</section>", 1)[0]
    assert f'href="{reverse("catalog:product", args=[green.pk])}"' in variants
    assert "zielony" in variants and "niebieski" in variants  # this product's and the variant's colour
    assert "700 W" not in variants  # the same in every variant: not a difference
    assert "Inna" not in html


def test_similar_products_both_directions_and_complementary(shopper, world, drill):
    other_leaf = world.leaf.__class__.objects.get(pk=world.leaf.pk)
    forward = make_product(world.leaf, "Wiertło SDS", price="5.00", price_list=world.price_list)
    backward = make_product(world.leaf, "Młotowiertarka", price="300.00", price_list=world.price_list)
    extra = make_product(world.root, "Walizka", price="50.00", price_list=world.price_list)
    ProductLink.objects.create(product=drill, linked=forward)
    ProductLink.objects.create(product=backward, linked=drill)
    ComplementaryProduct.objects.create(category=other_leaf, product=extra)
    html = card(shopper, drill)
    similar = html.split("product-similar", 1)[1].split("</section>", 1)[0]
    assert "Wiertło SDS" in similar and "Młotowiertarka" in similar and "5,00 PLN" in similar
    complementary = html.split("product-complementary", 1)[1].split("</section>", 1)[0]
    assert "Walizka" in complementary


def test_a_product_view_is_recorded_once(shopper, world, drill):
    card(shopper, drill)
    events = CustomerEvent.objects.filter(kind=CustomerEvent.Kind.PRODUCT_VIEW, object_id=drill.pk)
    assert events.count() == 1 and events.get().company_id == world.company.pk


def test_the_quantity_form_posts_to_the_cart_once_it_exists(shopper, drill, settings):
    settings.ROOT_URLCONF = "tests.product_card.urls_with_cart"
    html = card(shopper, drill)
    form = re.search(r'<form[^>]*id="buy-form"[^>]*>', html).group(0)
    assert 'method="post"' in form and 'action="/orders/cart/add/"' in form
    assert f'<input type="hidden" name="product" value="{drill.pk}">' in html and "csrfmiddlewaretoken" in html
    assert "js-hidden" not in html  # the add-to-cart button replaces "check availability"


def test_an_end_customer_sees_the_distributors_price_with_markup(client, make_user, world, drill):
    world.company.is_distributor = True
    world.company.markup_percent = Decimal("10")
    world.company.save()
    end_customer = make_user(Role.END_CUSTOMER)
    end_customer.company.distributor = world.company
    end_customer.company.save()
    client.force_login(end_customer)
    html = card(client, drill)
    assert "110,00 PLN" in html and "1320,00 PLN" in html
