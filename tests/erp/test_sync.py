"""ERP package import, end to end through the service entry points (sync_package, sync_inbox).

Every test builds a small package on disk (tests/erp/packages.py), imports it and checks the
database, the SyncRun (status, counts, message) and the rejected rows (SyncError: file, line, reason).
"""
import io
import json
import re
import zipfile
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from backoffice.accounts.models import Address, Company, User
from backoffice.catalog.models import Brand, Category, CustomerProductCode, Product, ProductImage, ProductUnit, StoredImage, Warehouse
from backoffice.core.permissions import may_log_in
from backoffice.core.roles import Role
from backoffice.erp.connectors.folder import FolderConnector
from backoffice.erp.models import SyncError, SyncRun
from backoffice.erp.services import sync_inbox, sync_package
from backoffice.erp.sync import engine
from backoffice.erp.sync.entities_catalog import ProductSync
from backoffice.inventory.models import Stock
from backoffice.pricing.models import CategoryDiscount, ContractPrice, Price, PriceList
from tests.erp.packages import base_files, write_package
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

SUCCESS, PARTIAL, FAILED = SyncRun.Status.SUCCESS, SyncRun.Status.PARTIAL, SyncRun.Status.FAILED
LABELS = ("sales_reps", "warehouses", "categories", "price_lists", "products", "prices", "customers", "contract_prices", "customer_codes", "stock")
K3 = {"erp_id": "K3", "name": "Trzecia Sp. z o.o.", "b2b_access": True, "currency": "PLN",
      "address": {"street": "ul. Polna 4", "postal_code": "00-002", "city": "Warszawa", "country": "PL"}}


# Helpers ------------------------------------------------------------------------------------------

class Packages:
    """Writes packages with unique names under one folder and imports them."""

    def __init__(self, root):
        self.root = root
        self.n = 0

    def write(self, files, **kwargs):
        self.n += 1
        kwargs.setdefault("name", f"pkg{self.n:02d}")
        return write_package(self.root, files, **kwargs)

    def sync(self, files, **kwargs) -> SyncRun:
        return sync_package(location=self.write(files, **kwargs), triggered_by="test")


@pytest.fixture
def pkgs(tmp_path):
    return Packages(tmp_path / "packages")


@pytest.fixture
def imported(pkgs):
    """The base package, imported once."""
    run = pkgs.sync(base_files())
    assert run.status == SUCCESS, run.message
    return run


def nonzero(run: SyncRun) -> dict:
    """Counts without the zeros: {"products": {"inserted": 3}, ...}."""
    return {label: {k: v for k, v in c.items() if v} for label, c in run.counts.items() if any(c.values())}


def errors(run: SyncRun) -> list[tuple]:
    return list(run.errors.values_list("file", "line", "reason"))


def only_unchanged(run: SyncRun, **changed) -> dict:
    """What the counts should be when every row of base_files() is unchanged except `changed`."""
    sizes = {label: len(rows) for label, rows in ((f.removesuffix(".jsonl"), r) for f, r in base_files().items())}
    expected = {}
    for label in LABELS:
        counts = {"unchanged": sizes[label]}
        if label == "customers":
            counts = {"unchanged": 1, "skipped": 1}
        for counter, value in changed.get(label, {}).items():
            counts[counter] = value
            if counter != "skipped":
                counts["unchanged"] -= value
        expected[label] = {k: v for k, v in counts.items() if v}
    return expected


def keys(label: str, *, active_only=True) -> set[str]:
    """The natural keys of the records on the platform for one file of the package."""
    two = {
        "prices": (Price, "price_list__erp_id", "product__erp_id"),
        "contract_prices": (ContractPrice, "company__erp_id", "product__erp_id"),
        "customer_codes": (CustomerProductCode, "company__erp_id", "product__erp_id"),
        "stock": (Stock, "warehouse__erp_id", "product__erp_id"),
    }
    one = {"warehouses": Warehouse, "categories": Category, "price_lists": PriceList, "products": Product, "customers": Company}
    if label == "sales_reps":
        qs = User.objects.filter(erp_id__isnull=False)
        return set((qs.filter(is_active=True) if active_only else qs).values_list("erp_id", flat=True))
    if label in one:
        qs = one[label].objects.exclude(erp_id__isnull=True)
        return set((qs.filter(is_active=True) if active_only else qs).values_list("erp_id", flat=True))
    model, a, b = two[label]
    qs = model.objects.filter(is_active=True) if active_only else model.objects.all()
    return {f"{x}/{y}" for x, y in qs.values_list(a, b)}


def png(color=(200, 30, 30), size=(4, 3)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def zip_folder(folder, target, prefix=""):
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, prefix + path.relative_to(folder).as_posix())
    return target


def writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE", "REPLACE"))]


def login(client, email, password=PASSWORD):
    return client.post("/login/", {"username": email, "password": password})


# First import -------------------------------------------------------------------------------------

def test_first_import_inserts_every_file(imported):
    assert imported.status == SUCCESS
    assert imported.message == ""
    assert imported.kind == "full"
    assert imported.triggered_by == "test"
    assert imported.finished_at is not None
    assert nonzero(imported) == {
        "sales_reps": {"inserted": 1},
        "warehouses": {"inserted": 2},
        "categories": {"inserted": 2},
        "price_lists": {"inserted": 2},
        "products": {"inserted": 3},
        "prices": {"inserted": 3},
        "customers": {"inserted": 1, "skipped": 1},
        "contract_prices": {"inserted": 1},
        "customer_codes": {"inserted": 1},
        "stock": {"inserted": 2},
    }
    assert not SyncError.objects.exists()
    assert imported.total("inserted") == 18


def test_first_import_products_translations_units_brand_category(imported):
    p1 = Product.objects.get(erp_id="P1")
    assert (p1.sku, p1.ean, p1.base_unit, p1.vat_rate) == ("YDY-315", "5901234123457", "m", Decimal("23"))
    assert p1.weight_kg == Decimal("0.120") and p1.units_per_pallet == 2000 and p1.is_oversize is False
    assert p1.brand.name == "NKT"
    assert p1.category.erp_id == "C11"
    assert p1.is_active and p1.erp_hash
    assert p1.safe_translation_getter("name", language_code="pl") == "Przewód YDYp 3x1,5"
    assert p1.safe_translation_getter("name", language_code="en") == "Cable YDYp 3x1.5"
    p1.set_current_language("pl")
    assert p1.attributes == {"Przekrój": "3x1,5"}
    assert [(u.code, u.factor) for u in ProductUnit.objects.filter(product=p1)] == [("krąg", Decimal("100"))]

    p2 = Product.objects.get(erp_id="P2")
    assert set(p2.get_available_languages()) == {"pl"}  # no English name in the package
    assert p2.safe_translation_getter("name", language_code="en") == "Gniazdo podwójne"  # falls back to Polish
    assert p2.brand is None and p2.category.erp_id == "C1" and p2.ean == ""
    assert Product.objects.get(erp_id="P3").vat_rate == Decimal("8")
    assert Brand.objects.count() == 1


def test_first_import_category_tree_and_warehouses(imported):
    c1, c11 = Category.objects.get(erp_id="C1"), Category.objects.get(erp_id="C11")
    assert (c1.parent_id, c1.level, c1.path) == (None, 0, f"/{c1.pk}/")
    assert (c11.parent_id, c11.level, c11.path) == (c1.pk, 1, f"/{c1.pk}/{c11.pk}/")
    assert c1.warehouse.erp_id == "MAG1" and c11.warehouse is None
    assert c11.safe_translation_getter("name", language_code="en") == "Copper wires"
    dost = Warehouse.objects.get(erp_id="DOST")
    assert (dost.kind, dost.lead_time_days_min, dost.lead_time_days_max) == ("supplier", 5, 7)


def test_first_import_customer_with_terms_addresses_discount_rep_and_main_account(imported):
    k1 = Company.objects.get(erp_id="K1")
    assert (k1.name, k1.nip, k1.currency, k1.email) == ("Elektro-Mont s.c.", "9074833787", "PLN", "biuro@elektromont.example.pl")
    assert (k1.street, k1.postal_code, k1.city, str(k1.country)) == ("ul. Długa 1", "90-001", "Łódź", "PL")
    assert k1.b2b_access and k1.is_active
    assert (k1.payment_terms_days, k1.may_buy_on_terms) == (14, True)
    assert (k1.credit_limit, k1.balance, k1.overdue_amount, k1.logistic_minimum) == (
        Decimal("50000.00"), Decimal("-1200.50"), Decimal("0"), Decimal("800.00"))
    assert k1.price_list.erp_id == "PL-PLN"

    [address] = Address.objects.filter(company=k1)
    assert (address.erp_id, address.kind, address.name, address.street, address.is_active) == ("A1", "shipping", "Magazyn", "ul. Krótka 2", True)
    [discount] = CategoryDiscount.objects.filter(company=k1)
    assert (discount.category.erp_id, discount.percent, discount.is_active) == ("C1", Decimal("5"), True)

    rep = k1.sales_rep
    assert (rep.erp_id, rep.role, rep.email, rep.first_name, rep.last_name, rep.phone) == (
        "H1", Role.SALES_REP, "h1@erp.example.pl", "Ewa", "Handlowa", "+48 600 000 001")
    assert not rep.has_usable_password()

    [main] = User.objects.filter(company=k1)
    assert (main.email, main.role, main.is_active) == ("biuro@elektromont.example.pl", Role.CUSTOMER, True)
    assert not main.has_usable_password()
    assert User.objects.count() == 2  # the rep and the main account, nothing else

    assert not Company.objects.filter(erp_id="K2").exists()  # b2b_access false and unknown: skipped


