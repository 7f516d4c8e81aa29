"""The quick-order pad and the shared line parser (backoffice/orders/cart_lines.py, quick_order.py)."""
from decimal import Decimal

import pytest
from django.utils import translation

from backoffice.catalog.models import CustomerProductCode
from backoffice.orders.cart_lines import MAX_LINES, resolve_codes, source_lines, split_line, text_rows
from backoffice.orders.models import CartLine
from backoffice.orders.quick_order import quick_order_add
from tests.catalog_factories import make_product


@pytest.mark.parametrize("text, expected", [
    ("WU-700 2", ("WU-700", "2")),
    ("WU-700\t2", ("WU-700", "2")),
    ("WU-700;2,5", ("WU-700", "2,5")),
    ("WU-700 ; 2", ("WU-700", "2")),
    ("WU-700,3", ("WU-700", "3")),
    ("WU-700,2,5", ("WU-700", "2,5")),  # decimal comma after a comma separator
    ("  KABEL YDY 3x1,5   10 ", ("KABEL YDY 3x1,5", "10")),  # codes with spaces: the last token is the quantity
    ("5901234123457", ("5901234123457", "")),
    ("WU-700;2;ignored", ("WU-700", "2")),
])
def test_split_line(text, expected):
    assert split_line([text]) == expected


def test_source_lines_skip_blank_lines_and_a_header():
    lines = source_lines(text_rows("EAN;ilość\n\n5901234123457;2\n   \nBIT-8 1"))
    assert [(line.number, line.code, line.quantity) for line in lines] == [(3, "5901234123457", "2"), (5, "BIT-8", "1")]
    # a first line with a code is not a header even when its quantity is bad
    assert [line.code for line in source_lines(text_rows("BIT-8;abc"))] == ["BIT-8"]


def test_too_many_lines():
    with pytest.raises(ValueError):
        source_lines(text_rows("\n".join(f"A{i} 1" for i in range(MAX_LINES + 1))))




@pytest.mark.django_db
def test_resolve_codes_order_and_tolerance(shop, access, world):
    CustomerProductCode.objects.create(company=world.company, product=shop.bit, code="MOJ-KOD-1")
    found = resolve_codes(["WU-700", "wu-700", "5901234123457", "5901234123464", "MOJ-KOD-1", "NOPE", "HID-R"], access)
    assert found == {
        "WU-700": (shop.drill.pk, ""),
        "wu-700": (shop.drill.pk, ""),
        "5901234123457": (shop.drill.pk, ""),
        "5901234123464": (shop.drill.pk, "karton"),  # EAN of the carton -> that unit
        "MOJ-KOD-1": (shop.bit.pk, ""),
        "HID-R": (shop.restricted.pk, ""),  # found; visibility is decided when adding
    }


@pytest.mark.django_db
def test_shared_ean_prefers_the_product_the_customer_may_see(shop, access, world):
    make_product(world.leaf, "Duplikat", sku="DUP-1", ean="5900000000087")  # the bit's EAN, without a price
    assert resolve_codes(["5900000000087"], access) == {"5900000000087": (shop.bit.pk, "")}


@pytest.mark.django_db
def test_quick_order_adds_valid_lines_and_reports_the_rest(cart, access, shop):
    text = "\n".join([
        "WU-700 2",  # 1
        "5901234123464;1",  # 2: a carton by its EAN
        "bit-8\t2,5",  # 3: lower case, decimal comma
        "NIE-MA 1",  # 4: unknown
        "HID-R 1",  # 5: restricted category
        "HID-OTHER 1",  # 6: another customer's offer
        "BIT-8 -3",  # 7: bad quantity
        "BIT-8 zero",  # 8
        "5900000000087",  # 9: scanned EAN alone = 1
    ])
    with translation.override("en"):
        report = quick_order_add(cart=cart, access=access, text=text)
    assert report.added == 4
    assert [(p.number, p.code, p.reason) for p in report.problems] == [
        (4, "NIE-MA", "Unknown product code."),
        (5, "HID-R", "This product is not available to you."),
        (6, "HID-OTHER", "This product is not available to you."),
        (7, "BIT-8", "Enter a quantity greater than zero, with at most 3 decimal places and below 1,000,000."),
        (8, "BIT-8", "Enter a quantity greater than zero, with at most 3 decimal places and below 1,000,000."),
    ]
    assert sorted(CartLine.objects.values_list("product_id", "unit", "quantity")) == sorted([
        (shop.drill.pk, "", Decimal("2")), (shop.drill.pk, "karton", Decimal("1")), (shop.bit.pk, "", Decimal("3.5"))])
    assert not CartLine.objects.filter(product__in=[shop.restricted, shop.others]).exists()


@pytest.mark.django_db
def test_quick_order_refuses_too_much_text(cart, access, shop):
    report = quick_order_add(cart=cart, access=access, text="x" * 300_000)
    assert report.error and report.added == 0
