"""C06: CSV and Excel import to the cart (backoffice/orders/cart_import.py)."""
import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import Workbook

from backoffice.orders.cart_import import MAX_FILE_SIZE, cart_import_file, csv_rows, decode_csv, sample_csv
from backoffice.orders.models import CartLine
from tests.catalog_factories import make_category, make_product

pytestmark = pytest.mark.django_db


def cart_contents():
    return sorted(CartLine.objects.values_list("product_id", "unit", "quantity"))


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.mark.parametrize("encoding, bom", [("utf-8", False), ("utf-8", True), ("cp1250", False)])
def test_csv_in_each_encoding_with_header_and_decimal_comma(cart, access, shop, world, encoding, bom):
    polish = make_product(world.leaf, "Żarówka", sku="ŻARÓWKA-ŁĘ", price="3.00", price_list=world.price_list)
    text = "EAN lub SKU;Ilość\r\n5901234123457;2\r\nżarówka-łę;1,5\r\n"
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)
    report = cart_import_file(cart=cart, access=access, name="zamowienie.CSV", data=data)
    assert report.ok and report.added == 2
    assert cart_contents() == sorted([(shop.drill.pk, "", Decimal("2")), (polish.pk, "", Decimal("1.5"))])


@pytest.mark.parametrize("text", [
    "WU-700,2\nBIT-8,3\n",  # comma, no header
    "sku,quantity\nWU-700,2\nBIT-8,3\n",
    'WU-700,"2"\nBIT-8,3\n',
    "WU-700\t2\nBIT-8\t3\n",
])
def test_csv_separators(cart, access, shop, text):
    report = cart_import_file(cart=cart, access=access, name="a.csv", data=text.encode())
    assert report.ok, report.problems
    assert cart_contents() == sorted([(shop.drill.pk, "", Decimal("2")), (shop.bit.pk, "", Decimal("3"))])


def test_comma_separated_with_unquoted_decimal_comma():
    assert list(csv_rows("WU-700,2,5\n")) == [(1, ["WU-700", "2,5"])]


def test_decode_falls_back_to_windows_1250():
    assert decode_csv("Łódź;1".encode("cp1250")) == "Łódź;1"
    assert decode_csv("Łódź;1".encode("utf-8")) == "Łódź;1"


def test_csv_report_per_line_while_valid_lines_are_added(cart, access, shop):
    data = "EAN;ilość\nWU-700;2\nNIEZNANY;1\nHID-R;1\nBIT-8;-1\nBIT-8;\nBIT-8;4\n".encode()
    with translation.override("en"):
        report = cart_import_file(cart=cart, access=access, name="a.csv", data=data)
    assert report.added == 2
    assert [(p.number, p.code) for p in report.problems] == [(3, "NIEZNANY"), (4, "HID-R"), (5, "BIT-8"), (6, "BIT-8")]
    assert report.problems[1].reason == "This product is not available to you."
    assert report.problems[3].reason.startswith("Enter a quantity")  # a missing quantity is an error in files
    assert cart_contents() == sorted([(shop.drill.pk, "", Decimal("2")), (shop.bit.pk, "", Decimal("4"))])


def test_xlsx_with_numeric_ean_and_header(cart, access, shop):
    data = xlsx([("EAN", "Ilość"), (5901234123464, 2), ("BIT-8", 2.5), (None, None), ("NOPE", 1)])
    report = cart_import_file(cart=cart, access=access, name="lista.xlsx", data=data)
    assert report.added == 2 and [(p.number, p.code) for p in report.problems] == [(5, "NOPE")]
    assert cart_contents() == sorted([(shop.drill.pk, "karton", Decimal("2")), (shop.bit.pk, "", Decimal("2.5"))])


def test_xlsx_with_float_ean_cells(cart, access, shop):
    data = xlsx([(5901234123457.0, 1.0)])
    assert cart_import_file(cart=cart, access=access, name="a.xlsx", data=data).added == 1


@pytest.mark.parametrize("name, data", [
    ("a.pdf", b"%PDF-1.4 ..."),
    ("a.xlsx", b"EAN;1\n"),  # not a zip
    ("a.xlsx", b"PK\x03\x04broken zip"),
    ("a.csv", b"PK\x03\x04\x14\x00"),  # an Excel file renamed to .csv
    ("a.csv", b"A;1\x00\x00"),
    ("a.csv", b""),
    ("a.csv", b"EAN;ilosc\n"),  # a header only
    ("a.csv", b"x" * (MAX_FILE_SIZE + 1)),
])
def test_bad_files_are_refused_and_nothing_is_added(cart, access, shop, name, data):
    report = cart_import_file(cart=cart, access=access, name=name, data=data)
    assert report.error and report.added == 0
    assert not CartLine.objects.exists()


def test_xlsx_zip_bomb_is_refused_before_unpacking(cart, access, shop):
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"<a>" + b" " * (50 * 1024 * 1024) + b"</a>")
    assert len(out.getvalue()) < MAX_FILE_SIZE
    report = cart_import_file(cart=cart, access=access, name="bomb.xlsx", data=out.getvalue())
    assert "rozpakowaniu" in report.error and report.added == 0  # Polish, the default language


def test_sample_file_can_be_imported(cart, access, shop):
    data = sample_csv([("WU-700", "2"), ("5900000000087", "1,5")]).encode()
    report = cart_import_file(cart=cart, access=access, name="sample.csv", data=data)
    assert report.ok and report.added == 2


def test_sample_cells_are_safe_against_formulas():
    assert "'=HYPERLINK" in sample_csv([("=HYPERLINK(1)", "1")])


def test_1000_lines_cost_a_few_queries(cart, access, shop, world, django_assert_max_num_queries):
    from backoffice.pricing.models import Price

    category = make_category("Śruby", world.root)
    products = [make_product(category, f"Śruba {i}", sku=f"SR-{i:04d}", ean=f"59{i:011d}", index=False) for i in range(1000)]
    Price.objects.bulk_create([Price(price_list=world.price_list, product=p, net=Decimal("1.00")) for p in products])
    rows = [f"{p.sku if i % 2 else p.ean};{i % 7 + 1}" for i, p in enumerate(products)]
    rows[10] = "UNKNOWN;1"
    # 13 + the inserts: one on PostgreSQL, batches of 166 rows on SQLite (7 for 1,000 lines)
    with django_assert_max_num_queries(20):
        report = cart_import_file(cart=cart, access=access, name="big.csv", data="\n".join(rows).encode())
    assert report.added == 999 and [p.number for p in report.problems] == [11]
    assert CartLine.objects.count() == 999
