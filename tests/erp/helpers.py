"""Plain helpers and constants shared by the ERP sync tests (tests/erp/test_sync_*.py).

Fixtures built on them (pkgs, imported) live in tests/erp/conftest.py.
"""
import io
import zipfile

from PIL import Image

from backoffice.accounts.models import Company, User
from backoffice.catalog.models import Category, CustomerProductCode, Product, Warehouse
from backoffice.erp.models import SyncRun
from backoffice.erp.services import sync_package
from backoffice.inventory.models import Stock
from backoffice.pricing.models import ContractPrice, Price, PriceList
from tests.erp.packages import base_files, write_package
from tests.factories import PASSWORD

SUCCESS, PARTIAL, FAILED = SyncRun.Status.SUCCESS, SyncRun.Status.PARTIAL, SyncRun.Status.FAILED
LABELS = ("sales_reps", "warehouses", "categories", "price_lists", "products", "prices", "customers", "contract_prices", "customer_codes", "stock")


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
