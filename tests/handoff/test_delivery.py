"""F05: outbox delivery with retries, backoff, giving up, staff retry, withdrawal and the ERP outage."""
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from backoffice.orders import handoff_delivery as delivery
from backoffice.orders.handoff_delivery import handoff_deliver, handoff_retry_now, handoffs_sweep
from backoffice.orders.models import ErpHandoff, Order, OrderEvent
from backoffice.orders.status import order_set_status
from tests.handoff.helpers import line, make_order

pytestmark = pytest.mark.django_db
H = ErpHandoff.Status


def later(minutes):
    """Pretend the clock moved on: make every waiting row due now."""
    ErpHandoff.objects.exclude(status=H.SENT).update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def test_delivery_marks_sent_once_and_moves_the_order(shop, fake_erp):
    order = make_order(shop["world"].company, [line(shop["drill"]), line(shop["cable"])])
    first, second = order.handoffs.order_by("pk")
    assert handoff_deliver(handoff_id=first.pk) == "sent"
    order.refresh_from_db()
    assert order.status == Order.Status.PLACED  # one part is still waiting
    assert handoff_deliver(handoff_id=second.pk) == "sent"
    assert handoff_deliver(handoff_id=second.pk) == "skipped"  # delivered rows are never sent again
    order.refresh_from_db()
    assert order.status == Order.Status.SENT
    assert len(fake_erp.documents) == 2
    first.refresh_from_db()
    assert first.status == H.SENT and first.attempts == 1 and first.sent_at is not None
    messages = list(order.events.filter(kind=OrderEvent.Kind.HANDOFF).values_list("message", flat=True))
    assert len(messages) == 2 and all("delivered to the ERP on attempt 1" in m for m in messages)


def test_failure_backs_off_exponentially_then_gives_up_and_tells_admins(shop, fake_erp, settings, make_user,
                                                                       django_capture_on_commit_callbacks):
    from backoffice.core.roles import Role

    admin = make_user(Role.ADMIN)
    settings.ERP_HANDOFF_MAX_ATTEMPTS = 3
    order = make_order(shop["world"].company, [line(shop["drill"])])
    handoff = order.handoffs.get()
    fake_erp.down = True
    waits = []
    for _attempt in range(3):
        before = timezone.now()
        with django_capture_on_commit_callbacks(execute=True):
            outcome = handoff_deliver(handoff_id=handoff.pk)
        handoff.refresh_from_db()
        waits.append(round((handoff.next_attempt_at - before).total_seconds() / 60))
        later(0)
    assert outcome == "gave_up" and handoff.status == H.GAVE_UP and handoff.attempts == 3
    assert waits == [1, 2, 4]
    assert "ConnectionError: ERP unreachable" in handoff.last_error
    assert handoff_deliver(handoff_id=handoff.pk) == "skipped"  # needs staff now
    assert [m.to for m in mail.outbox] == [[admin.email]] and order.number in mail.outbox[0].subject
    assert order.events.filter(kind=OrderEvent.Kind.HANDOFF).count() == 3


def test_backoff_is_capped():
    assert delivery.backoff(1) == timedelta(minutes=1)
    assert delivery.backoff(4) == timedelta(minutes=8)
    assert delivery.backoff(15) == timedelta(hours=1)
    assert delivery.backoff(500) == timedelta(hours=1)


def test_staff_retry_makes_a_given_up_row_due_and_sends_it(shop, fake_erp, settings, django_capture_on_commit_callbacks):
    settings.ERP_HANDOFF_MAX_ATTEMPTS = 1
    order = make_order(shop["world"].company, [line(shop["drill"])])
    handoff = order.handoffs.get()
    fake_erp.down = True
    assert handoff_deliver(handoff_id=handoff.pk) == "gave_up"
    fake_erp.down = False
    with django_capture_on_commit_callbacks(execute=True):
        assert handoff_retry_now(handoff=handoff) is True
    handoff.refresh_from_db()
    assert handoff.status == H.SENT and handoff.attempts == 2 and len(fake_erp.documents) == 1
    assert handoff_retry_now(handoff=handoff) is False  # delivered: nothing to retry


def test_a_document_breaking_the_contract_gives_up_at_once(shop, fake_erp):
    order = make_order(shop["world"].company, [line(shop["drill"])])
    handoff = order.handoffs.get()
    ErpHandoff.objects.filter(pk=handoff.pk).update(document={**handoff.document, "lines": []})
    assert handoff_deliver(handoff_id=handoff.pk) == "gave_up"
    handoff.refresh_from_db()
    assert "does not match the contract" in handoff.last_error and fake_erp.documents == []


def test_cancelled_order_is_withdrawn_not_sent(shop, fake_erp):
    order = make_order(shop["world"].company, [line(shop["drill"])])
    order_set_status(order=order, status=Order.Status.CANCELLED)
    assert handoffs_sweep()["withdrawn"] == 1
    assert fake_erp.documents == [] and not ErpHandoff.objects.exists()
    assert "withdrawn" in order.events.filter(kind=OrderEvent.Kind.HANDOFF).get().message


