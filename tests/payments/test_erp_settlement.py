"""F02: the ERP's settlement data in order_statuses.jsonl ("paid" / "paid_at"): an order awaiting
its transfer is marked paid and goes on to the ERP; repeats change nothing; bad rows are refused."""
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from backoffice.erp.contract import first_schema_error
from backoffice.erp.models import SyncRun
from backoffice.erp.services import sync_package
from backoffice.orders.models import ErpHandoff, ErpOrderDocument, Order
from tests.erp.packages import write_package

from .conftest import fill, place

pytestmark = pytest.mark.django_db
S = Order.Status
FILE = "order_statuses.jsonl"


@pytest.fixture
def sync(tmp_path, django_capture_on_commit_callbacks):
    counter = iter(range(1, 100))

    def run(rows) -> SyncRun:
        folder = write_package(tmp_path, {FILE: rows}, kind="delta", name=f"pay{next(counter):02d}")
        with django_capture_on_commit_callbacks(execute=True):
            return sync_package(location=folder, triggered_by="test")

    return run


@pytest.fixture
def awaiting(cart, world, shop, bank_account):
    fill(cart, world.user, (shop.bit, "3"))
    return place(cart, world.user, shop, payment_method="bank_transfer")


def errors(run):
    return list(run.errors.values_list("line", "reason"))


def test_settlement_row_marks_the_order_paid_once(awaiting, sync):
    row = {"erp_id": "WB-88/4", "platform_id": awaiting.number, "paid_at": "2026-03-03T09:12:00+01:00"}
    assert first_schema_error("order_status", row) is None
    mail.outbox.clear()
    run = sync([row])
    assert run.status == SyncRun.Status.SUCCESS, errors(run)
    assert run.counts["order_statuses"]["updated"] == 1
    awaiting.refresh_from_db()
    assert awaiting.status in (S.PLACED, S.SENT) and awaiting.paid_at == datetime(2026, 3, 3, 9, 12, tzinfo=ZoneInfo("Europe/Warsaw"))
    assert awaiting.payment_reference == "ERP WB-88/4"
    assert ErpHandoff.objects.filter(order=awaiting).exists() and not ErpOrderDocument.objects.exists()
    assert any(awaiting.number in m.subject for m in mail.outbox)  # the buyer is told the money is in
    events = awaiting.events.count()
    run = sync([row])
    assert run.counts["order_statuses"]["unchanged"] == 1 and awaiting.events.count() == events


def test_paid_flag_with_a_status(awaiting, sync):
    run = sync([{"erp_id": "ZK-9", "platform_id": awaiting.number, "status": "accepted", "paid": True}])
    assert run.status == SyncRun.Status.SUCCESS, errors(run)
    awaiting.refresh_from_db()
    assert awaiting.status == S.ACCEPTED and awaiting.paid_at is not None
    assert ErpOrderDocument.objects.get().status == "accepted"


def test_unpaid_order_with_a_status_is_still_refused(awaiting, sync):
    run = sync([{"erp_id": "ZK-10", "platform_id": awaiting.number, "status": "accepted"}])
    assert run.counts["order_statuses"]["rejected"] == 1
    awaiting.refresh_from_db()
    assert awaiting.status == S.AWAITING_PAYMENT and awaiting.paid_at is None


@pytest.mark.parametrize("row, reason", [
    ({"erp_id": "X1", "paid": True, "status": "completed", "customer_erp_id": "K1", "currency": "PLN", "lines": []}, "only for platform"),
    ({"erp_id": "X2", "platform_id": "{number}", "paid": "yes"}, "'paid' must be true or false"),
    ({"erp_id": "X3", "platform_id": "{number}", "paid_at": "3 March"}, "'paid_at' must be a date and time"),
    ({"erp_id": "X4", "platform_id": "{number}", "paid": False}, "missing required field 'status'"),
    ({"erp_id": "X5", "platform_id": "{number}", "paid": True, "tracking": [{"number": "1"}]}, "'tracking' needs a 'status'"),
])
def test_bad_settlement_rows_are_rejected(awaiting, sync, row, reason):
    row = {key: value.format(number=awaiting.number) if isinstance(value, str) else value for key, value in row.items()}
    run = sync([row])
    assert run.counts["order_statuses"]["rejected"] == 1
    assert reason in errors(run)[0][1]
    awaiting.refresh_from_db()
    assert awaiting.paid_at is None


def test_schema_accepts_settlement_rows_only_for_platform_orders():
    assert first_schema_error("order_status", {"erp_id": "WB-1", "platform_id": "B2B/2026/000001", "paid": True}) is None
    assert first_schema_error("order_status", {"erp_id": "WB-1", "platform_id": "B2B/2026/000001", "paid": False}) is not None
    assert first_schema_error("order_status", {"erp_id": "WB-1", "platform_id": "B2B/2026/000001"}) is not None
    erp_only = {"erp_id": "ZK-2", "status": "completed", "customer_erp_id": "K1", "currency": "PLN",
                "lines": [{"sku": "A", "name": "A", "quantity": "1", "net_price": "1", "vat_rate": "23"}]}
    assert first_schema_error("order_status", erp_only) is None
    assert first_schema_error("order_status", {**erp_only, "paid": True}) is not None


def test_order_on_terms_gets_its_payment_date(cart, world, shop, sync):
    world.company.may_buy_on_terms = True
    world.company.save(update_fields=["may_buy_on_terms"])
    fill(cart, world.user, (shop.bit, "3"))
    order = place(cart, world.user, shop, payment_method="on_terms")
    mail.outbox.clear()
    run = sync([{"erp_id": "WB-2", "platform_id": order.number, "paid_at": "2026-03-20T10:00:00+01:00"}])
    assert run.status == SyncRun.Status.SUCCESS, errors(run)
    order.refresh_from_db()
    assert order.paid_at is not None and order.status in (S.PLACED, S.SENT)
    assert not any(order.number in m.subject for m in mail.outbox)  # "on its way to the warehouse" is for prepayments only
