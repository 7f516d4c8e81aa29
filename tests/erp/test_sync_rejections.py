"""ERP package import: rows rejected with file, line and reason; duplicate keys and SKUs.

Packages are built on disk (tests/erp/packages.py) and imported; shared helpers are in
tests/erp/helpers.py, the pkgs/imported fixtures in tests/erp/conftest.py.
"""
from decimal import Decimal

import pytest

from backoffice.accounts.models import Company
from backoffice.catalog.models import Product
from backoffice.erp.sync import engine
from backoffice.inventory.models import Stock
from backoffice.pricing.models import Price
from tests.erp.helpers import PARTIAL, errors, keys
from tests.erp.packages import base_files

pytestmark = pytest.mark.django_db


K3 = {"erp_id": "K3", "name": "Trzecia Sp. z o.o.", "b2b_access": True, "currency": "PLN",
      "address": {"street": "ul. Polna 4", "postal_code": "00-002", "city": "Warszawa", "country": "PL"}}


def _drop(row, key):
    row.pop(key)


def _set(row, **values):
    row.update(values)


REJECTIONS = {
    # id: (mutate files, file, line, reason contains, label, keys applied from that file)
    "missing required field": (
        lambda f: _drop(f["products.jsonl"][1], "sku"),
        "products.jsonl", 2, "missing required field 'sku'", "products", {"P1", "P3"}),
    "unknown product in prices": (
        lambda f: f["prices.jsonl"].append({"price_list_erp_id": "PL-PLN", "product_erp_id": "NOPE", "net": "1.00"}),
        "prices.jsonl", 4, "unknown product 'NOPE'", "prices", {"PL-PLN/P1", "PL-PLN/P2", "PL-EUR/P1"}),
    "unknown category in products": (
        lambda f: _set(f["products.jsonl"][2], category_erp_id="C99"),
        "products.jsonl", 3, "unknown category 'C99'", "products", {"P1", "P2"}),
    "unknown price list in customers": (
        lambda f: (_set(f["customers.jsonl"][0], price_list_erp_id="PL-GBP"), f["customers.jsonl"].append(K3)),
        "customers.jsonl", 1, "unknown price list 'PL-GBP'", "customers", {"K3"}),
    "unknown customer in contract prices": (
        lambda f: f["contract_prices.jsonl"].append({"customer_erp_id": "K2", "product_erp_id": "P1", "net": "2.00", "currency": "PLN"}),
        "contract_prices.jsonl", 2, "unknown customer 'K2'", "contract_prices", {"K1/P2"}),
    "unknown warehouse in stock": (
        lambda f: f["stock.jsonl"].append({"warehouse_erp_id": "MAG9", "product_erp_id": "P2", "quantity": "5"}),
        "stock.jsonl", 3, "unknown warehouse 'MAG9'", "stock", {"MAG1/P1", "DOST/P1"}),
    "invalid EAN check digit": (
        lambda f: _set(f["products.jsonl"][2], ean="5901234123458"),
        "products.jsonl", 3, "invalid EAN check digit in 'ean': 5901234123458", "products", {"P1", "P2"}),
    "negative stock quantity": (
        lambda f: _set(f["stock.jsonl"][0], quantity="-5"),
        "stock.jsonl", 1, "'quantity' must not be negative (got -5)", "stock", {"DOST/P1"}),
    "unknown currency": (
        lambda f: f["price_lists.jsonl"].append({"erp_id": "PL-XYZ", "name": "Dziwny", "currency": "XYZ"}),
        "price_lists.jsonl", 3, "unknown currency 'XYZ' in 'currency'", "price_lists", {"PL-PLN", "PL-EUR"}),
    "contract price currency differs from the customer's": (
        lambda f: (_set(f["contract_prices.jsonl"][0], currency="EUR"),
                   f["contract_prices.jsonl"].append({"customer_erp_id": "K1", "product_erp_id": "P3", "net": "7.00", "currency": "PLN"})),
        "contract_prices.jsonl", 1, "contract price in EUR, but customer 'K1' buys in another currency", "contract_prices", {"K1/P3"}),
    "price list in another currency": (
        lambda f: (_set(f["customers.jsonl"][0], price_list_erp_id="PL-EUR"), f["customers.jsonl"].append(K3)),
        "customers.jsonl", 1, "price list 'PL-EUR' is not in the customer's currency PLN", "customers", {"K3"}),
    "duplicate key in the same file": (
        lambda f: f["stock.jsonl"].append({"warehouse_erp_id": "MAG1", "product_erp_id": "P1", "quantity": "999"}),
        "stock.jsonl", 3, "duplicate record", "stock", {"MAG1/P1", "DOST/P1"}),
    "SKU used by two products": (
        lambda f: _set(f["products.jsonl"][2], sku="GN-2"),
        "products.jsonl", 3, "SKU GN-2 is already used by product 'P2'", "products", {"P1", "P2"}),
    "discount on a non-top-level category": (
        lambda f: (_set(f["customers.jsonl"][0], category_discounts=[{"category_erp_id": "C11", "percent": "5"}]), f["customers.jsonl"].append(K3)),
        "customers.jsonl", 1, "category discounts apply to top-level categories only ('C11' is not one)", "customers", {"K3"}),
    "invalid NIP": (
        lambda f: (_set(f["customers.jsonl"][0], nip="1234567890"), f["customers.jsonl"].append(K3)),
        "customers.jsonl", 1, "invalid NIP 1234567890", "customers", {"K3"}),
    "unknown extra field": (
        lambda f: _set(f["warehouses.jsonl"][1], color="red"),
        "warehouses.jsonl", 2, "unknown field(s): color", "warehouses", {"MAG1"}),
    "line that is not JSON": (
        lambda f: f["prices.jsonl"].insert(1, '{"price_list_erp_id": "PL-PLN",'),
        "prices.jsonl", 2, "not valid JSON", "prices", {"PL-PLN/P1", "PL-PLN/P2", "PL-EUR/P1"}),
    "JSON array line": (
        lambda f: f["stock.jsonl"].insert(0, '["MAG1", "P2", "5"]'),
        "stock.jsonl", 1, "a line must hold one JSON object", "stock", {"MAG1/P1", "DOST/P1"}),
    "line numbers count blank lines": (
        lambda f: (f["products.jsonl"].insert(0, ""), f["products.jsonl"].insert(2, "   "), _drop(f["products.jsonl"][3], "name")),
        "products.jsonl", 4, "missing required field 'name'", "products", {"P1", "P3"}),
}


