"""F09/L04: order statuses, tracking numbers and ERP-only orders imported from order_statuses.jsonl."""
from decimal import Decimal

import pytest
from django.core import mail

from backoffice.core.models import ModuleSwitch
from backoffice.core.modules import forget_cached_switches
from backoffice.erp.contract import first_schema_error
from backoffice.erp.models import SyncRun
from backoffice.erp.services import sync_package
from backoffice.inventory.models import Stock
from backoffice.orders.erp_statuses import order_status_from
from backoffice.orders.models import ErpOrderDocument, Order, OrderEvent, OrderShipment, StockReservation
from tests.erp.packages import write_package
from tests.handoff.helpers import line, make_order, make_shop, make_warehouses

pytestmark = pytest.mark.django_db
S = Order.Status
FILE = "order_statuses.jsonl"


@pytest.fixture
def shop(world):
    return make_shop(world, make_warehouses())


@pytest.fixture
def sync(tmp_path, django_capture_on_commit_callbacks):
    """Import a delta package holding only order_statuses.jsonl; emails leave after commit."""
    counter = iter(range(1, 100))

    def run(rows) -> SyncRun:
        folder = write_package(tmp_path, {FILE: rows}, kind="delta", name=f"st{next(counter):02d}")
        with django_capture_on_commit_callbacks(execute=True):
            return sync_package(location=folder, triggered_by="test")

    return run


def errors(run):
    return list(run.errors.values_list("file", "line", "reason"))


def test_status_and_tracking_of_a_platform_order(shop, sync):
    world = shop["world"]
    order = make_order(world.company, [line(shop["drill"], "2")], user=world.user)
    run = sync([{"erp_id": "ZK-1", "erp_number": "ZK 1/2026", "platform_id": order.number, "status": "accepted",
                 "changed_at": "2026-12-01T09:00:00+01:00"}])
    assert run.status == SyncRun.Status.SUCCESS, errors(run)
    assert run.counts["order_statuses"]["inserted"] == 1
    order.refresh_from_db()
    assert order.status == S.ACCEPTED and order.erp_number == "ZK 1/2026"
    document = ErpOrderDocument.objects.get()
    assert document.handoff == order.handoffs.get() and document.status == "accepted"
    (email,) = mail.outbox
    assert not world.company.email and email.to == [world.user.email]
    assert order.number in email.subject and order.number in email.body
    assert email.alternatives and "text/html" == email.alternatives[0][1]

    run = sync([{"erp_id": "ZK-1", "erp_number": "ZK 1/2026", "platform_id": order.number, "status": "shipped",
                 "tracking": [{"number": "00340434161094042557", "carrier": "DPD", "shipped_at": "2026-12-02T15:00:00+01:00"}]}])
    assert run.counts["order_statuses"]["updated"] == 1, errors(run)
    order.refresh_from_db()
    assert order.status == S.SHIPPED
    assert list(OrderShipment.objects.filter(order=order).values_list("tracking_number", "carrier")) == [("00340434161094042557", "DPD")]
    assert len(mail.outbox) == 2
    assert "00340434161094042557" in mail.outbox[1].body and "00340434161094042557" in mail.outbox[1].alternatives[0][0]
    kinds = list(order.events.values_list("kind", "status_to"))
    assert (OrderEvent.Kind.STATUS, S.ACCEPTED) in kinds and (OrderEvent.Kind.STATUS, S.SHIPPED) in kinds


def test_reimporting_the_same_rows_changes_nothing(shop, sync):
    order = make_order(shop["world"].company, [line(shop["drill"])], user=shop["world"].user)
    rows = [{"erp_id": "ZK-1", "platform_id": order.number, "status": "in_progress"}]
    sync(rows)
    events, emails = order.events.count(), len(mail.outbox)
    again = sync(rows)
    assert again.counts["order_statuses"] == {"inserted": 0, "updated": 0, "unchanged": 1, "deactivated": 0, "rejected": 0, "skipped": 0}
    assert order.events.count() == events and len(mail.outbox) == emails


