"""Back-office screens for ERP data: catalog, pricing, stock, sync runs (view-only, bounded queries),
the sync run detail with counts and rejected rows, the CSV of rejected rows and "Run now"."""
import csv
import io
import re

import pytest
from django.urls import reverse

from backoffice.accounts.models import Address, Company
from backoffice.catalog.models import Brand, Category, CategoryAccess, CustomerProductCode, Product, Warehouse
from backoffice.core.roles import Role
from backoffice.core.csv_export import csv_safe
from backoffice.erp.models import SyncError, SyncRun
from backoffice.erp.services import sync_package
from backoffice.inventory.models import Stock
from backoffice.pricing.models import CategoryDiscount, ContractPrice, Price, PriceList
from tests.erp.packages import base_files, write_package

pytestmark = pytest.mark.django_db

BUYER_ROLES = [Role.CUSTOMER, Role.EMPLOYEE, Role.DISTRIBUTOR, Role.END_CUSTOMER, Role.APPLICANT]
# Which staff roles may view each section (backoffice/core/permissions.py ROLE_SECTION_ACTIONS).
SECTION_VIEWERS = {
    "catalog": {Role.ADMIN, Role.MARKETING, Role.SALES_MANAGER},
    "pricing": {Role.ADMIN, Role.MARKETING, Role.SALES_MANAGER},
    "erp": {Role.ADMIN},
    "customers": {Role.ADMIN, Role.SALES_MANAGER, Role.SALES_REP},
}
MODELS = {
    Warehouse: "catalog",
    Category: "catalog",
    Brand: "catalog",
    Product: "catalog",
    CustomerProductCode: "catalog",
    Stock: "catalog",
    PriceList: "pricing",
    Price: "pricing",
    ContractPrice: "pricing",
    CategoryDiscount: "pricing",
    SyncRun: "erp",
    SyncError: "erp",
    Address: "customers",
}
XSS = "<script>alert(1)</script>"
FORMULA_ID = "=HYPERLINK(1)"


def bad_rows_files() -> dict[str, list]:
    files = base_files()
    files["products.jsonl"] = [
        *files["products.jsonl"],
        # unknown category: rejected, with an id that must be escaped on screen
        {"erp_id": XSS, "sku": "BAD-1", "name": {"pl": "Zły"}, "category_erp_id": "NOPE", "vat_rate": "23", "base_unit": "szt"},
        # an id a spreadsheet would run as a formula
        {"erp_id": FORMULA_ID, "sku": "BAD-2", "name": {"pl": "Zły 2"}, "category_erp_id": "NOPE", "vat_rate": "23", "base_unit": "szt"},
        "{not json",
    ]
    return files


@pytest.fixture
def run(tmp_path):
    """A real import of a small package with three bad rows."""
    result = sync_package(location=write_package(tmp_path, bad_rows_files(), name="pkg-bad"), triggered_by="test")
    assert result.status == SyncRun.Status.PARTIAL, result.message
    return result


def many_files(count: int = 35) -> dict[str, list]:
    files = base_files()
    files["products.jsonl"] += [
        {"erp_id": f"M{n}", "sku": f"SKU-{n:03d}", "name": {"pl": f"Produkt {n}", "en": f"Product {n}"},
         "brand": f"Marka {n % 4}", "category_erp_id": "C11", "vat_rate": "23", "base_unit": "szt"}
        for n in range(count)
    ]
    files["prices.jsonl"] += [{"price_list_erp_id": "PL-PLN", "product_erp_id": f"M{n}", "net": f"{n + 1}.50"} for n in range(count)]
    files["stock.jsonl"] += [{"warehouse_erp_id": "MAG1", "product_erp_id": f"M{n}", "quantity": str(n * 10)} for n in range(count)]
    return files


@pytest.fixture
def many(tmp_path):
    result = sync_package(location=write_package(tmp_path, many_files(), name="pkg-many"))
    assert result.status == SyncRun.Status.SUCCESS, result.message
    return result


