"""Two workers never send the same document: real threads against PostgreSQL (row locks and
concurrent UPDATEs only behave for real there; SQLite serialises every writer)."""
import threading
import time

import pytest

from backoffice.orders.handoff_delivery import handoff_deliver, handoffs_sweep
from backoffice.orders.models import ErpHandoff
from tests.handoff.fake_erp import FakeErp
from tests.handoff.helpers import line, make_order
from tests.concurrency import run_together as run_concurrently


pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


class SlowErp(FakeErp):
    """Takes its time to answer, so the workers really overlap."""

    lock = threading.Lock()

    def deliver(self, document, *, name):
        time.sleep(0.2)
        with SlowErp.lock:
            return super().deliver(document, name=name)


@pytest.fixture(autouse=True)
def no_queued_delivery(monkeypatch):
    """Placing commits for real here: keep the inline (sync) queue from delivering at commit."""
    from backoffice.orders import handoff

    monkeypatch.setattr(handoff, "queue_delivery", lambda handoff_id: None)


def run_together(count, work):
    results = run_concurrently([work] * count, what="a delivery")
    assert [r for r in results if isinstance(r, Exception)] == []
    return results


def test_two_deliveries_of_the_same_handoff_send_it_once(shop, settings):
    settings.ERP_CONNECTOR = "tests.handoff.test_concurrency.SlowErp"
    SlowErp.reset()
    handoff = make_order(shop["world"].company, [line(shop["drill"])]).handoffs.get()
    outcomes = run_together(2, lambda: handoff_deliver(handoff_id=handoff.pk))
    assert sorted(outcomes) == ["sent", "skipped"]
    assert len(SlowErp.documents) == 1
    handoff.refresh_from_db()
    assert handoff.status == ErpHandoff.Status.SENT and handoff.attempts == 1


def test_concurrent_sweepers_deliver_every_document_once(shop, settings):
    settings.ERP_CONNECTOR = "tests.handoff.test_concurrency.SlowErp"
    SlowErp.reset()
    for _ in range(4):
        make_order(shop["world"].company, [line(shop["drill"]), line(shop["cable"])])
    run_together(4, handoffs_sweep)
    platform_ids = [d["platform_id"] for d in SlowErp.documents]
    assert len(platform_ids) == 8 and len(set(platform_ids)) == 8
    assert set(ErpHandoff.objects.values_list("status", flat=True)) == {ErpHandoff.Status.SENT}
