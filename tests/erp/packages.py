"""Build small exchange packages for tests: dicts in, a package folder out."""
import json
from pathlib import Path

from backoffice.erp.contract import CONTRACT_VERSION


def write_package(root: Path, files: dict[str, list], *, kind: str = "full", name: str = "pkg", images: dict | None = None) -> Path:
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    for file, rows in files.items():
        with open(folder / file, "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(row if isinstance(row, str) else json.dumps(row, ensure_ascii=False))
                handle.write("\n")
    for path, data in (images or {}).items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(data)
    manifest = {"contract": CONTRACT_VERSION, "package_id": name, "kind": kind, "created_at": "2026-11-27T10:00:00+01:00", "files": list(files)}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def base_files() -> dict[str, list]:
    """A small, valid full package: 1 rep, 2 warehouses, a 2-level tree, 3 products, 2 price lists,
    prices, 2 customers (one without B2B access), contract prices, codes and stock."""
    return {
        "sales_reps.jsonl": [{"erp_id": "H1", "email": "h1@erp.example.pl", "first_name": "Ewa", "last_name": "Handlowa", "phone": "+48 600 000 001"}],
        "warehouses.jsonl": [
            {"erp_id": "MAG1", "name": "Magazyn Łódź", "kind": "local"},
            {"erp_id": "DOST", "name": "Dostawca zewnętrzny", "kind": "supplier", "lead_time_days_min": 5, "lead_time_days_max": 7},
        ],
        "categories.jsonl": [
            {"erp_id": "C1", "parent_erp_id": None, "name": {"pl": "Kable", "en": "Cables"}, "warehouse_erp_id": "MAG1"},
            {"erp_id": "C11", "parent_erp_id": "C1", "name": {"pl": "Przewody miedziane", "en": "Copper wires"}},
        ],
        "price_lists.jsonl": [
            {"erp_id": "PL-PLN", "name": "Cennik bazowy", "currency": "PLN"},
            {"erp_id": "PL-EUR", "name": "Export", "currency": "EUR"},
        ],
        "products.jsonl": [
            {"erp_id": "P1", "sku": "YDY-315", "ean": "5901234123457", "name": {"pl": "Przewód YDYp 3x1,5", "en": "Cable YDYp 3x1.5"},
             "brand": "NKT", "category_erp_id": "C11", "vat_rate": "23", "base_unit": "m",
             "units": [{"code": "krąg", "factor": "100"}], "weight_kg": "0.120", "units_per_pallet": 2000,
             "attributes": {"pl": {"Przekrój": "3x1,5"}}},
            {"erp_id": "P2", "sku": "GN-2", "name": {"pl": "Gniazdo podwójne"}, "category_erp_id": "C1", "vat_rate": "23", "base_unit": "szt"},
            {"erp_id": "P3", "sku": "WYL-B16", "name": {"pl": "Wyłącznik S301 B16"}, "category_erp_id": "C1", "vat_rate": "8", "base_unit": "szt"},
        ],
        "prices.jsonl": [
            {"price_list_erp_id": "PL-PLN", "product_erp_id": "P1", "net": "2.4500"},
            {"price_list_erp_id": "PL-PLN", "product_erp_id": "P2", "net": "18.90"},
            {"price_list_erp_id": "PL-EUR", "product_erp_id": "P1", "net": "0.61"},
        ],
        "customers.jsonl": [
            {"erp_id": "K1", "name": "Elektro-Mont s.c.", "nip": "9074833787", "b2b_access": True, "email": "biuro@elektromont.example.pl",
             "address": {"street": "ul. Długa 1", "postal_code": "90-001", "city": "Łódź", "country": "PL"},
             "shipping_addresses": [{"erp_id": "A1", "name": "Magazyn", "street": "ul. Krótka 2", "postal_code": "90-002", "city": "Łódź", "country": "PL"}],
             "currency": "PLN", "price_list_erp_id": "PL-PLN", "sales_rep_erp_id": "H1", "payment_terms_days": 14, "may_buy_on_terms": True,
             "credit_limit": "50000.00", "balance": "-1200.50", "overdue_amount": "0", "logistic_minimum": "800.00",
             "category_discounts": [{"category_erp_id": "C1", "percent": "5"}]},
            {"erp_id": "K2", "name": "Bez dostępu Sp. z o.o.", "b2b_access": False, "currency": "PLN",
             "address": {"street": "ul. Boczna 3", "postal_code": "00-001", "city": "Warszawa", "country": "PL"}},
        ],
        "contract_prices.jsonl": [{"customer_erp_id": "K1", "product_erp_id": "P2", "net": "15.00", "currency": "PLN"}],
        "customer_codes.jsonl": [{"customer_erp_id": "K1", "product_erp_id": "P1", "code": "MOJ-KABEL-1"}],
        "stock.jsonl": [
            {"warehouse_erp_id": "MAG1", "product_erp_id": "P1", "quantity": "1500"},
            {"warehouse_erp_id": "DOST", "product_erp_id": "P1", "quantity": "20000", "next_delivery": "2026-12-10"},
        ],
    }