def _changelist(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def _change(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=(obj.pk,))


def _one_of_each(run) -> dict:
    objs = {model: model.objects.order_by("pk").first() for model in MODELS}
    missing = [model.__name__ for model, obj in objs.items() if obj is None]
    assert not missing, missing
    return objs


# ------------------------------------------------------------------------------------------------
# Access per role


@pytest.mark.parametrize("role", [Role.ADMIN, Role.MARKETING, Role.SALES_MANAGER, Role.SALES_REP])
def test_staff_see_the_sections_their_role_allows(client, make_user, run, role):
    user = make_user(role)
    if role == Role.SALES_REP:
        # reps see only their own companies' addresses: give the rep the imported company
        Company.objects.filter(erp_id="K1").update(sales_rep=user)
    client.force_login(user)
    problems = []
    for model, obj in _one_of_each(run).items():
        expected = 200 if role in SECTION_VIEWERS[MODELS[model]] else 403
        for url in (_changelist(model), _change(obj)):
            status = client.get(url).status_code
            if status != expected:
                problems.append(f"{url}: expected {expected}, got {status}")
    assert problems == []


@pytest.mark.parametrize("role", BUYER_ROLES)
def test_buyers_and_applicants_do_not_learn_the_back_office_exists(client, make_user, run, role):
    client.force_login(make_user(role))
    for model, obj in _one_of_each(run).items():
        assert client.get(_changelist(model)).status_code == 404, model
        assert client.get(_change(obj)).status_code == 404, model


def test_anonymous_is_sent_to_login(client, run):
    response = client.get(_changelist(Product))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_erp_owned_data_is_view_only_even_for_admins(client, admin_user, run):
    client.force_login(admin_user)
    objs = _one_of_each(run)
    for model in MODELS:
        if model is SyncRun:
            continue  # administrators may delete old runs
        opts = model._meta
        assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code == 403, model
        assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=(objs[model].pk,))).status_code == 403, model
    assert client.get(reverse("admin:erp_syncrun_add")).status_code == 403
    # a POST to the change page changes none of the ERP's fields (only the platform-owned
    # variant group and similar products are editable there)
    product = Product.objects.get(erp_id="P1")
    assert client.post(_change(product), {"sku": "HACKED"}).status_code in (200, 302, 403)
    product.refresh_from_db()
    assert product.sku == "YDY-315"


def test_rep_sees_only_addresses_of_their_companies(client, make_user, run):
    rep = make_user(Role.SALES_REP)
    client.force_login(rep)
    address = Address.objects.get(erp_id="A1")
    assert "Krótka" not in client.get(_changelist(Address)).content.decode()
    assert client.get(_change(address)).status_code == 302  # "does not exist" bounce to /admin/
    Company.objects.filter(pk=address.company_id).update(sales_rep=rep)
    assert "Krótka" in client.get(_changelist(Address)).content.decode()


def test_sidebar_lists_the_new_screens_per_role(client, make_user, run):
    admin = make_user(Role.ADMIN)
    client.force_login(admin)
    html = client.get("/admin/").content.decode()
    for model in MODELS:
        assert _changelist(model) in html, model
    client.force_login(make_user(Role.MARKETING))
    html = client.get("/admin/").content.decode()
    assert _changelist(Product) in html and _changelist(Price) in html
    assert _changelist(SyncRun) not in html and _changelist(Address) not in html


# ------------------------------------------------------------------------------------------------
# Changelists: content, search, filters, bounded queries


