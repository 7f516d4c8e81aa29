"""The exchange contract (docs/erp-contract.md): version, files in import order, schema access."""
import json
from functools import lru_cache
from pathlib import Path

CONTRACT_VERSION = "b2b-erp/1"
SCHEMA_PATH = Path(__file__).parent / "contract" / "b2b-erp-v1.schema.json"

# Import order: every file only references records of the files before it.
FILE_ORDER = (
    "sales_reps.jsonl",
    "warehouses.jsonl",
    "categories.jsonl",
    "price_lists.jsonl",
    "products.jsonl",
    "prices.jsonl",
    "customers.jsonl",
    "contract_prices.jsonl",
    "customer_codes.jsonl",
    "stock.jsonl",
    "order_statuses.jsonl",
)


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def validator_for(definition: str):
    """A JSON Schema validator for one record type ($defs name), e.g. "product" or "manifest"."""
    from jsonschema import Draft202012Validator, FormatChecker

    document = dict(schema())
    document["$ref"] = f"#/$defs/{definition}"
    return Draft202012Validator(document, format_checker=FormatChecker())


def first_schema_error(definition: str, record) -> str | None:
    error = next(iter(sorted(validator_for(definition).iter_errors(record), key=lambda e: list(e.path))), None)
    if error is None:
        return None
    where = "/".join(str(part) for part in error.absolute_path)
    return f"{where}: {error.message}" if where else error.message
