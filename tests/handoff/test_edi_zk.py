"""EDI++ ZK export: structure checked against the field reference in ../shared/formats/epp/ (read
from there, never copied), encoding and line ends, and the values that matter to the ERP."""
import csv
import io
import re
from pathlib import Path

import pytest

from backoffice.orders.edi_zk import epp_for_documents, epp_for_order
from tests.handoff.helpers import line, make_order

pytestmark = pytest.mark.django_db
REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "formats" / "epp" / "EDI++_1.05_field-reference.md"


def reference_counts() -> dict[str, int]:
    """Field counts per section as the reference states them ("## [INFO] – 24 fields" ...)."""
    text = REFERENCE.read_text(encoding="utf-8")
    info = int(re.search(r"## \[INFO\] – (\d+) fields", text).group(1))
    header = int(re.search(r"## \[NAGLOWEK\] of trade/warehouse documents – (\d+) fields", text).group(1))
    items = int(re.search(r"Subiekt↔Subiekt – item lines, (\d+) fields", text).group(1))
    assert "ZK (zam. od klienta)" in text and "Windows-1250" in text
    return {"INFO": info, "NAGLOWEK": header, "ZAWARTOSC": items}


def parse(data: bytes) -> list[tuple[str, list[list[str]]]]:
    """[(section, records)] the way an EDI++ reader sees the file."""
    text = data.decode("cp1250")
    sections, current = [], None
    for raw in text.split("\r\n"):
        if re.fullmatch(r"\[[A-Z]+\]", raw):
            current = (raw.strip("[]"), [])
            sections.append(current)
        elif raw:
            current[1].append(next(csv.reader(io.StringIO(raw))))
    return sections


@pytest.fixture
def split_order(shop):
    world = shop["world"]
    world.company.name = 'Elektro-Mont "Łódź" s.c.'
    world.company.save(update_fields=["name"])
    return make_order(world.company, [line(shop["drill"], "2", unit_net="100.00"),
                                      line(shop["cable"], "3", unit="krąg", base_quantity="300", unit_net="245.50", vat="8")],
                      user=world.user, customer_reference="PO/77", notes="Dzwonić\nprzed dostawą")


@pytest.mark.skipif(not REFERENCE.exists(), reason="the shared EDI++ reference is not available")
def test_structure_matches_the_edi_reference(split_order):
    counts = reference_counts()
    data = epp_for_order(split_order)
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")  # CRLF only
    assert data.decode("cp1250").rstrip("\r\n") != data.decode("cp1250")  # ends with an empty line
    sections = parse(data)
    assert [name for name, _ in sections] == ["INFO", "NAGLOWEK", "ZAWARTOSC", "NAGLOWEK", "ZAWARTOSC"]
    for name, records in sections:
        assert records and all(len(r) == counts[name] for r in records), name
    info = sections[0][1][0]
    assert info[0] == "1.05" and info[2] == "1250"
    headers = [sections[1][1][0], sections[3][1][0]]
    assert [h[0] for h in headers] == ["ZK", "ZK"]
    assert {h[6] for h in headers} == {f"{split_order.number}-1", f"{split_order.number}-2"}


@pytest.mark.skipif(not REFERENCE.exists(), reason="the shared EDI++ reference is not available")
def test_values_polish_letters_quotes_and_amounts(split_order):
    data = epp_for_order(split_order)
    assert "Łódź".encode("cp1250") in data and "krąg".encode("cp1250") in data
    sections = parse(data)
    header, items = sections[3][1][0], sections[4][1]  # the cable part (MAG2)
    assert header[9] == "PO/77" and header[13] == 'Elektro-Mont "Łódź" s.c.'
    assert header[11] == split_order.company.erp_id and header[17] == split_order.company.nip
    assert header[24] == "1" and header[46] == "PLN"
    assert "Dzwonić przed dostawą" in header[48]
    assert (header[27], header[28], header[29]) == ("736.5000", "58.9200", "795.4200")
    (item,) = items
    assert item[2] == "YDY-315" and item[9] == "krąg"
    assert (item[10], item[11], item[13], item[15]) == ("3.0000", "300.0000", "245.5000", "8.00")
    assert (item[16], item[17], item[18]) == ("736.5000", "58.9200", "795.4200")
    assert re.fullmatch(r"\d{14}", header[21])


def test_characters_outside_windows_1250_do_not_break_the_file(shop):
    order = make_order(shop["world"].company, [line(shop["drill"])], notes="Pilne 🚚 …")
    data = epp_for_documents([order.handoffs.get().document])
    assert "Pilne ? …".encode("cp1250") in data


def test_an_order_not_handed_over_yet_can_be_exported(shop):
    from backoffice.orders.models import Order

    order = make_order(shop["world"].company, [line(shop["drill"]), line(shop["cable"])], status=Order.Status.AWAITING_STOCK)
    sections = parse(epp_for_order(order))
    assert [name for name, _ in sections].count("NAGLOWEK") == 2
