"""The package upload endpoint: an ERP agent POSTs a .zip exchange package instead of sharing a folder.

    POST /erp/packages/   Authorization: Bearer <ERP_API_TOKEN>   multipart field "package" (.zip)

202 {"status": "queued", "package": "<stored name>"} once the package is stored in the inbox and
the import is queued. Errors answer JSON {"error": "..."}: 503 when no token is configured, 401 for
a missing or wrong token, 413 when too large, 400 for anything that is not a valid package, 501
when the configured connector cannot receive uploads.
"""
import hmac
import os
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.http import JsonResponse
from django.utils.text import get_valid_filename
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_q.tasks import async_task

from .connectors import get_connector
from .package import Package, PackageError

DEFAULT_UPLOAD_MAX_BYTES = 500 * 1024 * 1024
UPLOAD_FIELD = "package"


def _error(message: str, status: int) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="erp"'
    return response


def _token_ok(request, expected: str) -> bool:
    scheme, _sep, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        return False
    return hmac.compare_digest(given.strip().encode(), expected.encode())


def _stored_name(uploaded_name: str) -> str:
    name = get_valid_filename(Path(uploaded_name or "package.zip").name) or "package.zip"
    stem = name.removesuffix(".zip")[:100] or "package"
    return f"{stem}.zip"


def _check_package(uploaded) -> str | None:
    """None when the upload is a readable package, else why not. Opens the file where it lies."""
    temporary_path = getattr(uploaded, "temporary_file_path", None)
    if temporary_path is not None:
        return _check_package_at(Path(temporary_path()))
    handle = tempfile.NamedTemporaryFile(suffix=".zip", delete=False)
    try:
        with handle:
            for chunk in uploaded.chunks():
                handle.write(chunk)
        return _check_package_at(Path(handle.name))
    finally:
        os.unlink(handle.name)


def _check_package_at(location: Path) -> str | None:
    if not zipfile.is_zipfile(location):
        return "the package must be a .zip file"
    try:
        with Package(location):
            return None
    except PackageError as exc:
        return str(exc)


@csrf_exempt
@require_POST
def package_upload(request):
    expected = getattr(settings, "ERP_API_TOKEN", "")
    if not expected:
        return _error("upload endpoint not configured", 503)
    if not _token_ok(request, expected):
        return _error("missing or wrong token", 401)
    max_bytes = getattr(settings, "ERP_UPLOAD_MAX_BYTES", None) or DEFAULT_UPLOAD_MAX_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > max_bytes:  # refused before the body is read
        return _error(f"the package is larger than {max_bytes} bytes", 413)
    uploaded = request.FILES.get(UPLOAD_FIELD)
    if uploaded is None:
        return _error(f"send the package as the multipart field '{UPLOAD_FIELD}'", 400)
    if uploaded.size > max_bytes:
        return _error(f"the package is larger than {max_bytes} bytes", 413)
    if not (uploaded.name or "").lower().endswith(".zip"):
        return _error("the package must be a .zip file", 400)
    problem = _check_package(uploaded)
    if problem:
        return _error(problem, 400)
    connector = get_connector()
    if not hasattr(connector, "receive_upload"):
        return _error("the configured ERP connector does not accept uploads", 501)
    stored = connector.receive_upload(uploaded, name=_stored_name(uploaded.name))
    transaction.on_commit(lambda: async_task("backoffice.erp.tasks.sync_inbox_task", triggered_by="upload"))
    return JsonResponse({"status": "queued", "package": stored.name}, status=202)