@pytest.mark.parametrize("case", list(REJECTIONS), ids=list(REJECTIONS))
def test_invalid_row_is_rejected_with_file_line_and_reason_and_valid_rows_applied(pkgs, case):
    mutate, file, line, reason, label, applied = REJECTIONS[case]
    files = base_files()
    mutate(files)

    run = pkgs.sync(files)

    assert run.status == PARTIAL, run.message
    assert run.message == ""
    matching = [e for e in errors(run) if e[0] == file]
    assert [(f, ln) for f, ln, r in matching] == [(file, line)], errors(run)
    assert reason in matching[0][2]
    assert run.counts[label]["rejected"] == 1
    assert keys(label) == applied


def test_rejected_rows_keep_their_erp_id(pkgs):
    files = base_files()
    files["products.jsonl"][2]["ean"] = "123"
    run = pkgs.sync(files)
    error = run.errors.get(file="products.jsonl")
    assert (error.line, error.erp_id) == (3, "P3")
    assert "8, 12, 13 or 14 digits" in error.reason


def test_duplicate_key_within_one_file_keeps_the_first_occurrence(pkgs):
    files = base_files()
    files["stock.jsonl"].append({"warehouse_erp_id": "MAG1", "product_erp_id": "P1", "quantity": "999"})
    run = pkgs.sync(files)
    assert Stock.objects.get(warehouse__erp_id="MAG1", product__erp_id="P1").quantity == Decimal("1500")
    assert run.errors.get().erp_id == "MAG1/P1"


def test_duplicate_key_across_batches_is_rejected(pkgs, monkeypatch):
    monkeypatch.setattr(engine, "BATCH_SIZE", 2)
    files = base_files()
    products = files["products.jsonl"]
    p4 = {"erp_id": "P4", "sku": "NEW-4", "name": {"pl": "Nowy"}, "category_erp_id": "C1", "vat_rate": "23", "base_unit": "szt"}
    # batches: [P1, P2] [P3, P4] [P4 again, P1 again] [P2 changed]
    files["products.jsonl"] = [*products, p4, {**p4, "name": {"pl": "Inny"}}, dict(products[0]), {**products[1], "name": {"pl": "Zmieniony"}}]

    run = pkgs.sync(files)

    assert run.status == PARTIAL
    product_errors = [(ln, r) for f, ln, r in errors(run) if f == "products.jsonl"]
    assert sorted(ln for ln, r in product_errors) == [5, 6, 7]
    assert all("duplicate record" in r for ln, r in product_errors)
    assert run.counts["products"] == {"inserted": 4, "updated": 0, "unchanged": 0, "deactivated": 0, "rejected": 3, "skipped": 0}
    assert Product.objects.get(erp_id="P4").safe_translation_getter("name", language_code="pl") == "Nowy"
    assert Product.objects.get(erp_id="P2").safe_translation_getter("name", language_code="pl") == "Gniazdo podwójne"

    # The same on a re-import, where the first occurrences are unchanged rows already on the platform.
    run = pkgs.sync(files)
    assert sorted(ln for f, ln, r in errors(run) if f == "products.jsonl") == [5, 6, 7]
    assert run.counts["products"]["unchanged"] == 4 and run.counts["products"]["deactivated"] == 0


def test_sku_of_a_product_already_on_the_platform_is_rejected(pkgs, imported):
    row = {"erp_id": "P9", "sku": "YDY-315", "name": {"pl": "Podróbka"}, "category_erp_id": "C1", "vat_rate": "23", "base_unit": "szt"}
    run = pkgs.sync({"products.jsonl": [row]}, kind="delta")
    assert run.status == PARTIAL
    assert errors(run) == [("products.jsonl", 1, "SKU YDY-315 is already used by product 'P1'")]
    assert not Product.objects.filter(erp_id="P9").exists()


def test_rejected_row_in_a_full_package_leaves_the_existing_record_alone(pkgs, imported):
    files = base_files()
    files["customers.jsonl"][0]["nip"] = "1234567890"  # a typo in the ERP
    files["products.jsonl"][2]["ean"] = "5901234123458"

    run = pkgs.sync(files)

    assert run.status == PARTIAL
    assert run.counts["customers"]["deactivated"] == 0
    assert run.counts["products"]["deactivated"] == 0
    assert Company.objects.get(erp_id="K1").is_active  # its users must not be locked out by a typo
    assert Product.objects.get(erp_id="P3").is_active


def test_number_too_large_for_its_column_is_rejected_not_stored(pkgs):
    files = base_files()
    files["prices.jsonl"][1]["net"] = "123456789012"  # valid per the schema's decimal pattern

    run = pkgs.sync(files)

    assert run.status == PARTIAL
    assert [(f, ln) for f, ln, r in errors(run)] == [("prices.jsonl", 2)]
    assert sorted(Price.objects.values_list("net", flat=True)) == [Decimal("0.61"), Decimal("2.45")]
