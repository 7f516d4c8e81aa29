"""The exchange-folder adapter: the ERP drops packages into inbox/, we write documents to outbox/.

This is how most Polish ERPs (Subiekt, Optima, Symfonia, enova...) are integrated: a small agent on
the ERP side exports and imports files. Layout under settings.ERP_EXCHANGE_DIR:
  inbox/    packages to import (a folder with manifest.json, or a .zip); names sort oldest first
  archive/  imported packages          failed/  packages that could not be used
  outbox/   documents for the ERP, one JSON file each, written atomically (temp file + rename)
"""
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .base import ErpConnector, InboundPackage

# Files still being written by the ERP agent carry one of these endings and are left alone.
INCOMPLETE_SUFFIXES = (".part", ".tmp", ".partial")
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]")


class FolderConnector(ErpConnector):
    def __init__(self, root: Path | None = None):
        self.root = Path(root or settings.ERP_EXCHANGE_DIR)
        for name in ("inbox", "archive", "failed", "outbox"):
            (self.root / name).mkdir(parents=True, exist_ok=True)

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    @property
    def outbox(self) -> Path:
        return self.root / "outbox"

    def fetch_packages(self):
        for entry in sorted(self.inbox.iterdir(), key=lambda p: p.name):
            if entry.name.startswith(".") or entry.name.endswith(INCOMPLETE_SUFFIXES):
                continue
            if (entry.is_dir() and (entry / "manifest.json").exists()) or (entry.is_file() and entry.suffix == ".zip"):
                yield InboundPackage(name=entry.name, location=entry)

    def acknowledge(self, package, *, imported):
        target_dir = self.root / ("archive" if imported else "failed")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        shutil.move(str(package.location), str(target_dir / f"{stamp}-{package.name}"))

    def receive_upload(self, uploaded_file, *, name: str) -> Path:
        """Store an uploaded .zip in the inbox atomically (the importer never sees half a file)."""
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S-%f")
        target = self.inbox / f"{stamp}-{SAFE_NAME.sub('_', name)}"
        with tempfile.NamedTemporaryFile(dir=self.inbox, suffix=".part", delete=False) as handle:
            for chunk in uploaded_file.chunks():
                handle.write(chunk)
        os.replace(handle.name, target)
        return target

    def deliver(self, document, *, name):
        data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
        return self.deliver_file(data, name=name, suffix=".json")

    def deliver_file(self, data: bytes, *, name: str, suffix: str) -> str:
        """Write one outbound file (a JSON document, or an EDI++ .epp when ERP_ORDER_FORMAT=epp)
        atomically into outbox/; returns its file name."""
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S-%f")
        # Document numbers like "ZAM/2026/0001" must not become folders.
        target = self.outbox / f"{stamp}-{SAFE_NAME.sub('_', name)}{suffix}"
        handle = tempfile.NamedTemporaryFile("wb", dir=self.outbox, suffix=".part", delete=False)
        try:
            with handle:
                handle.write(data)
            os.replace(handle.name, target)
        finally:
            Path(handle.name).unlink(missing_ok=True)
        return target.name
