"""The exchange contract: the JSON Schema itself, the test packages against it, and schema <-> importer agreement.

The importer does not run the schema on every row (too slow); its fast checks (sync/fields.py and the
EntitySync.parse methods) must refuse at least what the schema refuses. They are deliberately
stricter on EAN check digits and ISO currency codes.
"""
import copy
import json

import pytest
from jsonschema import Draft202012Validator

from backoffice.erp.contract import CONTRACT_VERSION, FILE_ORDER, SCHEMA_PATH, first_schema_error, schema
from backoffice.erp.models import SyncRun
from backoffice.erp.services import sync_package
from tests.erp.packages import base_files, write_package

DEFINITION = {
    "sales_reps.jsonl": "sales_rep",
    "warehouses.jsonl": "warehouse",
    "categories.jsonl": "category",
    "price_lists.jsonl": "price_list",
    "products.jsonl": "product",
    "prices.jsonl": "price",
    "customers.jsonl": "customer",
    "contract_prices.jsonl": "contract_price",
    "customer_codes.jsonl": "customer_code",
    "stock.jsonl": "stock",
    "order_statuses.jsonl": "order_status",  # rows tested in tests/erp/test_order_statuses.py
}


def test_schema_is_a_valid_draft_2020_12_schema():
    document = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["$id"] == CONTRACT_VERSION
    assert document["$defs"]["manifest"]["properties"]["contract"] == {"const": CONTRACT_VERSION}


def test_every_file_of_the_contract_has_a_definition():
    assert set(DEFINITION) == set(FILE_ORDER)
    assert set(schema()["$defs"]["manifest"]["properties"]["files"]["items"]["enum"]) == set(FILE_ORDER)
    assert set(DEFINITION.values()) <= set(schema()["$defs"])


@pytest.mark.parametrize("file", [file for file in DEFINITION if file in base_files()])
def test_every_row_of_the_test_package_matches_the_schema(file):
    rows = base_files()[file]
    assert rows
    for number, row in enumerate(rows, start=1):
        assert first_schema_error(DEFINITION[file], row) is None, f"{file}:{number}"


def test_the_test_package_manifest_matches_the_schema(tmp_path):
    folder = write_package(tmp_path, base_files())
    assert first_schema_error("manifest", json.loads((folder / "manifest.json").read_text())) is None


def test_first_schema_error_names_the_place():
    assert first_schema_error("stock", {"warehouse_erp_id": "MAG1", "product_erp_id": "P1", "quantity": "-1"}).startswith("quantity: ")
    assert first_schema_error("stock", {"warehouse_erp_id": "MAG1", "product_erp_id": "P1"}) == "'quantity' is a required property"


# Schema and importer agree on invalid rows --------------------------------------------------------

def _set(path, value):
    """Mutation setting row[path[0]][path[1]]... = value."""
    def mutate(row):
        target = row
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return mutate


def _drop(path):
    def mutate(row):
        target = row
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
    return mutate


DIMENSIONS = {"length": "120", "width": "40", "height": "30"}


def _with_dimensions(**changes):
    def mutate(row):
        row["dimensions_cm"] = {**DIMENSIONS, **changes}
        for key in [k for k, v in row["dimensions_cm"].items() if v is None]:
            del row["dimensions_cm"][key]
    return mutate


def _bug(reason):
    return pytest.mark.xfail(strict=True, reason=f"BUG: {reason}")


