"""F05/S03/S04: the outbox rows an order gets, and the documents in them."""
import pytest
from django.core.exceptions import ValidationError

from backoffice.erp.contract import first_schema_error
from backoffice.orders.handoff import handoffs_create_for
from backoffice.orders.models import ErpHandoff, Order
from tests.handoff.helpers import line, make_order

pytestmark = pytest.mark.django_db


def test_one_document_per_warehouse_of_the_assortment_groups(shop):
    world = shop["world"]
    order = make_order(world.company, [line(shop["drill"], "2"), line(shop["cable"], "100"), line(shop["drill"], "1", unit="kpl")],
                       user=world.user)
    handoffs = list(order.handoffs.order_by("dedup_key"))
    assert [h.dedup_key for h in handoffs] == [f"order:{order.number}:MAG1", f"order:{order.number}:MAG2"]
    assert [h.warehouse.erp_id for h in handoffs] == ["MAG1", "MAG2"]
    mag1, mag2 = (h.document for h in handoffs)
    assert [ln["sku"] for ln in mag1["lines"]] == ["WU-1", "WU-1"]
    assert [ln["sku"] for ln in mag2["lines"]] == ["YDY-315"]
    assert {mag1["platform_id"], mag2["platform_id"]} == {f"{order.number}-1", f"{order.number}-2"}
    assert mag1["part"] == {"number": 1, "of": 2} and mag1["order_number"] == order.number
    for document in (mag1, mag2):
        assert first_schema_error("outbound_customer_order", document) is None
        assert all(h.status == ErpHandoff.Status.PENDING for h in handoffs)


def test_single_warehouse_order_keeps_the_order_number(shop):
    order = make_order(shop["world"].company, [line(shop["drill"])])
    (handoff,) = order.handoffs.all()
    assert handoff.document["platform_id"] == order.number


def test_split_preference_sends_supplier_stock_separately(shop):
    world = shop["world"]
    lines = [line(shop["drill"], "2", warehouse=shop["MAG1"]), line(shop["drill"], "5", warehouse=shop["DOST"])]
    split = make_order(world.company, lines, shipping_preference=Order.ShippingPreference.SPLIT)
    complete = make_order(world.company, lines, shipping_preference=Order.ShippingPreference.COMPLETE)

    parts = {h.warehouse.erp_id: h.document for h in split.handoffs.all()}
    assert set(parts) == {"MAG1", "DOST"}
    assert parts["DOST"]["supplier_warehouse"] is True and parts["MAG1"]["supplier_warehouse"] is False
    assert [ln["quantity"] for ln in parts["DOST"]["lines"]] == ["5"]
    assert parts["DOST"]["lines"][0]["stock_warehouse_erp_id"] == "DOST"
    # "ship complete": one document from the group's warehouse; the ERP gets the goods first
    assert [h.warehouse.erp_id for h in complete.handoffs.all()] == ["MAG1"]
    assert len(complete.handoffs.get().document["lines"]) == 2


def test_fallbacks_line_warehouse_then_default_local(shop):
    world = shop["world"]
    by_line = make_order(world.company, [line(shop["plain"], warehouse=shop["MAG2"])])
    by_default = make_order(world.company, [line(shop["plain"])])
    assert by_line.handoffs.get().warehouse.erp_id == "MAG2"
    assert by_default.handoffs.get().warehouse.erp_id == "MAG1"  # first own warehouse by ERP id


def test_default_warehouse_setting(shop, settings):
    settings.ERP_DEFAULT_WAREHOUSE = "MAG2"
    order = make_order(shop["world"].company, [line(shop["plain"])])
    assert order.handoffs.get().warehouse.erp_id == "MAG2"


