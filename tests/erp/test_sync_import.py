"""ERP package import: first import, re-import and changes, full-package deactivation, deltas.

Packages are built on disk (tests/erp/packages.py) and imported; shared helpers are in
tests/erp/helpers.py, the pkgs/imported fixtures in tests/erp/conftest.py.
"""
import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backoffice.accounts.models import Address, Company, User
from backoffice.catalog.models import Brand, Category, CustomerProductCode, Product, ProductUnit, Warehouse
from backoffice.core.permissions import may_log_in
from backoffice.core.roles import Role
from backoffice.erp.models import SyncError
from backoffice.inventory.models import Stock
from backoffice.pricing.models import CategoryDiscount, ContractPrice, Price, PriceList
from tests.erp.helpers import SUCCESS, errors, keys, login, nonzero, only_unchanged, writes
from tests.erp.packages import base_files
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


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
    assert touched <= {"pricing_price", "catalog_product", "catalog_product_translation", "inventory_stock", "catalog_productunit", "catalog_productimage",
                       "catalog_searchdocument", "catalog_productfacet"}  # a changed product is re-indexed for search


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
