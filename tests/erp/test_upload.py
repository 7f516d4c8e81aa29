"""The package upload endpoint (POST /erp/packages/): token, validation, storage, queued import."""
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from backoffice.catalog.models import Product
from backoffice.core.roles import Role
from backoffice.erp.models import SyncRun
from tests.erp.packages import base_files, write_package

pytestmark = pytest.mark.django_db

URL = "/erp/packages/"
TOKEN = "s3cret-token-for-tests"


@pytest.fixture
def exchange(settings, tmp_path):
    settings.ERP_EXCHANGE_DIR = tmp_path / "exchange"
    settings.ERP_API_TOKEN = TOKEN
    return settings.ERP_EXCHANGE_DIR


@pytest.fixture
def api():
    # CSRF checks on, as for a real client: the endpoint must be exempt.
    return Client(enforce_csrf_checks=True)


def zip_of(folder, target) -> bytes:
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return target.read_bytes()


@pytest.fixture
def good_zip(tmp_path):
    return zip_of(write_package(tmp_path / "src", base_files(), name="pkg"), tmp_path / "pkg.zip")


def post(api, data: bytes | None, *, token: str | None = TOKEN, name: str = "pkg-20261127.zip"):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token is not None else {}
    body = {"package": SimpleUploadedFile(name, data, content_type="application/zip")} if data is not None else {}
    return api.post(URL, body, **headers)


def inbox(exchange):
    folder = exchange / "inbox"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_url_name():
    assert reverse("erp:package_upload") == URL


def test_unconfigured_endpoint_answers_503(api, settings, tmp_path, good_zip):
    settings.ERP_API_TOKEN = ""
    settings.ERP_EXCHANGE_DIR = tmp_path / "exchange"
    for token in (None, "", "anything"):
        response = post(api, good_zip, token=token)
        assert response.status_code == 503
        assert response.json() == {"error": "upload endpoint not configured"}
    assert not (tmp_path / "exchange").exists()


@pytest.mark.parametrize("header", [None, "", "Bearer", "Bearer ", "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer żółć"])
def test_missing_or_wrong_token_answers_401(api, exchange, good_zip, header):
    extra = {"HTTP_AUTHORIZATION": header} if header is not None else {}
    response = api.post(URL, {"package": SimpleUploadedFile("p.zip", good_zip)}, **extra)
    assert response.status_code == 401
    assert "error" in response.json()
    assert inbox(exchange) == []


def test_get_answers_405(api, exchange):
    assert api.get(URL).status_code == 405
    assert api.get(URL, HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 405


def test_anonymous_reaches_the_endpoint_but_not_other_pages(api, exchange):
    assert api.post(URL).status_code == 401  # not a redirect to the login page
    response = api.get("/account/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    response = api.get("/admin/erp/syncrun/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_logged_in_session_is_not_a_token(client, make_user, exchange, good_zip):
    client.force_login(make_user(Role.ADMIN))
    assert post(client, good_zip, token=None).status_code == 401
    client.force_login(make_user(Role.APPLICANT))  # applicants are walled off everything else
    assert post(client, good_zip, token=None).status_code == 401


def test_missing_field_answers_400(api, exchange):
    response = post(api, None)
    assert response.status_code == 400 and "package" in response.json()["error"]


@pytest.mark.parametrize("name, data", [("pkg.zip", b"this is not a zip file"), ("pkg.txt", b"hello"), ("pkg.jsonl", b"{}\n")])
def test_non_zip_answers_400(api, exchange, name, data):
    response = post(api, data, name=name)
    assert response.status_code == 400
    assert ".zip" in response.json()["error"]
    assert inbox(exchange) == []


def test_zip_with_a_bad_manifest_answers_400_and_stores_nothing(api, exchange, tmp_path):
    folder = write_package(tmp_path / "src", base_files(), name="bad")
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["contract"] = "someone-else-v9"
    (folder / "manifest.json").write_text(json.dumps(manifest))
    response = post(api, zip_of(folder, tmp_path / "bad.zip"))
    assert response.status_code == 400
    assert "unsupported contract" in response.json()["error"]
    assert inbox(exchange) == []


def test_zip_missing_a_listed_file_answers_400(api, exchange, tmp_path):
    folder = write_package(tmp_path / "src", base_files(), name="holes")
    (folder / "prices.jsonl").unlink()
    response = post(api, zip_of(folder, tmp_path / "holes.zip"))
    assert response.status_code == 400
    assert "prices.jsonl" in response.json()["error"]
    assert inbox(exchange) == []


def test_zip_without_manifest_answers_400(api, exchange, tmp_path):
    target = tmp_path / "empty.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("readme.txt", "hi")
    response = post(api, target.read_bytes())
    assert response.status_code == 400
    assert response.json() == {"error": "manifest.json is missing"}


def test_too_large_answers_413(api, exchange, settings, good_zip):
    settings.ERP_UPLOAD_MAX_BYTES = 100
    response = post(api, good_zip)
    assert response.status_code == 413
    assert inbox(exchange) == []


def test_good_zip_is_stored_and_queued(api, exchange, good_zip, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = post(api, good_zip, name="../../etc/pkg 2026.zip")
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "queued"
    assert inbox(exchange) == [body["package"]]
    assert body["package"].endswith("-pkg_2026.zip")  # no path, no spaces
    assert (exchange / "inbox" / body["package"]).read_bytes() == good_zip
    assert len(callbacks) == 1
    assert SyncRun.objects.count() == 0  # the import waits for the commit


def test_good_zip_is_imported_and_archived_after_commit(api, exchange, good_zip, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(api, good_zip)
    assert response.status_code == 202
    stored = response.json()["package"]
    run = SyncRun.objects.get()
    assert run.status == SyncRun.Status.SUCCESS, run.message
    assert run.package == stored and run.triggered_by == "upload"
    assert Product.objects.filter(sku="YDY-315").exists()
    assert inbox(exchange) == []
    assert [p.name for p in (exchange / "archive").iterdir()][0].endswith(stored)


def test_large_upload_spooled_to_disk_is_checked_too(api, exchange, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10  # every upload goes to a temporary file
    data = zip_of(write_package(tmp_path / "src", base_files(), name="pkg"), tmp_path / "pkg.zip")
    assert post(api, b"PK\x03\x04 not really a zip").status_code == 400
    with django_capture_on_commit_callbacks(execute=False):
        assert post(api, data).status_code == 202
    assert len(inbox(exchange)) == 1


def test_connector_without_uploads_answers_501(api, exchange, settings, good_zip):
    settings.ERP_CONNECTOR = "tests.erp.test_upload.NoUploadConnector"
    response = post(api, good_zip)
    assert response.status_code == 501


class NoUploadConnector:
    """A connector that cannot receive uploads (e.g. one that pulls from an ERP API)."""

    def fetch_packages(self):
        return iter(())