def test_split_order_follows_its_least_advanced_part(shop, sync):
    order = make_order(shop["world"].company, [line(shop["drill"]), line(shop["cable"])])
    part1, part2 = (h.document["platform_id"] for h in order.handoffs.order_by("dedup_key"))
    sync([{"erp_id": "ZK-1", "platform_id": part1, "status": "shipped"}])
    order.refresh_from_db()
    assert order.status == S.ACCEPTED  # the other part has not been reported yet
    sync([{"erp_id": "ZK-2", "platform_id": part2, "status": "in_progress"}])
    order.refresh_from_db()
    assert order.status == S.IN_PROGRESS
    sync([{"erp_id": "ZK-2", "platform_id": part2, "status": "shipped", "erp_number": "ZK 2/2026"}])
    order.refresh_from_db()
    assert order.status == S.SHIPPED


def test_confirmation_releases_the_reservations(shop, sync):
    order = make_order(shop["world"].company, [line(shop["drill"], "3")])
    stock = Stock.objects.create(product=shop["drill"], warehouse=shop["MAG1"], quantity=Decimal(10), reserved=Decimal(3))
    StockReservation.objects.create(order=order, product=shop["drill"], warehouse=shop["MAG1"], quantity=Decimal(3))
    sync([{"erp_id": "ZK-1", "platform_id": order.number, "status": "accepted"}])
    stock.refresh_from_db()
    assert stock.reserved == 0 and StockReservation.objects.get().released_at is not None


def test_bad_rows_are_rejected_with_line_and_reason_and_the_rest_applied(shop, sync):
    world = shop["world"]
    done = make_order(world.company, [line(shop["drill"])])
    fine = make_order(world.company, [line(shop["drill"])])
    sync([{"erp_id": "ZK-9", "platform_id": done.number, "status": "completed"}])
    run = sync([
        {"erp_id": "ZK-2", "platform_id": "B2B/NOPE", "status": "accepted"},
        {"erp_id": "ZK-3", "platform_id": fine.number, "status": "lost"},
        {"erp_id": "ZK-4", "platform_id": fine.number, "status": "accepted", "lines": []},
        {"erp_id": "ZK-9", "platform_id": done.number, "status": "accepted"},
        {"erp_id": "ZK-5", "platform_id": fine.number, "status": "accepted", "tracking": [{"carrier": "DPD"}]},
        "{not json",
        {"erp_id": "ZK-6", "platform_id": fine.number, "status": "accepted"},
        {"erp_id": "ZK-6", "platform_id": fine.number, "status": "in_progress"},
    ])
    assert run.status == SyncRun.Status.PARTIAL
    reasons = {line_no: reason for _file, line_no, reason in errors(run)}
    assert set(reasons) == {1, 2, 3, 4, 5, 6, 8}
    assert "unknown platform order" in reasons[1]
    assert "unknown status 'lost'" in reasons[2]
    assert "only for orders placed in the ERP" in reasons[3]
    assert "state machine does not allow" in reasons[4]
    assert "missing required field 'number'" in reasons[5]
    assert "not valid JSON" in reasons[6]
    assert "duplicate" in reasons[8]
    done.refresh_from_db()
    fine.refresh_from_db()
    assert done.status == S.COMPLETED and ErpOrderDocument.objects.get(erp_id="ZK-9").status == "completed"  # nothing of row 4 kept
    assert fine.status == S.ACCEPTED


ERP_ONLY = {
    "erp_id": "ZK-77", "erp_number": "ZK 77/2026", "status": "completed", "placed_at": "2026-10-01T10:00:00+02:00",
    "currency": "PLN", "po_number": "TEL/5",
    "lines": [{"product_erp_id": None, "sku": "WU-1", "name": "Wiertarka udarowa", "quantity": "2", "unit": "szt",
               "net_price": "100.00", "vat_rate": "23"},
              {"sku": "USL-1", "name": "Transport", "quantity": "1", "net_price": "20", "vat_rate": "23", "net": "20.00", "gross": "24.60"}],
}