def test_first_import_prices_contract_prices_codes_and_stock(imported):
    assert {(p.price_list.erp_id, p.product.erp_id, p.net) for p in Price.objects.all()} == {
        ("PL-PLN", "P1", Decimal("2.4500")), ("PL-PLN", "P2", Decimal("18.90")), ("PL-EUR", "P1", Decimal("0.61"))}
    assert PriceList.objects.get(erp_id="PL-EUR").currency == "EUR"
    [contract] = ContractPrice.objects.all()
    assert (contract.company.erp_id, contract.product.erp_id, contract.net, contract.currency) == ("K1", "P2", Decimal("15.00"), "PLN")
    [code] = CustomerProductCode.objects.all()
    assert (code.company.erp_id, code.product.erp_id, code.code) == ("K1", "P1", "MOJ-KABEL-1")
    stock = {(s.warehouse.erp_id, s.product.erp_id): (s.quantity, s.next_delivery) for s in Stock.objects.all()}
    assert stock == {("MAG1", "P1"): (Decimal("1500"), None), ("DOST", "P1"): (Decimal("20000"), date(2026, 12, 10))}


# Re-import and changes ---------------------------------------------------------------------------

def test_reimport_of_the_same_package_writes_nothing(pkgs, imported):
    with CaptureQueriesContext(connection) as queries:
        run = pkgs.sync(base_files())
    assert run.status == SUCCESS
    assert nonzero(run) == only_unchanged(run)
    assert run.total("inserted") == run.total("updated") == run.total("deactivated") == 0
    data_writes = [sql for sql in writes(queries) if "erp_syncrun" not in sql and "erp_syncerror" not in sql]
    assert data_writes == []


def test_changed_fields_update_exactly_those_rows(pkgs, imported):
    hashes = {}
    hashes["products"] = dict(Product.objects.values_list("erp_id", "erp_hash"))
    hashes["stock"] = {(w, p): h for w, p, h in Stock.objects.values_list("warehouse__erp_id", "product__erp_id", "erp_hash")}
    files = base_files()
    files["prices.jsonl"][0]["net"] = "2.6000"
    files["products.jsonl"][1]["name"] = {"pl": "Gniazdo podwójne białe"}
    files["stock.jsonl"][0]["quantity"] = "1400.5"

    with CaptureQueriesContext(connection) as queries:
        run = pkgs.sync(files)

    assert run.status == SUCCESS
    assert nonzero(run) == only_unchanged(run, prices={"updated": 1}, products={"updated": 1}, stock={"updated": 1})
    assert Price.objects.get(price_list__erp_id="PL-PLN", product__erp_id="P1").net == Decimal("2.6000")
    assert Price.objects.get(price_list__erp_id="PL-PLN", product__erp_id="P2").net == Decimal("18.90")
    assert Product.objects.get(erp_id="P2").safe_translation_getter("name", language_code="pl") == "Gniazdo podwójne białe"
    assert Stock.objects.get(warehouse__erp_id="MAG1").quantity == Decimal("1400.5")
    after = dict(Product.objects.values_list("erp_id", "erp_hash"))
    assert after["P1"] == hashes["products"]["P1"] and after["P3"] == hashes["products"]["P3"]
    assert after["P2"] != hashes["products"]["P2"]
    assert Stock.objects.get(warehouse__erp_id="DOST").erp_hash == hashes["stock"][("DOST", "P1")]
    # Only the changed tables were written (besides the run's own bookkeeping).
    touched = {re.match(r'\s*(?:INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)', sql, re.I).group(1) for sql in writes(queries)}
    touched = {t for t in touched if not t.startswith("erp_sync")}
    assert touched <= {"pricing_price", "catalog_product", "catalog_product_translation", "inventory_stock", "catalog_productunit", "catalog_productimage"}


# Full packages: deactivation and reactivation ----------------------------------------------------

