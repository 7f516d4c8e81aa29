"""The ERP package generator (fixtures/erp_generator): contract conformance, determinism, delta and salted packages."""
import json
import zipfile
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from jsonschema import Draft202012Validator
from PIL import Image
from stdnum import ean as std_ean
from stdnum.pl import nip as std_nip

from fixtures.erp_generator import REASON_KINDS, generate_delta, generate_package, salt_with_bad_rows, zip_package
from fixtures.erp_generator.common import FILES

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "backoffice" / "erp" / "contract" / "b2b-erp-v1.schema.json"
FULL_SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
RECORD_TYPE = {
    "sales_reps.jsonl": "sales_rep", "warehouses.jsonl": "warehouse", "categories.jsonl": "category",
    "price_lists.jsonl": "price_list", "products.jsonl": "product", "prices.jsonl": "price", "customers.jsonl": "customer",
    "contract_prices.jsonl": "contract_price", "customer_codes.jsonl": "customer_code", "stock.jsonl": "stock",
}
ISO_CURRENCIES = {"PLN", "EUR", "USD", "GBP", "CZK", "CHF", "SEK", "NOK", "DKK", "HUF", "UAH"}


def validator(name: str) -> Draft202012Validator:
    schema = dict(FULL_SCHEMA)
    schema["$ref"] = f"#/$defs/{name}"
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def rows(package: Path, name: str) -> list:
    with open(package / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def tree_bytes(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("erp") / "demo"
    counts = generate_package(out, "demo", seed=42)
    assert set(counts) == set(FILES)
    return out


def test_same_seed_gives_byte_identical_package(demo, tmp_path):
    generate_package(tmp_path / "again", "demo", seed=42)
    assert tree_bytes(tmp_path / "again") == tree_bytes(demo)
    generate_package(tmp_path / "other", "demo", seed=43)
    assert (tmp_path / "other" / "products.jsonl").read_bytes() != (demo / "products.jsonl").read_bytes()
    assert zip_package(demo, tmp_path / "a.zip").read_bytes() == zip_package(tmp_path / "again", tmp_path / "b.zip").read_bytes()


def test_every_line_and_the_manifest_match_the_contract_schema(demo):
    manifest = json.loads((demo / "manifest.json").read_text(encoding="utf-8"))
    assert not list(validator("manifest").iter_errors(manifest))
    assert manifest["kind"] == "full" and manifest["files"] == FILES
    for name in FILES:
        raw = (demo / name).read_bytes()
        assert raw.endswith(b"\n") and b"\r" not in raw
        check = validator(RECORD_TYPE[name])
        for n, line in enumerate(raw.decode("utf-8").splitlines(), start=1):
            errors = [e.message for e in check.iter_errors(json.loads(line))]
            assert not errors, f"{name}:{n}: {errors}"


def test_nips_eans_and_ids_are_valid_and_unique(demo):
    customers = rows(demo, "customers.jsonl")
    assert all(std_nip.is_valid(c["nip"]) for c in customers)
    assert len({std_nip.compact(c["nip"]) for c in customers}) == len(customers)
    products = rows(demo, "products.jsonl")
    eans = [p["ean"] for p in products if "ean" in p] + [u["ean"] for p in products for u in p.get("units", []) if "ean" in u]
    assert len(eans) > len(products) * 0.9
    assert all(std_ean.is_valid(e) and len(e) == 13 and e.startswith("590") for e in eans)
    assert len(set(eans)) == len(eans)
    assert len({p["sku"] for p in products}) == len(products)
    for name in ("sales_reps.jsonl", "warehouses.jsonl", "categories.jsonl", "price_lists.jsonl", "products.jsonl", "customers.jsonl"):
        ids = [r["erp_id"] for r in rows(demo, name)]
        assert len(set(ids)) == len(ids), name


def test_all_references_resolve(demo):
    reps = {r["erp_id"]: r for r in rows(demo, "sales_reps.jsonl")}
    warehouses = {w["erp_id"]: w for w in rows(demo, "warehouses.jsonl")}
    lists = {p["erp_id"]: p["currency"] for p in rows(demo, "price_lists.jsonl")}
    categories, seen = {}, set()
    for cat in rows(demo, "categories.jsonl"):
        assert cat["parent_erp_id"] is None or cat["parent_erp_id"] in seen  # parents come first
        assert cat.get("warehouse_erp_id", "MAG-01") in warehouses
        seen.add(cat["erp_id"])
        categories[cat["erp_id"]] = cat
    tops = {c for c, cat in categories.items() if cat["parent_erp_id"] is None}
    products = {p["erp_id"]: p for p in rows(demo, "products.jsonl")}
    for p in products.values():
        assert p["category_erp_id"] in categories
        assert all((demo / image).is_file() for image in p.get("images", []))
    assert all((demo / r["photo"]).is_file() for r in reps.values())
    prices = rows(demo, "prices.jsonl")
    assert all(r["price_list_erp_id"] in lists and r["product_erp_id"] in products for r in prices)
    assert len({(r["price_list_erp_id"], r["product_erp_id"]) for r in prices}) == len(prices)
    customers = {c["erp_id"]: c for c in rows(demo, "customers.jsonl")}
    for c in customers.values():
        assert lists[c["price_list_erp_id"]] == c["currency"]
        assert c.get("sales_rep_erp_id", "H-001") in reps
        assert 1 <= len(c["shipping_addresses"]) <= 3 and 1 <= len(c["category_discounts"]) <= 3
        assert {d["category_erp_id"] for d in c["category_discounts"]} <= tops
    contract = rows(demo, "contract_prices.jsonl")
    for r in contract:
        assert customers[r["customer_erp_id"]]["b2b_access"] and r["product_erp_id"] in products
        assert r["currency"] == customers[r["customer_erp_id"]]["currency"]
    assert len({(r["customer_erp_id"], r["product_erp_id"]) for r in contract}) == len(contract)
    codes = rows(demo, "customer_codes.jsonl")
    assert all(r["customer_erp_id"] in customers and r["product_erp_id"] in products for r in codes)
    assert len({(r["customer_erp_id"], r["product_erp_id"]) for r in codes}) == len(codes)
    stock = rows(demo, "stock.jsonl")
    assert all(r["warehouse_erp_id"] in warehouses and r["product_erp_id"] in products for r in stock)
    assert len({(r["warehouse_erp_id"], r["product_erp_id"]) for r in stock}) == len(stock)


def test_demo_profile_content(demo):
    reps = rows(demo, "sales_reps.jsonl")
    assert len(reps) == 3 and all("photo" in r for r in reps)
    assert reps[0] == {**reps[0], "erp_id": "H-001", "email": "rep@demo.b2b.pl", "first_name": "Jan", "last_name": "Kowalski"}
    customers = {c["erp_id"]: c for c in rows(demo, "customers.jsonl")}
    assert 12 <= len(customers) <= 20
    volt, south = customers["K-0001"], customers["K-0002"]
    assert (volt["name"], volt["nip"], volt["email"], volt["sales_rep_erp_id"], volt["b2b_access"]) == (
        "Hurtownia Elektryczna Volt Sp. z o.o.", "3982597916", "customer@demo.b2b.pl", "H-001", True)
    assert (south["name"], south["nip"], south["email"], south["b2b_access"]) == (
        "Dystrybucja Południe S.A.", "9074833787", "distributor@demo.b2b.pl", True)
    assert sum(not c["b2b_access"] for c in customers.values()) == 2
    assert {c["currency"] for c in customers.values()} == {"PLN", "EUR"}

    warehouses = rows(demo, "warehouses.jsonl")
    assert Counter(w["kind"] for w in warehouses) == {"local": 2, "supplier": 1}
    categories = rows(demo, "categories.jsonl")
    assert 35 <= len(categories) <= 45
    depth = {c["erp_id"]: 1 if c["parent_erp_id"] is None else 0 for c in categories}
    for c in categories:
        if c["parent_erp_id"]:
            depth[c["erp_id"]] = depth[c["parent_erp_id"]] + 1
    assert max(depth.values()) == 3
    assert all(c["name"]["en"] for c in categories)

    products = rows(demo, "products.jsonl")
    assert 450 <= len(products) <= 550
    vat = Counter(p["vat_rate"] for p in products)
    assert vat["23"] > len(products) * 0.7 and vat["8"] > 0 and vat["5"] > 0
    assert any(p["oversize"] for p in products) and any(p["base_unit"] == "m" for p in products)
    assert any(u["code"] == "krążek" and u["factor"] == "100" for p in products for u in p.get("units", []))
    with_images = [p for p in products if p.get("images")]
    assert len(products) * 0.25 <= len(with_images) <= len(products) * 0.45
    used = Counter(i for p in with_images for i in p["images"])
    assert 25 <= len(used) <= 35 and max(used.values()) > 1
    for image in used:
        with Image.open(demo / image) as img:
            assert img.width <= 200 and img.height <= 200
        assert (demo / image).stat().st_size < 20_000

    lists = rows(demo, "price_lists.jsonl")
    assert [(p["erp_id"], p["currency"]) for p in lists] == [("CEN-BAZ", "PLN"), ("CEN-HURT", "PLN"), ("CEN-EXP", "EUR")]
    per_list = Counter(r["price_list_erp_id"] for r in rows(demo, "prices.jsonl"))
    assert per_list["CEN-BAZ"] == len(products)
    assert len(products) * 0.7 < per_list["CEN-HURT"] < len(products) and len(products) * 0.7 < per_list["CEN-EXP"] < len(products)
    contract = rows(demo, "contract_prices.jsonl")
    assert 200 <= len(contract) <= 500 and any(r["customer_erp_id"] == "K-0001" for r in contract)
    assert all(isinstance(r["net"], str) and Decimal(r["net"]) > 0 for r in contract)
    assert rows(demo, "customer_codes.jsonl")

    stock = Counter(r["warehouse_erp_id"] for r in rows(demo, "stock.jsonl"))
    assert stock["MAG-01"] == stock["MAG-02"] == len(products)
    assert len(products) * 0.4 < stock["DOST-01"] < len(products) * 0.6


def test_delta_changes_the_given_share_of_prices_and_stock(demo, tmp_path):
    counts = generate_delta(demo, tmp_path / "delta", fraction=0.1, seed=7)
    manifest = json.loads((tmp_path / "delta" / "manifest.json").read_text(encoding="utf-8"))
    assert not list(validator("manifest").iter_errors(manifest))
    assert manifest["kind"] == "delta" and manifest["files"] == ["prices.jsonl", "contract_prices.jsonl", "stock.jsonl"]
    assert sorted(p.name for p in (tmp_path / "delta").iterdir()) == sorted(manifest["files"] + ["manifest.json"])
    keys = {
        "prices.jsonl": (("price_list_erp_id", "product_erp_id"), "net"),
        "contract_prices.jsonl": (("customer_erp_id", "product_erp_id"), "net"),
        "stock.jsonl": (("warehouse_erp_id", "product_erp_id"), "quantity"),
    }
    for name, (key, field) in keys.items():
        base = {tuple(r[k] for k in key): r for r in rows(demo, name)}
        changed = rows(tmp_path / "delta", name)
        assert counts[name] == len(changed) == round(len(base) * 0.1)
        check = validator(RECORD_TYPE[name])
        for r in changed:
            assert not list(check.iter_errors(r))
            old = base[tuple(r[k] for k in key)]
            assert r[field] != old[field] and {k: v for k, v in r.items() if k not in (field, "next_delivery")} == {
                k: v for k, v in old.items() if k not in (field, "next_delivery")}
        assert len({tuple(r[k] for k in key) for r in changed}) == len(changed)
    again = generate_delta(demo, tmp_path / "delta2", fraction=0.1, seed=7)
    assert again == counts and tree_bytes(tmp_path / "delta2") == tree_bytes(tmp_path / "delta")


def detect_problems(package: Path) -> list:
    """A tiny reference checker: what an importer must reject, one reason per row."""
    accepted = {name: set() for name in FILES}
    problems = []
    keys = {
        "prices.jsonl": ("price_list_erp_id", "product_erp_id"), "contract_prices.jsonl": ("customer_erp_id", "product_erp_id"),
        "customer_codes.jsonl": ("customer_erp_id", "product_erp_id"), "stock.jsonl": ("warehouse_erp_id", "product_erp_id"),
    }
    refs = {
        "categories.jsonl": [("parent_erp_id", "categories.jsonl")],
        "products.jsonl": [("category_erp_id", "categories.jsonl")],
        "prices.jsonl": [("price_list_erp_id", "price_lists.jsonl"), ("product_erp_id", "products.jsonl")],
        "customers.jsonl": [("price_list_erp_id", "price_lists.jsonl"), ("sales_rep_erp_id", "sales_reps.jsonl")],
        "contract_prices.jsonl": [("customer_erp_id", "customers.jsonl"), ("product_erp_id", "products.jsonl")],
        "customer_codes.jsonl": [("customer_erp_id", "customers.jsonl"), ("product_erp_id", "products.jsonl")],
        "stock.jsonl": [("warehouse_erp_id", "warehouses.jsonl"), ("product_erp_id", "products.jsonl")],
    }
    for name in FILES:
        required = FULL_SCHEMA["$defs"][RECORD_TYPE[name]]["required"]
        with open(package / name, encoding="utf-8") as fh:
            for n, line in enumerate(fh, start=1):
                try:
                    rec = json.loads(line)
                except ValueError:
                    problems.append((name, n, "not_json"))
                    continue
                key = tuple(rec.get(k) for k in keys[name]) if name in keys else rec.get("erp_id")
                eans = [rec.get("ean")] + [u.get("ean") for u in rec.get("units", [])] if name == "products.jsonl" else []
                if any(field not in rec for field in required):
                    reason = "missing_field"
                elif key in accepted[name]:
                    reason = "duplicate"
                elif any(e is not None and not std_ean.is_valid(e) for e in eans):
                    reason = "invalid_ean"
                elif "currency" in rec and rec["currency"] not in ISO_CURRENCIES:
                    reason = "unknown_currency"
                elif name == "stock.jsonl" and Decimal(rec["quantity"]) < 0:
                    reason = "negative_quantity"
                elif any(rec.get(field) is not None and rec[field] not in accepted[target] for field, target in refs.get(name, [])):
                    reason = "unknown_reference"
                else:
                    accepted[name].add(key)
                    continue
                problems.append((name, n, reason))
    return sorted(problems)


def test_salted_package_reports_the_injected_rows(demo, tmp_path):
    assert detect_problems(demo) == []
    expected = salt_with_bad_rows(demo, seed=3, out_dir=tmp_path / "salted")
    assert {e["reason_kind"] for e in expected} == set(REASON_KINDS)
    assert all(set(e) == {"file", "line", "reason_kind"} for e in expected)
    assert detect_problems(tmp_path / "salted") == sorted((e["file"], e["line"], e["reason_kind"]) for e in expected)
    # the price list in "XYZ" passes the schema pattern: only an ISO 4217 check catches it
    xyz = [r for r in rows(tmp_path / "salted", "price_lists.jsonl") if r["currency"] == "XYZ"]
    assert xyz and not list(validator("price_list").iter_errors(xyz[0]))
    assert tree_bytes(demo)["products.jsonl"] != tree_bytes(tmp_path / "salted")["products.jsonl"]  # the original is untouched
    assert detect_problems(demo) == []


def test_command_writes_zip_salted_package_and_delta(tmp_path):
    out = tmp_path / "pkg"
    call_command("erp_generate", profile="demo", out=str(out), zip=True, salt=True, seed=5)
    expected = json.loads((tmp_path / "pkg.expected_rejections.json").read_text(encoding="utf-8"))
    assert detect_problems(out) == sorted((e["file"], e["line"], e["reason_kind"]) for e in expected)
    with zipfile.ZipFile(tmp_path / "pkg.zip") as zf:
        names = zf.namelist()
        assert names[0] == "manifest.json" and set(FILES) <= set(names) and any(n.startswith("images/p/") for n in names)
        assert zf.read("products.jsonl") == (out / "products.jsonl").read_bytes()
    clean = tmp_path / "clean"
    call_command("erp_generate", profile="demo", out=str(clean))
    call_command("erp_generate", delta_from=str(clean), out=str(tmp_path / "delta"), fraction=0.2)
    assert json.loads((tmp_path / "delta" / "manifest.json").read_text(encoding="utf-8"))["kind"] == "delta"


def test_profile_s_counts(tmp_path):
    """S generates in about 2 s; M (100k products, 1M contract prices) is measured by hand (about 13 s)."""
    counts = generate_package(tmp_path / "s", "S", seed=1)
    assert counts["products.jsonl"] == 10_000 and counts["categories.jsonl"] == 300 and counts["customers.jsonl"] == 200
    assert counts["price_lists.jsonl"] == 20 and counts["sales_reps.jsonl"] == 10 and counts["contract_prices.jsonl"] == 100_000
    customers = {c["erp_id"]: c["currency"] for c in rows(tmp_path / "s", "customers.jsonl")}
    pairs = set()
    with open(tmp_path / "s" / "contract_prices.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            assert r["currency"] == customers[r["customer_erp_id"]]
            pairs.add((r["customer_erp_id"], r["product_erp_id"]))
    assert len(pairs) == 100_000