def erp_only_row(company, **changes):
    row = {**ERP_ONLY, "customer_erp_id": company.erp_id, **changes}
    row["lines"] = [{k: v for k, v in item.items() if v is not None} for item in row["lines"]]
    return row


def test_erp_only_orders_are_mirrored(shop, sync):
    world = shop["world"]
    row = erp_only_row(world.company)
    row["lines"][0]["product_erp_id"] = shop["drill"].erp_id
    assert first_schema_error("order_status", row) is None
    run = sync([row])
    assert run.status == SyncRun.Status.SUCCESS, errors(run)
    order = Order.objects.get(erp_id="ZK-77")
    assert order.source == Order.Source.ERP and order.company == world.company and order.status == S.COMPLETED
    assert order.number is None and str(order) == "ZK 77/2026" and order.customer_reference == "TEL/5"
    assert [(ln.sku, ln.product_id, ln.line_net, ln.line_gross) for ln in order.lines.order_by("position")] == [
        ("WU-1", shop["drill"].pk, Decimal("200.00"), Decimal("246.00")), ("USL-1", None, Decimal("20.00"), Decimal("24.60"))]
    assert (order.net, order.gross) == (Decimal("220.00"), Decimal("270.60"))
    assert mail.outbox == []  # the ERP announces its own orders

    changed = erp_only_row(world.company, status="completed", lines=[ERP_ONLY["lines"][1]])
    sync([changed])
    order.refresh_from_db()
    assert [ln.sku for ln in order.lines.all()] == ["USL-1"] and order.gross == Decimal("24.60")


def test_erp_only_orders_are_skipped_without_the_mirror_module(shop, sync):
    ModuleSwitch.objects.update_or_create(key="erp_order_history", defaults={"enabled": False})
    forget_cached_switches()
    run = sync([erp_only_row(shop["world"].company)])
    assert run.counts["order_statuses"]["skipped"] == 1 and not Order.objects.filter(source=Order.Source.ERP).exists()


def test_erp_only_row_needs_a_known_customer_and_lines(shop, sync):
    run = sync([erp_only_row(shop["world"].company, customer_erp_id="K-NOPE"), {"erp_id": "ZK-78", "status": "accepted"}])
    reasons = [reason for _f, _l, reason in errors(run)]
    assert "unknown customer 'K-NOPE'" in reasons[0] and "missing required field 'customer_erp_id'" in reasons[1]
    assert first_schema_error("order_status", {"erp_id": "ZK-78", "status": "accepted"}) is not None


@pytest.mark.parametrize("parts, expected", [
    ([None, None], None),
    (["accepted", None], S.ACCEPTED),
    (["shipped", None], S.ACCEPTED),
    (["shipped", "in_progress"], S.IN_PROGRESS),
    (["shipped", "completed"], S.SHIPPED),
    (["completed", "cancelled"], S.COMPLETED),
    (["cancelled", "cancelled"], S.CANCELLED),
    (["on_hold", "shipped"], S.ON_HOLD),
])
def test_order_status_from_parts(parts, expected):
    assert order_status_from(parts) == expected


@pytest.mark.parametrize("language, subject_start, phrase", [
    ("pl", "Zamówienie", "Twoje zamówienie zostało wysłane."),
    ("en", "Order", "Your order has been shipped."),
])
def test_status_email_is_in_the_order_language(shop, sync, language, subject_start, phrase):
    world = shop["world"]
    order = make_order(world.company, [line(shop["drill"])], user=world.user, language=language)
    sync([{"erp_id": "ZK-1", "platform_id": order.number, "status": "shipped", "tracking": [{"number": "PKG-1", "carrier": "InPost"}]}])
    (email,) = mail.outbox
    assert email.subject.startswith(subject_start)
    assert phrase in email.body and phrase in email.alternatives[0][0]
    assert "PKG-1 (InPost)" in email.body