def test_full_package_deactivates_missing_records_and_reactivates_them_later(pkgs, imported, client):
    main = User.objects.get(email="biuro@elektromont.example.pl")
    main.set_password(PASSWORD)
    main.save()
    rows_before = (Product.objects.count(), Price.objects.count(), Company.objects.count(), User.objects.count())
    files = base_files()
    files["products.jsonl"] = [r for r in files["products.jsonl"] if r["erp_id"] != "P3"]
    files["prices.jsonl"] = [r for r in files["prices.jsonl"] if r["price_list_erp_id"] != "PL-EUR"]
    files["customers.jsonl"] = [r for r in files["customers.jsonl"] if r["erp_id"] != "K1"]
    files["sales_reps.jsonl"] = []

    run = pkgs.sync(files)

    assert run.status == SUCCESS, errors(run)
    for label in ("sales_reps", "products", "prices", "customers"):
        assert run.counts[label]["deactivated"] == 1, label
    assert keys("products") == {"P1", "P2"} and keys("products", active_only=False) == {"P1", "P2", "P3"}
    assert keys("prices") == {"PL-PLN/P1", "PL-PLN/P2"}
    assert not Company.objects.get(erp_id="K1").is_active
    rep = User.objects.get(erp_id="H1")
    assert not rep.is_active
    # Never deleted: orders keep their history.
    assert (Product.objects.count(), Price.objects.count(), Company.objects.count(), User.objects.count()) == rows_before
    main.refresh_from_db()
    assert not may_log_in(main)
    assert login(client, main.email).status_code == 200
    assert "_auth_user_id" not in client.session

    run = pkgs.sync(base_files())

    assert run.status == SUCCESS
    for label in ("sales_reps", "products", "prices", "customers"):
        assert run.counts[label]["updated"] == 1, label
        assert run.counts[label]["deactivated"] == 0, label
    assert keys("products") == {"P1", "P2", "P3"}
    assert keys("prices") == {"PL-PLN/P1", "PL-PLN/P2", "PL-EUR/P1"}
    assert Company.objects.get(erp_id="K1").is_active
    assert User.objects.get(erp_id="H1").is_active
    main.refresh_from_db()
    assert may_log_in(main)
    assert login(client, main.email).status_code == 302


def test_full_package_deactivates_a_missing_shipping_address_and_discount(pkgs, imported):
    files = base_files()
    k1 = files["customers.jsonl"][0]
    k1["shipping_addresses"] = [{"erp_id": "A2", "street": "ul. Nowa 9", "postal_code": "90-003", "city": "Łódź", "country": "PL"}]
    k1["category_discounts"] = []

    run = pkgs.sync(files)

    assert run.status == SUCCESS
    assert run.counts["customers"]["updated"] == 1
    addresses = {a.erp_id: a for a in Address.objects.filter(company__erp_id="K1")}
    assert not addresses["A1"].is_active
    assert addresses["A2"].is_active and addresses["A2"].name == "Elektro-Mont s.c."  # name defaults to the company's
    assert not CategoryDiscount.objects.get(company__erp_id="K1").is_active

    pkgs.sync(base_files())

    addresses = {a.erp_id: a.is_active for a in Address.objects.filter(company__erp_id="K1")}
    assert addresses == {"A1": True, "A2": False}
    assert CategoryDiscount.objects.get(company__erp_id="K1").is_active


def test_customer_losing_b2b_access_can_no_longer_log_in(pkgs, imported, client):
    main = User.objects.get(email="biuro@elektromont.example.pl")
    main.set_password(PASSWORD)
    main.save()
    assert login(client, main.email).status_code == 302
    client.logout()
    files = base_files()
    files["customers.jsonl"][0]["b2b_access"] = False

    run = pkgs.sync(files)

    assert run.status == SUCCESS
    assert run.counts["customers"]["updated"] == 1 and run.counts["customers"]["skipped"] == 1
    company = Company.objects.get(erp_id="K1")
    assert company.b2b_access is False
    main.refresh_from_db()
    assert not may_log_in(main)
    response = login(client, main.email)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert [e.code for e in response.context["form"].errors.as_data()["__all__"]] == ["no_company_access"]


# Delta packages ----------------------------------------------------------------------------------

def test_delta_touches_only_listed_rows_and_active_false_deactivates(pkgs, imported):
    before = dict(Product.objects.values_list("erp_id", "erp_hash"))
    files = {
        "products.jsonl": [
            {**base_files()["products.jsonl"][1], "name": {"pl": "Gniazdo potrójne"}},
            {**base_files()["products.jsonl"][2], "active": False},
            {"erp_id": "P4", "sku": "NEW-4", "name": {"pl": "Nowy"}, "category_erp_id": "C1", "vat_rate": "23", "base_unit": "szt"},
        ],
        "stock.jsonl": [{"warehouse_erp_id": "MAG1", "product_erp_id": "P1", "active": False, "quantity": "0"}],
    }

    run = pkgs.sync(files, kind="delta")

    assert run.status == SUCCESS and run.kind == "delta"
    assert nonzero(run) == {"products": {"updated": 1, "deactivated": 1, "inserted": 1}, "stock": {"deactivated": 1}}
    assert keys("products") == {"P1", "P2", "P4"}
    assert keys("products", active_only=False) == {"P1", "P2", "P3", "P4"}
    assert Product.objects.get(erp_id="P1").erp_hash == before["P1"]
    assert Product.objects.get(erp_id="P2").safe_translation_getter("name", language_code="pl") == "Gniazdo potrójne"
    assert keys("stock") == {"DOST/P1"}
    # Files the delta does not list stay as they were.
    assert keys("prices") == {"PL-PLN/P1", "PL-PLN/P2", "PL-EUR/P1"}
    assert keys("customers") == {"K1"} and keys("sales_reps") == {"H1"}


