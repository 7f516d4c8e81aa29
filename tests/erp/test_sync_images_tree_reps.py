"""ERP package import: product images, the category tree, sales reps and sync_inbox.

Packages are built on disk (tests/erp/packages.py) and imported; shared helpers are in
tests/erp/helpers.py, the pkgs/imported fixtures in tests/erp/conftest.py.
"""
import json
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from backoffice.accounts.models import Company, User
from backoffice.catalog.models import Category, Product, ProductImage, StoredImage
from backoffice.core.roles import Role
from backoffice.erp.connectors.folder import FolderConnector
from backoffice.erp.models import SyncRun
from backoffice.erp.services import sync_inbox
from tests.erp.helpers import FAILED, PARTIAL, SUCCESS, errors, keys, png, writes
from tests.erp.packages import base_files, write_package
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


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