def test_document_carries_the_order_snapshot(shop, make_user):
    from datetime import date

    from backoffice.accounts.models import Address
    from backoffice.core.roles import Role

    world = shop["world"]
    rep = make_user(Role.SALES_REP, erp_id="H7", first_name="Ewa", last_name="Handlowa")
    address = Address.objects.create(company=world.company, erp_id="A1", name="Magazyn", street="ul. Krótka 2", postal_code="90-002", city="Łódź")
    order = make_order(
        world.company,
        [line(shop["cable"], "2", unit="krąg", base_quantity="200", unit_net="245.00", bundle_code="ZESTAW-1")],
        user=world.user, acting_rep=rep, customer_reference="PO/77", requested_delivery_date=date(2026, 12, 3),
        notes="Proszę dzwonić", delivery_address=address,
    )
    document = order.handoffs.get().document
    assert document["customer_erp_id"] == world.company.erp_id
    assert document["payer"]["name"] == world.company.name and document["payer"]["nip"] == world.company.nip
    assert document["placed_by"] == {"email": world.user.email, "role": "customer", "name": "Jan Testowy"}
    assert document["placed_by_rep"] == {"email": rep.email, "role": "sales_rep", "name": "Ewa Handlowa", "erp_id": "H7"}
    assert document["po_number"] == "PO/77"
    assert document["requested_delivery_date"] == "2026-12-03"
    assert "Requested delivery date: 2026-12-03" in document["notes"] and "Proszę dzwonić" in document["notes"]
    assert document["delivery_address"]["erp_id"] == "A1" and document["delivery_address"]["city"] == "Łódź"
    (doc_line,) = document["lines"]
    assert doc_line["quantity"] == "2" and doc_line["unit"] == "krąg"
    assert doc_line["base_quantity"] == "200" and doc_line["base_unit"] == "m"
    assert doc_line["net_price"] == "245" and doc_line["vat_rate"] == "23" and doc_line["bundle"] == "ZESTAW-1"
    assert document["totals"] == {"net": "490", "vat": "112.7", "gross": "602.7"}
    assert first_schema_error("outbound_customer_order", document) is None


def test_customer_unknown_to_the_erp_is_described_by_the_payer(shop):
    world = shop["world"]
    world.company.erp_id = None
    world.company.save(update_fields=["erp_id"])
    document = make_order(world.company, [line(shop["drill"])]).handoffs.get().document
    assert "customer_erp_id" not in document and document["payer"]["name"] == world.company.name
    assert first_schema_error("outbound_customer_order", document) is None


def test_creating_twice_returns_the_same_rows(shop):
    order = make_order(shop["world"].company, [line(shop["drill"]), line(shop["cable"])])
    first = [h.pk for h in order.handoffs.all()]
    again = handoffs_create_for(order=order)
    assert sorted(h.pk for h in again) == sorted(first) and ErpHandoff.objects.count() == 2


def test_only_placed_orders_are_handed_over(shop):
    order = make_order(shop["world"].company, [line(shop["drill"])], status=Order.Status.AWAITING_STOCK)
    with pytest.raises(ValidationError):
        handoffs_create_for(order=order)
    assert not ErpHandoff.objects.exists()


def test_comment_providers_add_operator_comments(shop, monkeypatch):
    from backoffice.orders import handoff

    monkeypatch.setattr(handoff, "_comment_providers", [])
    handoff.register_comment_provider(lambda order: ["Check the payment before release"])
    document = make_order(shop["world"].company, [line(shop["drill"])]).handoffs.get().document
    assert document["comments"] == ["Check the payment before release"]


def test_delivery_is_queued_only_after_commit(shop, fake_erp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        order = make_order(shop["world"].company, [line(shop["drill"]), line(shop["cable"])])
        assert fake_erp.documents == []  # nothing leaves before the order commits
    assert len(callbacks) == 2
    assert sorted(d["platform_id"] for d in fake_erp.documents) == [f"{order.number}-1", f"{order.number}-2"]
    order.refresh_from_db()
    assert order.status == Order.Status.SENT


def test_handoff_queries_do_not_grow_with_lines(shop, django_assert_max_num_queries):
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    world = shop["world"]
    counts, timings = [], []
    for size in (4, 200):
        order = make_order(world.company, [line(shop["drill"] if n % 2 else shop["cable"]) for n in range(size)], handoff=False)
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            handoffs = handoffs_create_for(order=order)
            timings.append(time.perf_counter() - started)
        counts.append(len(queries))
        assert len(handoffs) == 2 and sum(len(h.document["lines"]) for h in handoffs) == size
    assert counts[0] == counts[1] <= 10
    print(f"BENCH handoff_create_200 ms={timings[1] * 1000:.1f} queries={counts[1]}")