def test_delta_with_active_false_for_an_unknown_record_is_skipped(pkgs, imported):
    row = {"erp_id": "P9", "sku": "P-9", "name": {"pl": "Nieznany"}, "category_erp_id": "C1", "vat_rate": "23", "base_unit": "szt", "active": False}
    run = pkgs.sync({"products.jsonl": [row]}, kind="delta")
    assert run.status == SUCCESS
    assert nonzero(run) == {"products": {"skipped": 1}}
    assert not Product.objects.filter(erp_id="P9").exists()


# Rejected rows -----------------------------------------------------------------------------------

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


# Packages that cannot be used at all --------------------------------------------------------------

def _missing_manifest(pkgs, files):
    folder = pkgs.write(files)
    (folder / "manifest.json").unlink()
    return folder


def _wrong_contract(pkgs, files):
    folder = pkgs.write(files)
    manifest = json.loads((folder / "manifest.json").read_text())
    (folder / "manifest.json").write_text(json.dumps({**manifest, "contract": "b2b-erp/2"}))
    return folder


def _listed_file_missing(pkgs, files):
    folder = pkgs.write(files)
    (folder / "stock.jsonl").unlink()
    return folder


def _not_utf8(pkgs, files):
    folder = pkgs.write(files)
    text = (folder / "stock.jsonl").read_text(encoding="utf-8") + '{"warehouse_erp_id": "MAG1", "product_erp_id": "P2", "quantity": "1", "x": "Łódź"}\n'
    (folder / "stock.jsonl").write_bytes(text.encode("cp1250"))
    return folder


def _truncated_zip(pkgs, files):
    target = zip_folder(pkgs.write(files), pkgs.root / "truncated.zip")
    target.write_bytes(target.read_bytes()[:300])
    return target


def _bad_crc_zip(pkgs, files):
    folder = pkgs.write(files)
    target = pkgs.root / "badcrc.zip"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    data = bytearray(target.read_bytes())
    at = data.index(b'"GN-2"')
    data[at + 1 : at + 5] = b"XXXX"  # same length, different bytes: the CRC no longer matches
    target.write_bytes(bytes(data))
    return target


BAD_PACKAGES = {
    "missing manifest": (_missing_manifest, "manifest.json is missing"),
    "wrong contract version": (_wrong_contract, "unsupported contract 'b2b-erp/2'; expected b2b-erp/1"),
    "manifest lists a missing file": (_listed_file_missing, "file listed in the manifest is missing: stock.jsonl"),
    "file not UTF-8": (_not_utf8, "stock.jsonl: not UTF-8 text"),
    "truncated zip": (_truncated_zip, "not a package folder or .zip file: truncated.zip"),
    "zip with a corrupt member": (_bad_crc_zip, "BadZipFile"),
}


@pytest.mark.parametrize("case", list(BAD_PACKAGES), ids=list(BAD_PACKAGES))
def test_unusable_package_changes_nothing_fails_and_tells_the_admins(pkgs, imported, case, make_user, django_capture_on_commit_callbacks):
    admin = make_user(Role.ADMIN)
    build, message = BAD_PACKAGES[case]
    files = base_files()
    files["products.jsonl"][1]["name"] = {"pl": "Zmieniona nazwa"}
    files["products.jsonl"].append({"erp_id": "P4", "sku": "NEW-4", "name": {"pl": "Nowy"}, "category_erp_id": "C1", "vat_rate": "23", "base_unit": "szt"})
    files["warehouses.jsonl"].append({"erp_id": "MAG2", "name": "Nowy", "kind": "local"})
    location = build(pkgs, files)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        run = sync_package(location=location, triggered_by="test")

    assert run.status == FAILED
    assert message in run.message
    assert run.finished_at is not None
    assert keys("products") == {"P1", "P2", "P3"}
    assert keys("warehouses") == {"MAG1", "DOST"}
    assert Product.objects.get(erp_id="P2").safe_translation_getter("name", language_code="pl") == "Gniazdo podwójne"
    [email] = mail.outbox
    assert email.to == [admin.email]
    assert email.subject == f"[B2B] ERP sync failed: {location.name}"
    assert message in email.body and f"/admin/erp/syncrun/{run.pk}/change/" in email.body


