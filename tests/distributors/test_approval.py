"""A11 approval: approve -> the status the order would have had and the ERP hand-off (the
distributor as payer, at its prices); reject -> cancelled, stock released; idempotent; emails."""
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404

from backoffice.distributors.approval import order_approve, order_reject
from backoffice.erp.contract import first_schema_error
from backoffice.orders.models import ErpHandoff, Order, StockReservation
from backoffice.orders.payment_state import PaymentSource, order_mark_paid

from tests.payments.conftest import configure_bank_transfer

from .conftest import make_end_customer, place_as

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def waiting(world, shop, end_user):
    return place_as(end_user, shop, (shop.drill, "2"), (shop.bit, "3"))


def test_approve_places_the_order_and_hands_it_over_to_the_distributor(world, waiting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert order_approve(user=world.user, order_id=waiting.pk) is True
    waiting.refresh_from_db()
    assert waiting.status == Order.Status.SENT  # placed, then delivered by the (synchronous) worker
    (handoff,) = ErpHandoff.objects.filter(order=waiting)
    document = handoff.document
    assert first_schema_error("outbound_customer_order", document) is None
    assert document["customer_erp_id"] == world.company.erp_id
    assert document["payer"]["erp_id"] == world.company.erp_id and document["payer"]["name"] == world.company.name
    assert [(ln["sku"], ln["net_price"], ln["net"], ln["gross"]) for ln in document["lines"]] == [
        ("WU-700", "100", "200", "246"), ("BIT-8", "10", "30", "36.9")]
    assert document["totals"] == {"net": "230", "vat": "52.9", "gross": "282.9"}
    assert document["order_totals"]["net"] == "230" and document["order_totals"]["gross"] == "282.9"
    assert document["end_customer"]["name"] == "Sklep Końcowy" and document["end_customer"]["city"] == "Kraków"
    assert any("klient końcowy" in comment and "Sklep Końcowy" in comment for comment in document["comments"])


def test_approve_twice_approves_once(world, waiting):
    assert order_approve(user=world.user, order_id=waiting.pk) is True
    assert order_approve(user=world.user, order_id=waiting.pk) is False
    assert ErpHandoff.objects.filter(order=waiting).count() == 1
    assert waiting.events.filter(status_to=Order.Status.PLACED).count() == 1


def test_prepaid_order_waits_for_payment_after_approval_and_is_handed_over_when_paid(world, shop, end_user):
    configure_bank_transfer()
    order = place_as(end_user, shop, (shop.bit, "1"), payment_method="bank_transfer")
    assert order.status == Order.Status.AWAITING_APPROVAL
    assert order_approve(user=world.user, order_id=order.pk)
    order.refresh_from_db()
    assert order.status == Order.Status.AWAITING_PAYMENT and not order.handoffs.exists()
    assert order_mark_paid(order_id=order.pk, source=PaymentSource.STAFF)
    order.refresh_from_db()
    assert order.status == Order.Status.PLACED and order.handoffs.count() == 1
    assert order.handoffs.get().document["lines"][0]["net_price"] == "10"


def test_order_paid_while_waiting_goes_straight_to_placed(world, shop, end_user):
    configure_bank_transfer()
    order = place_as(end_user, shop, (shop.bit, "1"), payment_method="bank_transfer")
    order_mark_paid(order_id=order.pk, source=PaymentSource.STAFF)
    order.refresh_from_db()
    assert order.status == Order.Status.AWAITING_APPROVAL and order.paid_at is not None
    order_approve(user=world.user, order_id=order.pk)
    order.refresh_from_db()
    assert order.status == Order.Status.PLACED and order.handoffs.count() == 1


def test_reject_cancels_and_releases_the_stock(world, waiting):
    assert StockReservation.objects.filter(order=waiting, released_at__isnull=True).exists()
    assert order_reject(user=world.user, order_id=waiting.pk, reason="Brak limitu") is True
    waiting.refresh_from_db()
    assert waiting.status == Order.Status.CANCELLED
    assert not StockReservation.objects.filter(order=waiting, released_at__isnull=True).exists()
    assert not waiting.handoffs.exists()
    assert "Brak limitu" in waiting.events.get(status_to=Order.Status.CANCELLED).message
    assert order_reject(user=world.user, order_id=waiting.pk, reason="again") is False
    assert order_approve(user=world.user, order_id=waiting.pk) is False


def test_reject_needs_a_reason(world, waiting):
    with pytest.raises(ValidationError):
        order_reject(user=world.user, order_id=waiting.pk, reason="  ")
    waiting.refresh_from_db()
    assert waiting.status == Order.Status.AWAITING_APPROVAL


def test_another_distributor_cannot_decide(world, waiting, make_user):
    from backoffice.accounts.models import Company

    other = make_user("distributor")
    Company.objects.filter(pk=other.company_id).update(is_distributor=True)
    other.refresh_from_db()
    with pytest.raises(ValidationError):
        order_approve(user=other, order_id=waiting.pk)
    with pytest.raises(Http404):
        order_approve(user=waiting.placed_by, order_id=waiting.pk)  # the end customer approves nothing
    waiting.refresh_from_db()
    assert waiting.status == Order.Status.AWAITING_APPROVAL


def test_emails_new_order_to_the_distributor_and_decision_to_the_end_customer(world, shop, end_user, make_user,
                                                                             django_capture_on_commit_callbacks):
    employee = make_user("employee", company=world.company, language="en")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        order = place_as(end_user, shop, (shop.bit, "1"))
    to_distributor = [m for m in mail.outbox if "waits for your approval" in m.subject or "czeka na" in m.subject.lower()]
    recipients = sorted(address for m in to_distributor for address in m.to)
    assert recipients == sorted([world.user.email, employee.email, "biuro@firma.pl"])  # the company's address (set by the shop)
    english = next(m for m in to_distributor if employee.email in m.to)
    assert english.subject == f"Order {order.number} from Sklep Końcowy waits for your approval"
    assert f"/end-customers/orders/{order.pk}/" in english.body
    assert not any(end_user.email in m.to and order.number in m.subject and "approved" in m.subject for m in mail.outbox)

    mail.outbox.clear()
    end_user.company.users.update(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        order_approve(user=world.user, order_id=order.pk)
    (approved,) = [m for m in mail.outbox if end_user.email in m.to]
    assert order.number in approved.subject and world.company.name in approved.body


def test_rejection_email_tells_the_reason(world, waiting, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        order_reject(user=world.user, order_id=waiting.pk, reason="Brak limitu kupieckiego")
    to_customer = [m for m in mail.outbox if waiting.placed_by.email in m.to]
    assert any("Brak limitu kupieckiego" in m.body for m in to_customer)


def test_verified_customer_order_is_announced_for_information(world, shop, django_capture_on_commit_callbacks):
    user = make_end_customer(world.user, verified=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        order = place_as(user, shop, (shop.bit, "1"))
    to_distributor = [m for m in mail.outbox if world.user.email in m.to]
    assert len(to_distributor) == 1 and order.number in to_distributor[0].subject
    assert "/approve" not in to_distributor[0].body
