"""EDI++ (.epp) export of customer orders as "ZK" documents (zamówienie od klienta), the exchange
format of InsERT Subiekt GT/nexo and many other Polish ERPs (field reference:
../shared/formats/epp/EDI++_1.05_field-reference.md).

A file is CSV-like text in Windows-1250 with CRLF line ends: one [INFO] section (24 fields), then
per document a [NAGLOWEK] (62 header fields) and a [ZAWARTOSC] section (one 22-field line per
item), and an empty line at the end. Text is in double quotes ("" inside), amounts have a decimal
point and 4 decimals, dates are yyyymmddhhnnss. It is written from the same contract documents
the JSON hand-off sends (ErpHandoff.document), so both formats carry identical data.
"""
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone, translation

EPP_VERSION = "1.05"
ENCODING = "cp1250"
# INFO field 2 "cel komunikacji": 1 = akwizytor, i.e. documents collected outside the head office
# (our storefront) for the head office's system, the role the platform plays.
PURPOSE_REMOTE_SALES = 1
EU = frozenset("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split())
FOUR = Decimal("0.0001")


class Raw(str):
    """A value written without quotes (numbers, dates, flags)."""


def text(value) -> str:
    value = " ".join(str(value or "").split())  # one record per line: no line breaks inside values
    return '"' + value.replace('"', '""') + '"'


def money(value) -> Raw:
    return Raw(f"{Decimal(value or 0).quantize(FOUR):.4f}")


def flag(value: bool) -> Raw:
    return Raw("1" if value else "0")


def when(value) -> Raw:
    """yyyymmddhhnnss in local time; empty when unknown."""
    if not value:
        return Raw("")
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return Raw(value.strftime("%Y%m%d%H%M%S"))
    return Raw(value.strftime("%Y%m%d") + "000000")


def record(values) -> str:
    return ",".join(value if isinstance(value, Raw) else text(value) for value in values)


def country_name(code: str) -> str:
    from django_countries import countries

    with translation.override("pl"):
        return str(countries.name(code or "PL")) or code


def info_section(documents: list[dict], *, now: datetime) -> list[str]:
    warehouses = {d.get("warehouse_erp_id", "") for d in documents}
    warehouse = warehouses.pop() if len(warehouses) == 1 else ""
    sender = getattr(settings, "ERP_EPP_SENDER_CODE", "B2B")
    name = getattr(settings, "WAGTAIL_SITE_NAME", "B2B")
    placed_by = documents[0].get("placed_by", {}) if documents else {}
    who = placed_by.get("name") or placed_by.get("email", "")
    fields = [
        EPP_VERSION, Raw(str(PURPOSE_REMOTE_SALES)), Raw("1250"), "B2B platform", sender, name, name,
        "", "", "", "",  # sender city, postal code, street, NIP
        warehouse, warehouse, "", "",  # warehouse code, name, description, analytics
        flag(False), Raw(""), Raw(""),  # data of a period: no
        who, when(now), "Polska", "PL", "", flag(True),
    ]
    return ["[INFO]", record(fields), ""]


def _line_amounts(line: dict) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    quantity, price, rate = Decimal(line["quantity"]), Decimal(line["net_price"]), Decimal(line["vat_rate"])
    net = Decimal(line["net"]) if "net" in line else (quantity * price).quantize(Decimal("0.01"))
    gross = Decimal(line["gross"]) if "gross" in line else (net * (1 + rate / 100)).quantize(Decimal("0.01"))
    return net, gross - net, gross, (price * (1 + rate / 100)).quantize(FOUR)


def header_fields(document: dict) -> list:
    payer = document.get("payer", {})
    totals = document["totals"]
    country = payer.get("country") or "PL"
    placed_at = document.get("placed_at")
    placed_by = document.get("placed_by", {})
    rep = document.get("placed_by_rep")
    issued_by = (rep or placed_by).get("name") or (rep or placed_by).get("email", "")
    comment = " | ".join([*document.get("comments", []), f"{document.get('delivery_method', '')} / {document.get('payment_method', '')}"])
    return [
        "ZK", Raw("1"), Raw("0"), Raw("0"),  # type, status (issued), fiscal status, number (the ERP numbers it)
        document["platform_id"], "", document["platform_id"],  # our document id = the external number
        "", Raw(""), document.get("po_number", ""), "",  # corrected doc no/date, customer's order number (PO), MM target
        document.get("customer_erp_id") or payer.get("nip", ""), payer.get("name", "")[:40], payer.get("name", ""),
        payer.get("city", ""), payer.get("postal_code", ""), payer.get("street", ""), payer.get("nip", ""),
        "Zamówienie B2B", "", "",  # category, its subtitle, place of issue
        when(placed_at), when(placed_at), when(document.get("requested_delivery_date") or placed_at),
        Raw(str(len(document["lines"]))), flag(True), "",  # positions, by net prices, active price
        money(totals["net"]), money(totals["vat"]), money(totals["gross"]), money(0),  # net, VAT, gross, cost
        "", money(0),  # discount name, %
        document.get("payment_method", ""), Raw(""), money(0), money(totals["gross"]), money(0), money(0),
        flag(False), Raw("0"),  # auto recalculation, extended statuses
        issued_by, "", "",  # issued by, received by, basis of release
        money(0), money(0),  # packaging issued / returned
        document["currency"], money(1),
        document.get("notes", ""), comment, "", "",  # remarks, comment, subtitle, unused
        flag(False), flag(False), Raw("0"),  # import flag, export, transaction kind (domestic)
        "", money(0), "", money(0),  # card payment, credit
        country_name(country), country, flag(country in EU),
    ]


def item_fields(position: int, line: dict) -> list:
    net, vat, gross, unit_gross = _line_amounts(line)
    quantity = Decimal(line["quantity"])
    return [
        Raw(str(position)), Raw("1"), line.get("sku") or line["product_erp_id"],  # goods
        flag(True), flag(False), flag(False), flag(False), money(0), money(0),  # no discount
        line.get("unit", ""), money(quantity), money(line.get("base_quantity", quantity)), money(0),
        money(line["net_price"]), money(unit_gross), Raw(f"{Decimal(line['vat_rate']):.2f}"),
        money(net), money(vat), money(gross), money(0), "", "",
    ]


def document_sections(document: dict) -> list[str]:
    rows = ["[NAGLOWEK]", record(header_fields(document)), "", "[ZAWARTOSC]"]
    rows += [record(item_fields(n, line)) for n, line in enumerate(document["lines"], start=1)]
    return rows + [""]


def epp_for_documents(documents: list[dict], *, now: datetime | None = None) -> bytes:
    """One .epp file holding a ZK per contract document (the parts of an order, or several orders)."""
    rows = info_section(documents, now=now or timezone.now())
    for document in documents:
        rows += document_sections(document)
    return ("\r\n".join(rows) + "\r\n").encode(ENCODING, errors="replace")


def epp_for_order(order) -> bytes:
    """The .epp of a platform order: one ZK per part (handoff.documents_for)."""
    from .handoff import documents_for

    return epp_for_documents(documents_for(order))