def test_unexpected_error_mid_import_rolls_everything_back_and_emails_admins(pkgs, monkeypatch, make_user, django_capture_on_commit_callbacks):
    admins = {make_user(Role.ADMIN).email, make_user(Role.ADMIN).email}
    make_user(Role.SALES_MANAGER)

    def boom(self, rows, ctx):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(ProductSync, "after_write", boom)
    with django_capture_on_commit_callbacks(execute=True):
        run = pkgs.sync(base_files())

    assert run.status == FAILED
    assert run.message == "unexpected error: RuntimeError: disk on fire"
    assert not Product.objects.exists()
    # Files before products were written in the same transaction: rolled back too.
    assert not Warehouse.objects.exists() and not Category.objects.exists() and not PriceList.objects.exists()
    assert not User.objects.filter(erp_id__isnull=False).exists()
    [email] = mail.outbox
    assert set(email.to) == admins
    assert "disk on fire" in email.body


def test_failed_run_does_not_report_rolled_back_rows_as_inserted(pkgs, monkeypatch):
    monkeypatch.setattr(ProductSync, "after_write", lambda self, rows, ctx: 1 / 0)
    run = pkgs.sync(base_files())
    assert run.status == FAILED
    assert not Warehouse.objects.exists()
    assert run.total("inserted") == 0


def test_zip_with_path_traversal_entries_is_refused(pkgs):
    target = zip_folder(pkgs.write(base_files()), pkgs.root / "evil.zip", prefix="../")
    assert "../manifest.json" in zipfile.ZipFile(target).namelist()

    run = sync_package(location=target, triggered_by="test")

    assert run.status == FAILED
    assert "unsafe path" in run.message
    assert not Product.objects.exists()


def test_zip_with_a_stray_traversal_entry_never_reads_it(pkgs):
    folder = pkgs.write(base_files())
    target = zip_folder(folder, pkgs.root / "stray.zip")
    with zipfile.ZipFile(target, "a") as archive:
        archive.writestr("../evil.jsonl", "{}\n")
        archive.writestr("/etc/evil.jsonl", "{}\n")
    run = sync_package(location=target, triggered_by="test")
    # A zip carrying any absolute or ../ entry is refused as a whole: nothing is read from it.
    assert run.status == FAILED and "unsafe path" in run.message
    assert not Product.objects.exists()


def test_zip_package_imports_like_a_folder(pkgs):
    target = zip_folder(pkgs.write(base_files()), pkgs.root / "20261127-full.zip", prefix="20261127-full/")
    run = sync_package(location=target, triggered_by="test")
    assert run.status == SUCCESS and run.package == "20261127-full.zip"
    assert run.counts["products"]["inserted"] == 3


# Images ------------------------------------------------------------------------------------------

def _files_with_images(p1_images, p2_images=None):
    files = base_files()
    files["products.jsonl"][0]["images"] = p1_images
    if p2_images is not None:
        files["products.jsonl"][1]["images"] = p2_images
    return files


def test_one_image_used_by_two_products_is_stored_once_and_reused(pkgs):
    data = png(color=(1, 2, 3))
    files = _files_with_images(["images/p/shared.png"], ["images/p/shared.png", "images/p/copy.png"])

    run = pkgs.sync(files, images={"images/p/shared.png": data, "images/p/copy.png": data})

    assert run.status == SUCCESS, errors(run)
    [stored] = StoredImage.objects.all()
    assert default_storage.exists(stored.file.name) and stored.file.name.endswith(".png")
    folder = stored.file.name.rsplit("/", 1)[0]
    files_before = default_storage.listdir(folder)[1]
    assert [n for n in files_before if stored.sha256 in n] == [stored.file.name.rsplit("/", 1)[1]]
    assert ProductImage.objects.filter(image=stored).count() == 3
    assert list(ProductImage.objects.filter(product__erp_id="P2").values_list("sort", flat=True)) == [0, 1]

    with CaptureQueriesContext(connection) as queries:
        run = pkgs.sync(files, images={"images/p/shared.png": data, "images/p/copy.png": data})

    assert run.status == SUCCESS and run.counts["products"]["unchanged"] == 3
    assert StoredImage.objects.count() == 1 and ProductImage.objects.count() == 3
    assert default_storage.listdir(folder)[1] == files_before
    assert [sql for sql in writes(queries) if "erp_sync" not in sql] == []