def test_product_changelist_search_and_filters(client, admin_user, run):
    client.force_login(admin_user)
    url = _changelist(Product)
    html = client.get(url, {"q": "Gniazdo"}).content.decode()  # by translated name
    assert "GN-2" in html and "YDY-315" not in html
    html = client.get(url, {"q": "5901234123457"}).content.decode()  # by EAN
    assert "YDY-315" in html and "GN-2" not in html
    html = client.get(url, {"vat_rate": "8.00"}).content.decode()
    assert "WYL-B16" in html and "GN-2" not in html
    html = client.get(url, {"q": "YDY-315"}).content.decode()
    assert "Przewód YDYp 3x1,5" in html and "NKT" in html


def test_product_detail_shows_units_stock_and_prices(client, admin_user, run):
    client.force_login(admin_user)
    html = client.get(_change(Product.objects.get(erp_id="P1"))).content.decode()
    for text in ("YDY-315", "krąg", "Magazyn Łódź", "Dostawca zewnętrzny", "Cennik bazowy", "2,4500"):
        assert text in html, text


def test_price_search_by_sku_and_price_list(client, admin_user, run):
    client.force_login(admin_user)
    url = _changelist(Price)
    html = client.get(url, {"q": "GN-2"}).content.decode()
    assert "Gniazdo podwójne" in html and "Przewód" not in html
    html = client.get(url, {"q": "PL-EUR"}).content.decode()
    assert "Export" in html and "GN-2" not in html


@pytest.mark.parametrize(
    "model, bound",
    [(Product, 14), (Price, 12), (Stock, 12), (SyncRun, 12), (Category, 12), (CustomerProductCode, 10),
     (ContractPrice, 12), (CategoryDiscount, 12), (SyncError, 10), (Address, 10)],
)
def test_changelists_have_bounded_query_counts(client, admin_user, many, run, model, bound, django_assert_max_num_queries):
    for n in range(31):
        SyncRun.objects.create(package=f"pkg-{n}", kind="delta", status=SyncRun.Status.SUCCESS, counts={"products": {"inserted": n}})
    if model in (Product, Price, Stock):
        assert model.objects.count() >= 30
    client.force_login(admin_user)
    url = _changelist(model)
    client.get(url)  # warm per-process caches (module switches, content types)
    with django_assert_max_num_queries(bound):
        response = client.get(url)
    assert response.status_code == 200


# ------------------------------------------------------------------------------------------------
# Sync run: list, detail, CSV


def test_sync_run_list_shows_status_and_totals(client, admin_user, run):
    client.force_login(admin_user)
    html = client.get(_changelist(SyncRun)).content.decode()
    assert "pkg-bad" in html
    assert str(SyncRun.Status.PARTIAL.label) in html
    assert run.total("rejected") == 3
    assert run.total("inserted") > 0


def test_sync_run_detail_shows_counts_and_rejected_rows_escaped(client, admin_user, run):
    client.force_login(admin_user)
    html = client.get(_change(run)).content.decode()
    table = re.search(r'<table class="sync-counts">.*?</table>', html, re.S)
    assert table is not None
    table = table.group(0)
    products = re.search(r'<tr><th scope="row"[^>]*>products</th>(.*?)</tr>', table, re.S).group(1)
    counts = run.counts["products"]
    assert re.findall(r"<td[^>]*>(\d+)</td>", products)[:5] == [str(counts[k]) for k in ("inserted", "updated", "unchanged", "deactivated", "rejected")]
    assert counts["rejected"] == 3
    assert str(SyncRun.Status.PARTIAL.label) in html and "(&#x27;partial&#x27;" not in html
    assert "unknown category &#x27;NOPE&#x27;" in html or "unknown category &#39;NOPE&#39;" in html
    assert "not valid JSON" in html
    assert XSS not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert reverse("admin:erp_syncrun_errors_csv", args=(run.pk,)) in html


def test_sync_run_detail_paginates_rejected_rows(client, admin_user, run):
    SyncError.objects.bulk_create(SyncError(run=run, file="stock.jsonl", line=n, erp_id=f"E{n}", reason="bad") for n in range(120))
    client.force_login(admin_user)
    html = client.get(_change(run)).content.decode()
    assert "E10<" in html or ">E10" in html
    assert "E119" not in html  # beyond the first page


