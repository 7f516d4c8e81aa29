"""C05 "recently bought" pages: the module switch, filters, a query bound, "add selected to cart"
(at the last ordered quantity and unit) and the CSV export (all or selected, formula-safe)."""
import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from backoffice.core.models import ModuleSwitch
from backoffice.core.modules import forget_cached_switches
from backoffice.orders.models import CartLine
from tests.catalog_factories import make_product

from .conftest import make_order

pytestmark = pytest.mark.django_db
URL = "/recently-bought/"


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def history(world, shop):
    now = timezone.now()
    make_order(world.company, [(shop.drill, 1, "karton", 12), (shop.bit, 10), (shop.glove, 4)], placed_at=now.replace(microsecond=0))
    return now


def test_page_lists_bought_products_with_prices(shopper, shop, history):
    response = shopper.get(reverse("orders:recently_bought"))
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count('class="recent-row"') == 3
    assert "WU-700" in content and "100,00 PLN" in content
    assert "HID" not in content


def test_filters_on_the_page(shopper, shop, history, world):
    content = shopper.get(URL, {"brand": shop.glove.brand_id}).content.decode()
    assert content.count('class="recent-row"') == 1 and "GLV-1" in content
    content = shopper.get(URL, {"q": "wiert", "stock": "local", "category": world.leaf.pk, "months": 3}).content.decode()
    assert content.count('class="recent-row"') == 2
    bad = shopper.get(URL, {"months": "7", "brand": "x", "category": "-1", "sort": "evil", "page": "0"})
    assert bad.status_code == 200 and bad.content.decode().count('class="recent-row"') == 3  # bad values dropped


def test_the_module_switch_hides_the_pages_and_the_menu_link(shopper, history):
    assert f'href="{URL}"' in shopper.get(reverse("orders:order_list")).content.decode()
    ModuleSwitch.objects.create(key="recently_bought", enabled=False)
    forget_cached_switches()
    assert shopper.get(URL).status_code == 404
    assert shopper.post(reverse("orders:recently_bought_add"), {"product": "1"}).status_code == 404
    assert shopper.get(reverse("orders:recently_bought_csv")).status_code == 404
    assert f'href="{URL}"' not in shopper.get(reverse("orders:order_list")).content.decode()


def test_page_queries_are_constant(shopper, world, django_assert_max_num_queries):
    products = [make_product(world.leaf, f"Produkt {n}", price="3.00", price_list=world.price_list, index=False) for n in range(70)]
    for days_ago in (0, 40, 80):
        make_order(world.company, [(p, 2) for p in products], placed_at=timezone.now() - timedelta(days=days_ago))
    shopper.get(URL)
    with django_assert_max_num_queries(14):
        response = shopper.get(URL)
    assert response.content.decode().count('class="recent-row"') == 50  # the first page


def test_add_selected_uses_the_last_ordered_quantity_and_unit(shopper, world, shop, history):
    response = shopper.post(reverse("orders:recently_bought_add"), {"product": [shop.drill.pk, shop.bit.pk, shop.hidden.pk, "x"]})
    assert response.status_code == 302
    lines = {(line.product_id, line.unit): line.quantity for line in CartLine.objects.filter(cart__user=world.user)}
    assert lines == {(shop.drill.pk, "karton"): Decimal("1"), (shop.bit.pk, ""): Decimal("10")}


def test_add_selected_without_a_tick_writes_nothing(shopper, world, history):
    response = shopper.post(reverse("orders:recently_bought_add"), {})
    assert response.status_code == 302 and response["Location"] == URL
    assert not CartLine.objects.exists()


def test_csv_export_of_all_matching_products_is_formula_safe(shopper, world, shop, history):
    evil = make_product(world.leaf, "=cmd|' /C calc'!A0", sku="+EVIL", price="1.00", price_list=world.price_list)
    make_order(world.company, [(evil, 1)])
    response = shopper.get(reverse("orders:recently_bought_csv"), {"months": 12})
    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    header, *rows = csv_rows(response)
    assert len(header) == 13 and len(rows) == 4
    row = next(r for r in rows if "EVIL" in r[0])
    assert row[0] == "'+EVIL" and row[2] == "'=cmd|' /C calc'!A0"
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)
    drill = next(r for r in rows if r[0] == "WU-700")
    assert drill[4] == "12" and drill[8] == "karton" and drill[9] == "100.00"
    bit = next(r for r in rows if r[0] == "BIT-8")
    assert bit[4] == "10" and bit[7] == "10" and bit[11] == "1000"  # plain numbers, never "1E+1"


def test_csv_export_follows_the_filters_and_the_selection(shopper, world, shop, history):
    filtered = csv_rows(shopper.get(reverse("orders:recently_bought_csv"), {"brand": shop.glove.brand_id}))
    assert [r[0] for r in filtered[1:]] == ["GLV-1"]
    selected = csv_rows(shopper.post(reverse("orders:recently_bought_csv"), {"product": [shop.bit.pk, shop.hidden.pk], "months": 12}))
    assert [r[0] for r in selected[1:]] == ["BIT-8"]


def test_another_company_history_never_shows(shopper, world, shop):
    make_order(shop.other_company, [(shop.drill, 5), (shop.bit, 5)])
    assert shopper.get(URL).content.decode().count('class="recent-row"') == 0
    assert len(csv_rows(shopper.get(reverse("orders:recently_bought_csv")))) == 1  # the header only