# (file, row index in base_files(), mutation)
INVALID_ROWS = [
    # negative quantities and amounts
    pytest.param("stock.jsonl", 0, _set(["quantity"], "-1"), id="negative stock quantity"),
    pytest.param("prices.jsonl", 0, _set(["net"], "-2.45"), id="negative price"),
    pytest.param("contract_prices.jsonl", 0, _set(["net"], "-15.00"), id="negative contract price"),
    pytest.param("products.jsonl", 0, _set(["units", 0, "factor"], "-100"), id="negative unit factor"),
    pytest.param("products.jsonl", 2, _set(["weight_kg"], "-0.5"), id="negative weight"),
    pytest.param("products.jsonl", 2, _with_dimensions(length="-1"), id="negative dimension"),
    pytest.param("customers.jsonl", 0, _set(["credit_limit"], "-1.00"), id="negative credit limit"),
    pytest.param("customers.jsonl", 0, _set(["overdue_amount"], "-5"), id="negative overdue amount"),
    pytest.param("customers.jsonl", 0, _set(["category_discounts", 0, "percent"], "-5"), id="negative discount"),
    pytest.param("warehouses.jsonl", 1, _set(["lead_time_days_min"], -1), id="negative lead time"),
    # EAN not matching the GTIN pattern
    pytest.param("products.jsonl", 2, _set(["ean"], "59012341234"), id="EAN of 11 digits"),
    pytest.param("products.jsonl", 2, _set(["ean"], "590123412345A"), id="EAN with a letter"),
    pytest.param("products.jsonl", 2, _set(["ean"], " 5901234123457"), id="EAN with a space"),
    pytest.param("products.jsonl", 2, _set(["ean"], 5901234123457), id="EAN as a JSON number"),
    pytest.param("products.jsonl", 0, _set(["units", 0, "ean"], "1234567"), id="unit EAN of 7 digits"),
    pytest.param("products.jsonl", 2, _set(["ean"], "５９０１２３４１２３４５７"), id="EAN in full-width digits"),
    pytest.param("products.jsonl", 2, _set(["ean"], ""), id="empty EAN"),
    # missing required fields
    pytest.param("sales_reps.jsonl", 0, _drop(["last_name"]), id="rep without last_name"),
    pytest.param("warehouses.jsonl", 0, _drop(["kind"]), id="warehouse without kind"),
    pytest.param("categories.jsonl", 1, _set(["name"], {"en": "Copper wires"}), id="category name without pl"),
    pytest.param("price_lists.jsonl", 0, _drop(["currency"]), id="price list without currency"),
    pytest.param("products.jsonl", 2, _drop(["base_unit"]), id="product without base_unit"),
    pytest.param("products.jsonl", 0, _drop(["units", 0, "factor"]), id="unit without factor"),
    pytest.param("prices.jsonl", 0, _drop(["net"]), id="price without net"),
    pytest.param("customers.jsonl", 0, _drop(["b2b_access"]), id="customer without b2b_access"),
    pytest.param("customers.jsonl", 0, _drop(["address", "city"]), id="address without city"),
    pytest.param("customers.jsonl", 0, _drop(["shipping_addresses", 0, "erp_id"]), id="shipping address without erp_id"),
    pytest.param("customers.jsonl", 0, _drop(["category_discounts", 0, "percent"]), id="discount without percent"),
    pytest.param("contract_prices.jsonl", 0, _drop(["currency"]), id="contract price without currency"),
    pytest.param("customer_codes.jsonl", 0, _drop(["code"]), id="customer code without code"),
    pytest.param("stock.jsonl", 0, _drop(["quantity"]), id="stock without quantity"),
    pytest.param("products.jsonl", 2, _with_dimensions(height=None), id="dimensions without height"),
    # unknown extra fields
    pytest.param("products.jsonl", 2, _set(["color"], "red"), id="extra product field"),
    pytest.param("stock.jsonl", 0, _set(["location"], "A-01"), id="extra stock field"),
    pytest.param("products.jsonl", 2, _set(["name", "de"], "Schalter"), id="extra language in name"),
    pytest.param("products.jsonl", 0, _set(["attributes", "de"], {"Querschnitt": "3x1,5"}), id="extra language in attributes"),
    pytest.param("customers.jsonl", 0, _set(["address", "floor"], "2"), id="extra address field"),
    pytest.param("customers.jsonl", 0, _set(["shipping_addresses", 0, "floor"], "2"), id="extra shipping address field"),
    pytest.param("products.jsonl", 0, _set(["units", 0, "color"], "red"), id="extra unit field"),
    pytest.param("products.jsonl", 2, _with_dimensions(depth="10"), id="extra dimensions field"),
    pytest.param("customers.jsonl", 0, _set(["category_discounts", 0, "note"], "x"), id="extra discount field"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("file, index, mutate", INVALID_ROWS)
def test_schema_and_importer_both_refuse_the_row(tmp_path, file, index, mutate):
    files = base_files()
    row = copy.deepcopy(files[file][index])
    mutate(row)
    files[file][index] = row

    assert first_schema_error(DEFINITION[file], row) is not None, "the schema accepts the row"

    run = sync_package(location=write_package(tmp_path, files), triggered_by="contract test")
    assert run.status != SyncRun.Status.FAILED, run.message
    rejected = list(run.errors.filter(file=file).values_list("line", flat=True))
    assert rejected == [index + 1], f"the importer accepts the row: {row}"