def test_rejected_rows_csv_is_complete_and_formula_safe(client, admin_user, run):
    SyncError.objects.create(run=run, file="stock.jsonl", line=7, erp_id="@SUM(A1)", reason="+cmd|' /C calc'!A0")
    SyncError.objects.create(run=run, file="stock.jsonl", line=8, erp_id="-2", reason="\tTabbed")
    client.force_login(admin_user)
    response = client.get(reverse("admin:erp_syncrun_errors_csv", args=(run.pk,)))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["file", "line", "erp_id", "reason"]
    assert len(rows) == 1 + run.errors.count()
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    ids = {row[2] for row in rows[1:]}
    assert "'" + FORMULA_ID in ids and "'@SUM(A1)" in ids and "'-2" in ids and XSS in ids
    assert ["stock.jsonl", "7", "'@SUM(A1)", "'+cmd|' /C calc'!A0"] in rows


def test_csv_safe():
    assert csv_safe("=1+1") == "'=1+1"
    assert csv_safe("\rx") == "'\rx"
    assert csv_safe("plain") == "plain"
    assert csv_safe(None) == ""
    assert csv_safe(12) == "12"


def test_rejected_rows_csv_is_admin_only(client, make_user, run):
    url = reverse("admin:erp_syncrun_errors_csv", args=(run.pk,))
    for role in (Role.MARKETING, Role.SALES_MANAGER, Role.SALES_REP):
        client.force_login(make_user(role))
        assert client.get(url).status_code == 403, role
    client.force_login(make_user(Role.CUSTOMER))
    assert client.get(url).status_code == 404
    client.force_login(make_user(Role.ADMIN))
    assert client.get(reverse("admin:erp_syncrun_errors_csv", args=(999999,))).status_code == 404


# ------------------------------------------------------------------------------------------------
# Run now


@pytest.fixture
def exchange(settings, tmp_path):
    settings.ERP_EXCHANGE_DIR = tmp_path / "exchange"
    return settings.ERP_EXCHANGE_DIR


def test_run_now_button_only_for_admins(client, make_user):
    url = reverse("admin:erp_syncrun_run_now")
    client.force_login(make_user(Role.ADMIN))
    assert url in client.get(_changelist(SyncRun)).content.decode()
    dialog = client.get(url)
    assert dialog.status_code == 200 and 'id="dialog"' in dialog.content.decode()
    for role in (Role.MARKETING, Role.SALES_MANAGER, Role.SALES_REP):
        client.force_login(make_user(role))
        assert client.get(url).status_code == 403, role
        assert client.post(url, {"_form_submitted": "True"}).status_code == 403, role
    client.force_login(make_user(Role.CUSTOMER))
    assert client.post(url, {"_form_submitted": "True"}).status_code == 404


def test_run_now_imports_the_waiting_package(client, make_user, exchange, django_capture_on_commit_callbacks):
    admin = make_user(Role.ADMIN)
    write_package(exchange / "inbox", base_files(), name="20261127-full")
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("admin:erp_syncrun_run_now"), {"_form_submitted": "True"})
    assert response.status_code == 302 and response["Location"] == _changelist(SyncRun)
    assert len(callbacks) == 1
    run = SyncRun.objects.get()
    assert run.status == SyncRun.Status.SUCCESS and run.triggered_by == admin.email
    assert Product.objects.filter(sku="YDY-315").exists()
    assert not any((exchange / "inbox").iterdir())
    assert [p.name.endswith("-20261127-full") for p in (exchange / "archive").iterdir()] == [True]
    # The page speaks Polish by default: check the message by its level, not its wording.
    assert [m.level_tag for m in response.wsgi_request._messages] == ["success"]


