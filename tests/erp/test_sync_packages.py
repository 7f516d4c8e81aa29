"""ERP package import: unusable packages, zips, rollback on errors and the admins' notification.

Packages are built on disk (tests/erp/packages.py) and imported; shared helpers are in
tests/erp/helpers.py, the pkgs/imported fixtures in tests/erp/conftest.py.
"""
import json
import zipfile

import pytest
from django.core import mail

from backoffice.accounts.models import User
from backoffice.catalog.models import Category, Product, Warehouse
from backoffice.core.roles import Role
from backoffice.erp.services import sync_package
from backoffice.erp.sync.entities_catalog import ProductSync
from backoffice.pricing.models import PriceList
from tests.erp.helpers import FAILED, SUCCESS, keys, zip_folder
from tests.erp.packages import base_files

pytestmark = pytest.mark.django_db


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