def test_a_claimed_row_is_not_claimed_again_until_its_lease_expires(shop, fake_erp):
    order = make_order(shop["world"].company, [line(shop["drill"])])
    handoff = order.handoffs.get()
    assert delivery.handoff_claim(handoff_id=handoff.pk) is True
    assert delivery.handoff_claim(handoff_id=handoff.pk) is False
    assert handoff_deliver(handoff_id=handoff.pk) == "skipped" and fake_erp.documents == []
    ErpHandoff.objects.filter(pk=handoff.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))  # worker died
    assert handoffs_sweep()["sent"] == 1
    handoff.refresh_from_db()
    assert handoff.status == H.SENT and handoff.attempts == 2


def test_sweeper_pauses_while_the_erp_keeps_failing(shop, fake_erp):
    for _ in range(5):
        make_order(shop["world"].company, [line(shop["drill"])])
    fake_erp.down = True
    outcome = handoffs_sweep()
    assert outcome["failed"] == delivery.STOP_AFTER_FAILURES and outcome["paused"] == 1
    assert fake_erp.calls == delivery.STOP_AFTER_FAILURES
    assert ErpHandoff.objects.filter(attempts=0).count() == 5 - delivery.STOP_AFTER_FAILURES


def test_outage_every_order_arrives_exactly_once(shop, fake_erp, django_capture_on_commit_callbacks):
    """The ERP adapter fails for hours while orders keep coming; when it returns, the sweeper
    delivers each document exactly once, nothing is lost, and every attempt is on record."""
    world = shop["world"]
    fake_erp.down = True
    orders = []
    for hour in range(6):  # orders placed during the outage, each queued for delivery at commit
        with django_capture_on_commit_callbacks(execute=True):
            orders.append(make_order(world.company, [line(shop["drill"]), line(shop["cable"])]))
        later(60)
        handoffs_sweep()  # the schedule keeps trying (and pausing) during the outage
    assert fake_erp.documents == []
    assert not ErpHandoff.objects.filter(status=H.SENT).exists()
    assert ErpHandoff.objects.filter(status=H.GAVE_UP).count() == 0

    fake_erp.down = False
    later(60)
    handoffs_sweep()
    handoffs_sweep()  # a second sweep (or a late queued task) must not send anything again
    for handoff in ErpHandoff.objects.all():
        assert handoff_deliver(handoff_id=handoff.pk) == "skipped"

    expected = sorted(h.document["platform_id"] for h in ErpHandoff.objects.all())
    assert len(expected) == 12
    assert sorted(d["platform_id"] for d in fake_erp.documents) == expected  # each exactly once
    assert set(ErpHandoff.objects.values_list("status", flat=True)) == {H.SENT}
    for order in orders:
        order.refresh_from_db()
        assert order.status == Order.Status.SENT
        attempts = sum(order.handoffs.values_list("attempts", flat=True))
        assert order.events.filter(kind=OrderEvent.Kind.HANDOFF).count() == attempts > 2


def test_epp_format_goes_to_the_connector_as_a_file(shop, fake_erp, settings):
    settings.ERP_ORDER_FORMAT = "epp"
    order = make_order(shop["world"].company, [line(shop["drill"])])
    assert handoffs_sweep()["sent"] == 1
    ((name, data),) = fake_erp.files
    assert name == f"ZK-{order.number}.epp" and data.startswith(b"[INFO]\r\n") and fake_erp.documents == []


def test_folder_connector_writes_json_or_epp(shop, settings, tmp_path):
    settings.ERP_EXCHANGE_DIR = tmp_path / "erp"
    make_order(shop["world"].company, [line(shop["drill"])])
    handoffs_sweep()
    settings.ERP_ORDER_FORMAT = "epp"
    make_order(shop["world"].company, [line(shop["cable"])])
    handoffs_sweep()
    names = sorted(p.suffix for p in (tmp_path / "erp" / "outbox").iterdir())
    assert names == [".epp", ".json"]


def test_order_left_placed_after_a_crash_is_repaired_by_the_sweeper(shop, fake_erp):
    order = make_order(shop["world"].company, [line(shop["drill"])])
    ErpHandoff.objects.filter(order=order).update(status=H.SENT, sent_at=timezone.now())
    assert handoffs_sweep()["orders_marked_sent"] == 1
    order.refresh_from_db()
    assert order.status == Order.Status.SENT


def test_schedule_is_created_once(settings):
    from django_q.models import Schedule

    from backoffice.orders.handoff_schedule import SCHEDULE_FUNC, handoff_schedule_ensure

    settings.ERP_HANDOFF_EVERY_MINUTES = 2
    handoff_schedule_ensure()
    handoff_schedule_ensure()
    (schedule,) = Schedule.objects.filter(func=SCHEDULE_FUNC)
    assert schedule.minutes == 2 and schedule.repeats == -1