def test_run_now_from_the_htmx_dialog_redirects_with_a_header(client, make_user, exchange, django_capture_on_commit_callbacks):
    client.force_login(make_user(Role.ADMIN))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:erp_syncrun_run_now"), {"_form_submitted": "True"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"] == _changelist(SyncRun)
    assert SyncRun.objects.count() == 0  # empty inbox: nothing to import


def test_run_now_dialog_without_confirmation_queues_nothing(client, make_user, exchange, django_capture_on_commit_callbacks):
    client.force_login(make_user(Role.ADMIN))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("admin:erp_syncrun_run_now"), {})
    assert response.status_code == 200 and callbacks == []


# ------------------------------------------------------------------------------------------------
# erp_setup: the schedule behind the automatic import, and the exchange folders


def test_erp_setup_creates_schedule_and_folders_once(settings, exchange):
    from django.core.management import call_command
    from django_q.models import Schedule

    settings.ERP_SYNC_EVERY_MINUTES = 15
    call_command("erp_setup", stdout=io.StringIO())
    call_command("erp_setup", stdout=io.StringIO())
    schedule = Schedule.objects.get(name="ERP inbox sync")
    assert (schedule.func, schedule.schedule_type, schedule.minutes, schedule.repeats) == (
        "backoffice.erp.tasks.sync_inbox_task", Schedule.MINUTES, 15, -1,
    )
    assert {p.name for p in exchange.iterdir()} == {"inbox", "archive", "failed", "outbox"}
    settings.ERP_SYNC_EVERY_MINUTES = 5
    call_command("erp_setup", stdout=io.StringIO())
    assert Schedule.objects.filter(name="ERP inbox sync").get().minutes == 5


# ------------------------------------------------------------------------------------------------
# The company page: commercial terms, addresses and category discounts from the ERP (read-only)


def test_company_page_shows_erp_terms_addresses_and_discounts(client, make_user, run):
    company = Company.objects.get(erp_id="K1")
    admin = make_user(Role.ADMIN)
    client.force_login(admin)
    html = client.get(_change(company)).content.decode()
    for text in ("Cennik bazowy", "50000", "-1200", "800", "ul. Krótka 2", "Kable", "5,00"):
        assert text in html, text
    assert 'name="credit_limit"' not in html and 'name="balance"' not in html  # read-only
    assert 'name="addresses-0-street"' not in html
    # a rep (customers: view) sees the addresses but not the pricing section's discounts
    rep = make_user(Role.SALES_REP)
    company.sales_rep = rep
    company.save()
    client.force_login(rep)
    html = client.get(_change(company)).content.decode()
    assert "ul. Krótka 2" in html
    assert "category discounts" not in html.lower() and "rabaty" not in html.lower()


def test_company_page_ignores_posted_commercial_terms(client, make_user, run):
    company = Company.objects.get(erp_id="K1")
    client.force_login(make_user(Role.ADMIN))
    data = {
        "name": company.name, "nip": company.nip, "erp_id": company.erp_id, "currency": "PLN", "country": "PL",
        "b2b_access": "on", "is_active": "on", "credit_limit": "99999999", "balance": "0",
    }
    for prefix, rows in (
        ("users", company.users.count()), ("addresses", company.addresses.count()),
        ("category_discounts", CategoryDiscount.objects.filter(company=company).count()),
        ("category_access", CategoryAccess.objects.filter(company=company).count()),
    ):
        data.update({f"{prefix}-TOTAL_FORMS": str(rows), f"{prefix}-INITIAL_FORMS": str(rows)})
    for n, user in enumerate(company.users.order_by("email")):
        data.update({f"users-{n}-id": user.pk, f"users-{n}-company": company.pk, f"users-{n}-email": user.email,
                     f"users-{n}-role": user.role, f"users-{n}-is_active": "on", f"users-{n}-can_see_finance": "on"})
    response = client.post(_change(company), data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    company.refresh_from_db()
    assert company.credit_limit == 50000 and company.balance != 0