@pytest.mark.parametrize("images, reason", [
    ({"images/p/bad.png": b"this is not a picture"}, "image skipped: file images/p/bad.png is not a valid JPEG, PNG or WebP image"),
    ({}, "image skipped: image file images/p/bad.png is missing from the package"),
    ({"images/p/bad.png": b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"},
     "image skipped: file images/p/bad.png is GIF; only JPEG, PNG and WebP are accepted"),
], ids=["not an image", "missing", "gif"])
def test_bad_image_is_rejected_but_the_product_is_imported(pkgs, images, reason):
    files = _files_with_images(["images/p/bad.png"])
    run = pkgs.sync(files, images=images)
    assert run.status == PARTIAL
    assert errors(run) == [("products.jsonl", 1, reason)]
    assert run.errors.get().erp_id == "P1"
    assert run.counts["images"]["rejected"] == 1
    assert run.counts["products"]["inserted"] == 3
    assert Product.objects.get(erp_id="P1").is_active
    assert not ProductImage.objects.exists() and not StoredImage.objects.exists()


def test_image_path_outside_the_package_is_never_read(pkgs):
    (pkgs.root).mkdir(parents=True, exist_ok=True)
    (pkgs.root / "outside.png").write_bytes(png(color=(9, 9, 9)))
    files = _files_with_images(["images/../../outside.png"])
    run = pkgs.sync(files)
    assert run.status == PARTIAL
    assert [(f, ln) for f, ln, r in errors(run)] == [("products.jsonl", 1)]
    assert not StoredImage.objects.exists()


def test_image_fixed_in_a_later_package_is_imported(pkgs):
    files = _files_with_images(["images/p/late.png"])
    run = pkgs.sync(files, images={"images/p/late.png": b"broken upload"})
    assert run.status == PARTIAL

    run = pkgs.sync(files, images={"images/p/late.png": png(color=(4, 5, 6))})

    assert run.status == SUCCESS
    assert ProductImage.objects.filter(product__erp_id="P1").count() == 1


# Category tree -----------------------------------------------------------------------------------

def test_child_before_its_parent_is_rejected(pkgs):
    files = base_files()
    files["categories.jsonl"].reverse()  # C11 now comes before C1
    run = pkgs.sync(files)
    assert run.status == PARTIAL
    category_errors = [(f, ln, r) for f, ln, r in errors(run) if f == "categories.jsonl"]
    assert category_errors == [("categories.jsonl", 1, "unknown parent category 'C1' (parents must come before their children)")]
    assert keys("categories") == {"C1"}
    assert ("products.jsonl", 1, "unknown category 'C11'") in errors(run)


def test_moving_a_category_updates_level_and_path_of_its_subtree(pkgs, imported):
    files = base_files()
    c2 = {"erp_id": "C2", "parent_erp_id": "C1", "name": {"pl": "Osprzęt"}}
    files["categories.jsonl"] = [files["categories.jsonl"][0], c2, {**files["categories.jsonl"][1], "parent_erp_id": "C2"}]

    run = pkgs.sync(files)

    assert run.status == SUCCESS
    assert run.counts["categories"] == {"inserted": 1, "updated": 1, "unchanged": 1, "deactivated": 0, "rejected": 0, "skipped": 0}
    ids = dict(Category.objects.values_list("erp_id", "pk"))
    c11 = Category.objects.get(erp_id="C11")
    assert (c11.parent_id, c11.level, c11.path) == (ids["C2"], 2, f"/{ids['C1']}/{ids['C2']}/{ids['C11']}/")

    # C2 moves to the top: C11's own row is unchanged, yet its level and path follow.
    files["categories.jsonl"][1] = {**c2, "parent_erp_id": None}
    run = pkgs.sync(files)
    assert run.counts["categories"]["unchanged"] == 2 and run.counts["categories"]["updated"] == 1
    c11.refresh_from_db()
    assert (c11.parent_id, c11.level, c11.path) == (ids["C2"], 1, f"/{ids['C2']}/{ids['C11']}/")
    assert Category.objects.get(erp_id="C2").level == 0


# Sales reps --------------------------------------------------------------------------------------

def test_existing_platform_user_with_the_reps_email_is_linked_not_duplicated(pkgs, make_user):
    existing = make_user(Role.SALES_REP, email="h1@erp.example.pl")
    assert existing.erp_id is None

    run = pkgs.sync(base_files())

    assert run.status == SUCCESS
    assert run.counts["sales_reps"]["inserted"] == 0 and run.counts["sales_reps"]["updated"] == 1
    assert User.objects.filter(email="h1@erp.example.pl").count() == 1
    existing.refresh_from_db()
    assert (existing.erp_id, existing.first_name, existing.last_name) == ("H1", "Ewa", "Handlowa")
    assert existing.check_password(PASSWORD)  # the platform password is kept
    assert Company.objects.get(erp_id="K1").sales_rep == existing


def test_email_of_another_rep_is_rejected(pkgs, imported):
    files = base_files()
    files["sales_reps.jsonl"].append({"erp_id": "H2", "email": "H1@erp.example.pl", "first_name": "Jan", "last_name": "Drugi"})
    run = pkgs.sync(files)
    assert run.status == PARTIAL
    assert errors(run) == [("sales_reps.jsonl", 2, "email h1@erp.example.pl already belongs to another account")]
    assert keys("sales_reps") == {"H1"}


def test_two_new_reps_with_the_same_email_in_one_file(pkgs):
    files = base_files()
    files["sales_reps.jsonl"].append({"erp_id": "H2", "email": "h1@erp.example.pl", "first_name": "Jan", "last_name": "Drugi"})
    run = pkgs.sync(files)
    assert run.status == PARTIAL, run.message
    assert errors(run) == [("sales_reps.jsonl", 2, "email h1@erp.example.pl is used by two sales reps in this file")]
    assert keys("products") == {"P1", "P2", "P3"}


def test_known_rep_changing_email_to_an_existing_account(pkgs, imported, make_user):
    make_user(Role.MARKETING, email="ewa@example.pl")
    files = base_files()
    files["sales_reps.jsonl"][0]["email"] = "ewa@example.pl"
    run = pkgs.sync(files)
    assert run.status != FAILED, run.message
    assert User.objects.filter(erp_id="H1").count() == 1


def test_english_name_removed_in_the_erp_is_not_kept(pkgs, imported):
    files = base_files()
    files["products.jsonl"][0]["name"] = {"pl": "Przewód YDYp 3x1,5 nowy"}
    pkgs.sync(files)
    product = Product.objects.get(erp_id="P1")
    assert product.safe_translation_getter("name", language_code="en") != "Cable YDYp 3x1.5"


# sync_inbox --------------------------------------------------------------------------------------

@pytest.fixture
def exchange(tmp_path, settings):
    settings.ERP_EXCHANGE_DIR = tmp_path / "erp"
    settings.ERP_CONNECTOR = "backoffice.erp.connectors.folder.FolderConnector"
    return FolderConnector(settings.ERP_EXCHANGE_DIR).root


def test_sync_inbox_imports_oldest_first_and_moves_packages_away(exchange, django_capture_on_commit_callbacks):
    inbox = exchange / "inbox"
    delta = {"products.jsonl": [{**base_files()["products.jsonl"][1], "name": {"pl": "Z delty"}}]}
    write_package(inbox, delta, kind="delta", name="20261127-0200-delta")
    write_package(inbox, base_files(), name="20261127-0100-full")
    bad = write_package(inbox, {"stock.jsonl": []}, name="20261127-0150-bad")
    manifest = json.loads((bad / "manifest.json").read_text())
    (bad / "manifest.json").write_text(json.dumps({**manifest, "contract": "b2b-erp/0"}))
    (inbox / "20261127-0300-full.zip.part").write_bytes(b"half a zip")

    with django_capture_on_commit_callbacks(execute=True):
        runs = sync_inbox(triggered_by="schedule")

    assert [(r.package, r.status) for r in runs] == [
        ("20261127-0100-full", SUCCESS), ("20261127-0150-bad", FAILED), ("20261127-0200-delta", SUCCESS)]
    assert all(r.triggered_by == "schedule" for r in runs)
    # The delta was applied after the full package.
    assert Product.objects.get(erp_id="P2").safe_translation_getter("name", language_code="pl") == "Z delty"
    assert [p.name for p in inbox.iterdir()] == ["20261127-0300-full.zip.part"]
    archived = sorted(p.name for p in (exchange / "archive").iterdir())
    assert [n.split("-", 2)[2] for n in archived] == ["20261127-0100-full", "20261127-0200-delta"]
    assert [p.name.split("-", 2)[2] for p in (exchange / "failed").iterdir()] == ["20261127-0150-bad"]


def test_sync_inbox_does_nothing_while_another_run_is_going_on(exchange):
    write_package(exchange / "inbox", base_files(), name="20261127-0100-full")
    SyncRun.objects.create(package="other", status=SyncRun.Status.RUNNING)

    assert sync_inbox() == []
    assert (exchange / "inbox" / "20261127-0100-full").is_dir()
    assert not Product.objects.exists()


def test_sync_inbox_ignores_a_stale_running_run(exchange):
    write_package(exchange / "inbox", base_files(), name="20261127-0100-full")
    stale = SyncRun.objects.create(package="crashed", status=SyncRun.Status.RUNNING)
    SyncRun.objects.filter(pk=stale.pk).update(started_at=timezone.now() - timedelta(hours=2, minutes=1))

    [run] = sync_inbox()

    assert run.status == SUCCESS
    assert not any((exchange / "inbox").iterdir())
