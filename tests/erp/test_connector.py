"""The exchange-folder connector: outbound documents written atomically, inbound packages listed in order."""
import json
import os

import pytest

from backoffice.erp.connectors import folder as folder_module
from backoffice.erp.connectors.base import InboundPackage, OutboundDocumentInvalid
from backoffice.erp.connectors.folder import FolderConnector
from tests.erp.packages import base_files, write_package


def customer_order(**changes) -> dict:
    document = {
        "document": "customer_order",
        "contract": "b2b-erp/1",
        "platform_id": "ZAM-2026-0001",
        "customer_erp_id": "K1",
        "warehouse_erp_id": "MAG1",
        "placed_by": {"email": "biuro@elektromont.example.pl", "role": "customer", "name": "Jan Kowalski"},
        "sales_rep_erp_id": "H1",
        "po_number": "PO/77",
        "requested_delivery_date": "2026-12-01",
        "notes": "Proszę dzwonić przed dostawą — Łódź",
        "currency": "PLN",
        "delivery_address": {"erp_id": "A1"},
        "payment_method": "transfer",
        "delivery_method": "courier",
        "lines": [{"product_erp_id": "P1", "sku": "YDY-315", "quantity": "2", "unit": "krąg", "base_quantity": "200",
                   "net_price": "245.0000", "vat_rate": "23"}],
        "totals": {"net": "490.00", "vat": "112.70", "gross": "602.70"},
    }
    document.update(changes)
    return document


@pytest.fixture
def connector(tmp_path):
    return FolderConnector(tmp_path / "erp")


def test_connector_creates_its_folders(connector):
    assert sorted(p.name for p in connector.root.iterdir()) == ["archive", "failed", "inbox", "outbox"]


def test_connector_defaults_to_the_configured_folder(settings, tmp_path):
    settings.ERP_EXCHANGE_DIR = tmp_path / "configured"
    assert FolderConnector().root == tmp_path / "configured"
    assert (tmp_path / "configured" / "outbox").is_dir()


def test_push_document_writes_a_valid_order_atomically(connector, monkeypatch):
    seen = []
    real_replace = os.replace

    def spy(src, dst):
        # At the moment of the rename, the complete document sits in a .part file in outbox/
        # and nothing exists yet under the final name.
        assert str(src).endswith(".part") and os.path.dirname(src) == str(connector.outbox)
        assert not os.path.exists(dst)
        with open(src, encoding="utf-8") as handle:
            assert json.load(handle) == customer_order()
        seen.append(dst)
        return real_replace(src, dst)

    monkeypatch.setattr(folder_module.os, "replace", spy)
    name = connector.push_document(customer_order())

    assert len(seen) == 1
    assert name.endswith("-customer_order-ZAM-2026-0001.json")
    assert [p.name for p in connector.outbox.iterdir()] == [name]
    assert json.loads((connector.outbox / name).read_text(encoding="utf-8")) == customer_order()
    assert "Łódź" in (connector.outbox / name).read_text(encoding="utf-8")  # UTF-8, not \u escapes


def test_push_document_accepts_a_shipping_address(connector):
    document = {"document": "shipping_address", "contract": "b2b-erp/1", "platform_id": "ADR-12", "customer_erp_id": "K1",
                "name": "Budowa", "street": "ul. Nowa 1", "postal_code": "90-001", "city": "Łódź", "country": "PL"}
    name = connector.push_document(document)
    assert name.endswith("-shipping_address-ADR-12.json")
    assert json.loads((connector.outbox / name).read_text(encoding="utf-8")) == document


def _without(key):
    document = customer_order()
    del document[key]
    return document


@pytest.mark.parametrize("document, message", [
    (_without("lines"), "'lines' is a required property"),
    (customer_order(lines=[]), "lines"),
    (customer_order(lines=[{**customer_order()["lines"][0], "quantity": "-2"}]), "lines/0/quantity"),
    (customer_order(contract="b2b-erp/2"), "contract"),
    (customer_order(currency="zł"), "currency"),
    (customer_order(discount="5"), "Additional properties are not allowed"),
    (customer_order(document="invoice"), "unknown document type 'invoice'"),
    ({"platform_id": "X"}, "unknown document type None"),
], ids=["missing lines", "no lines", "negative quantity", "wrong contract", "bad currency", "extra field", "unknown type", "no type"])
def test_push_document_refuses_an_invalid_document_and_writes_nothing(connector, document, message):
    with pytest.raises(OutboundDocumentInvalid) as error:
        connector.push_document(document)
    assert message in str(error.value)
    assert list(connector.outbox.iterdir()) == []


def test_platform_id_with_a_slash_is_delivered_inside_the_outbox(connector):
    name = connector.push_document(customer_order(platform_id="ZAM/2026/0001"))
    assert [p.name for p in connector.outbox.iterdir()] == [name]
    assert json.loads((connector.outbox / name).read_text(encoding="utf-8"))["platform_id"] == "ZAM/2026/0001"


def test_fetch_packages_oldest_first_and_only_complete_packages(connector, tmp_path):
    inbox = connector.inbox
    write_package(inbox, base_files(), name="20261127-0300-full")
    write_package(inbox, base_files(), name="20261127-0100-full")
    write_package(inbox, base_files(), name=".20261127-0000-hidden")
    write_package(inbox, base_files(), name="20261127-0050-copy.tmp")
    (inbox / "20261127-0200-delta.zip").write_bytes(b"PK zip")
    (inbox / "20261127-0400-full.zip.part").write_bytes(b"half")
    (inbox / "20261127-0410-full.zip.tmp").write_bytes(b"half")
    (inbox / "20261127-0420-full.zip.partial").write_bytes(b"half")
    (inbox / "20261127-0430-notes.txt").write_text("hello")
    (inbox / "20261127-0440-no-manifest").mkdir()

    packages = list(connector.fetch_packages())

    assert packages == [
        InboundPackage(name="20261127-0100-full", location=inbox / "20261127-0100-full"),
        InboundPackage(name="20261127-0200-delta.zip", location=inbox / "20261127-0200-delta.zip"),
        InboundPackage(name="20261127-0300-full", location=inbox / "20261127-0300-full"),
    ]


def test_acknowledge_moves_packages_to_archive_or_failed(connector):
    good = write_package(connector.inbox, base_files(), name="good")
    bad = connector.inbox / "bad.zip"
    bad.write_bytes(b"PK")
    connector.acknowledge(InboundPackage("good", good), imported=True)
    connector.acknowledge(InboundPackage("bad.zip", bad), imported=False)
    assert list(connector.inbox.iterdir()) == []
    [archived] = (connector.root / "archive").iterdir()
    [failed] = (connector.root / "failed").iterdir()
    assert archived.name.endswith("-good") and (archived / "manifest.json").exists()
    assert failed.name.endswith("-bad.zip")


def test_receive_upload_stores_the_file_in_the_inbox_atomically(connector):
    class Upload:
        def chunks(self):
            yield b"PK\x03\x04"
            yield b"rest"

    target = connector.receive_upload(Upload(), name="pkg.zip")
    assert target.parent == connector.inbox and target.name.endswith("-pkg.zip")
    assert target.read_bytes() == b"PK\x03\x04rest"
    assert [p.name for p in connector.inbox.iterdir()] == [target.name]  # no .part file left
