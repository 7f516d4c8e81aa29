"""F03 online payment through PayU's REST protocol against a local fake gateway (fake_payu.py):
start -> PayU's page, signed notifications -> order paid once, failures leave the order waiting."""
from decimal import Decimal

import pytest
from django.utils import translation

from backoffice.online_payments.models import OnlinePayment, PaymentNotification
from backoffice.online_payments.services import minor_amount
from backoffice.orders.checkout_methods import PAYMENT, method_handler
from backoffice.orders.models import Order, OrderEvent
from tests.checkout.test_views import form_data

from .conftest import NOTIFY_URL, notify

pytestmark = pytest.mark.django_db
P = OnlinePayment.Status
R = PaymentNotification.Result


def start(client, order):
    return client.get(f"/pay/{order.pk}/")


def started(client, order, payu) -> str:
    """Start paying; the PayU order id the buyer was sent to."""
    response = start(client, order)
    assert response.status_code == 302 and response["Location"].startswith(f"{payu.url}/pay/?orderId="), response
    return response["Location"].rsplit("=", 1)[1]


def paid_events(order) -> int:
    return OrderEvent.objects.filter(order=order, kind=OrderEvent.Kind.STATUS, status_to=Order.Status.PLACED).count()


def test_checkout_with_online_payment_goes_to_the_gateway(payu, world, shop, cart, buyer):
    from tests.checkout.conftest import fill

    fill(cart, world.user, (shop.bit, "3"))
    page = buyer.get("/checkout/")
    assert 'value="online"' in page.content.decode()  # offered: PayU configured, PLN supported
    response = buyer.post("/checkout/", form_data(page, shop, payment_method="online"))
    order = Order.objects.get()
    assert order.status == Order.Status.AWAITING_PAYMENT and order.payment_method == "online"
    assert response.status_code == 302 and response["Location"] == f"/pay/{order.pk}/"
    order_id = started(buyer, order, payu)

    document = payu.orders[order_id]
    assert document["totalAmount"] == minor_amount(order.gross, "PLN") == str(int(order.gross * 100))
    assert document["currencyCode"] == "PLN" and document["merchantPosId"] == payu.pos_id
    assert document["extOrderId"] == f"{order.number}-1"
    assert document["notifyUrl"] == "http://testserver" + NOTIFY_URL
    assert document["continueUrl"] == f"http://testserver/pay/{order.pk}/return/"
    assert document["description"] == f"Zamówienie {order.number}" and document["buyer"]["email"] == world.user.email
    payment = OnlinePayment.objects.get()
    assert (payment.status, payment.provider_order_id, payment.amount) == (P.NEW, order_id, order.gross)


def test_completed_notification_marks_the_order_paid(payu, online_order, buyer, client):
    order_id = started(buyer, online_order, payu)
    buyer.logout()  # PayU's server has no session
    response = notify(client, *payu.notification(order_id, "COMPLETED"))
    assert response.status_code == 200
    order = Order.objects.get(pk=online_order.pk)
    assert order.status == Order.Status.PLACED and order.paid_at is not None and order.payment_reference == order_id
    assert order.handoffs.exists()  # on its way to the ERP
    payment = OnlinePayment.objects.get()
    assert payment.status == P.COMPLETED and payment.completed_at is not None
    entry = PaymentNotification.objects.get()
    assert (entry.result, entry.signature_valid, entry.payment, entry.status) == (R.ACCEPTED, True, payment, "COMPLETED")


def test_sha256_signature_is_accepted_too(payu, online_order, buyer, client):
    order_id = started(buyer, online_order, payu)
    assert notify(client, *payu.notification(order_id, "COMPLETED", algorithm="SHA-256")).status_code == 200
    assert Order.objects.get(pk=online_order.pk).paid_at is not None


def test_replayed_notification_is_recorded_once(payu, online_order, buyer, client):
    order_id = started(buyer, online_order, payu)
    body, header = payu.notification(order_id, "COMPLETED")
    assert notify(client, body, header).status_code == 200
    assert notify(client, body, header).status_code == 200  # PayU retries; a replay is answered 200 too
    late = notify(client, *payu.notification(order_id, "PENDING"))  # out of order: changes nothing
    assert late.status_code == 200
    assert list(PaymentNotification.objects.order_by("pk").values_list("result", flat=True)) == [R.ACCEPTED, R.DUPLICATE, R.DUPLICATE]
    assert paid_events(online_order) == 1
    assert OrderEvent.objects.filter(order=online_order, message__contains=order_id).count() == 1  # "Payment recorded"
    assert OnlinePayment.objects.get().status == P.COMPLETED


def test_pending_then_completed_moves_forward(payu, online_order, buyer, client):
    order_id = started(buyer, online_order, payu)
    notify(client, *payu.notification(order_id, "PENDING"))
    notify(client, *payu.notification(order_id, "WAITING_FOR_CONFIRMATION"))
    assert OnlinePayment.objects.get().status == P.WAITING
    assert Order.objects.get(pk=online_order.pk).paid_at is None
    notify(client, *payu.notification(order_id, "COMPLETED"))
    assert Order.objects.get(pk=online_order.pk).status == Order.Status.PLACED


def test_cancelled_payment_leaves_the_order_waiting_and_can_be_retried(payu, online_order, buyer, client):
    order_id = started(buyer, online_order, payu)
    assert notify(client, *payu.notification(order_id, "CANCELED")).status_code == 200
    order = Order.objects.get(pk=online_order.pk)
    assert order.status == Order.Status.AWAITING_PAYMENT and order.paid_at is None
    assert OnlinePayment.objects.get().status == P.CANCELED
    page = buyer.get(f"/pay/{order.pk}/return/?error=501")
    assert 'data-payment-state="failed"' in page.content.decode() and "pay-again" in page.content.decode()

    second = buyer.post(f"/pay/{order.pk}/")  # "Pay again"
    assert second.status_code == 302
    new_id = second["Location"].rsplit("=", 1)[1]
    assert new_id != order_id and payu.orders[new_id]["extOrderId"] == f"{order.number}-2"
    assert payu.token_requests == 1  # the OAuth token is cached
    notify(client, *payu.notification(new_id, "COMPLETED"))
    assert Order.objects.get(pk=order.pk).status == Order.Status.PLACED
    assert list(OnlinePayment.objects.order_by("pk").values_list("status", flat=True)) == [P.CANCELED, P.COMPLETED]


def test_forged_notification_is_rejected_and_logged(payu, online_order, buyer, client):
    order_id = started(buyer, online_order, payu)
    body, _header = payu.notification(order_id, "COMPLETED")
    forged = payu.notification(order_id, "COMPLETED", key="not-our-second-key")[1]
    assert notify(client, body, forged).status_code == 400
    assert notify(client, body, None).status_code == 400
    tampered_body = body.replace(b'"COMPLETED"', b'"COMPLETED" ')  # signed body changed in transit
    assert notify(client, tampered_body, _header).status_code == 400
    assert set(PaymentNotification.objects.values_list("result", "signature_valid")) == {(R.FORGED, False)}
    assert PaymentNotification.objects.count() == 3
    order = Order.objects.get(pk=online_order.pk)
    assert order.status == Order.Status.AWAITING_PAYMENT and order.paid_at is None
    assert OnlinePayment.objects.get().status == P.NEW


@pytest.mark.parametrize("changes", [{"total_amount": "1"}, {"currency": "EUR"}])
def test_wrong_amount_or_currency_is_not_applied(payu, online_order, buyer, client, changes):
    order_id = started(buyer, online_order, payu)
    assert notify(client, *payu.notification(order_id, "COMPLETED", **changes)).status_code == 200
    assert PaymentNotification.objects.get().result == R.AMOUNT_MISMATCH
    order = Order.objects.get(pk=online_order.pk)
    assert order.paid_at is None and order.status == Order.Status.AWAITING_PAYMENT
    assert OnlinePayment.objects.get().status == P.NEW
    assert OrderEvent.objects.filter(order=order, kind=OrderEvent.Kind.NOTE, message__contains=f"{order.number}-1").exists()  # for staff


def test_unknown_payment_is_logged_and_acknowledged(payu, online_order, buyer, client):
    order_id = started(buyer, online_order, payu)
    payu.orders["STRANGER1"] = {**payu.orders[order_id], "extOrderId": "SOMEONE-ELSE-1"}
    assert notify(client, *payu.notification("STRANGER1", "COMPLETED")).status_code == 200  # signed: retrying would not help
    assert PaymentNotification.objects.get().result == R.UNKNOWN_ORDER
    assert Order.objects.get(pk=online_order.pk).paid_at is None


def test_invalid_document_is_refused(payu, online_order, client):
    from backoffice.online_payments.signature import signature_header

    body = b'{"order": {"status": "COMPLETED"}}'
    assert notify(client, body, signature_header(body, payu.second_key, sender=payu.pos_id)).status_code == 400
    assert PaymentNotification.objects.get().result == R.INVALID


def test_gateway_down_leaves_the_order_waiting(payu, online_order, buyer, settings):
    settings.PAYU_BASE_URL = "http://127.0.0.1:9"  # nothing listens: connection refused
    response = start(buyer, online_order)
    assert response.status_code == 200 and 'data-payment-state="unavailable"' in response.content.decode()
    order = Order.objects.get(pk=online_order.pk)
    assert order.status == Order.Status.AWAITING_PAYMENT and order.paid_at is None
    assert set(OnlinePayment.objects.values_list("status", flat=True)) == {P.FAILED}
    assert "unreachable" in OnlinePayment.objects.first().error

    settings.PAYU_BASE_URL = payu.url  # back up: the buyer's retry works
    assert started(buyer, order, payu)


def test_gateway_refusal_is_a_clear_message(payu, online_order, buyer):
    payu.refuse_orders = True
    response = start(buyer, online_order)
    assert response.status_code == 200 and 'data-payment-state="unavailable"' in response.content.decode()
    payment = OnlinePayment.objects.get()
    assert payment.status == P.FAILED and "ERROR_INTERNAL" in payment.error


def test_second_click_reuses_the_open_gateway_order(payu, online_order, buyer):
    first = started(buyer, online_order, payu)
    assert started(buyer, online_order, payu) == first
    assert len(payu.orders) == 1 and OnlinePayment.objects.count() == 1


def test_return_page_never_marks_paid(payu, online_order, buyer):
    started(buyer, online_order, payu)
    page = buyer.get(f"/pay/{online_order.pk}/return/")
    assert 'data-payment-state="confirming"' in page.content.decode()
    assert Order.objects.get(pk=online_order.pk).paid_at is None


def test_paid_order_start_goes_to_the_return_page(payu, online_order, buyer, client):
    order_id = started(buyer, online_order, payu)
    notify(client, *payu.notification(order_id, "COMPLETED"))
    response = start(buyer, online_order)
    assert response.status_code == 302 and response["Location"] == f"/pay/{online_order.pk}/return/"
    assert 'data-payment-state="paid"' in buyer.get(response["Location"]).content.decode()


def test_handler_offer_action_and_info(payu, online_order, settings, buyer, client):
    handler = method_handler(PAYMENT, "online")
    with translation.override("en"):
        label, url = handler.order_action(online_order)
        assert (str(label), url) == ("Pay now", f"/pay/{online_order.pk}/")
        assert handler.next_url(online_order) == url
        assert "waits for your online payment" in handler.order_info(online_order)[0]
        order_id = started(buyer, online_order, payu)
        notify(client, *payu.notification(order_id, "COMPLETED"))
        order = Order.objects.get(pk=online_order.pk)
    with translation.override("en"):  # the requests above switched the language for their own responses
        assert handler.order_action(order) is None and handler.order_info(order) == ["Paid online."]


def test_not_offered_without_settings_or_currency(payu, settings):
    from types import SimpleNamespace

    handler = method_handler(PAYMENT, "online")
    ctx = SimpleNamespace(currency="PLN")
    assert handler.is_offered(ctx)
    assert not handler.is_offered(SimpleNamespace(currency="JPY"))
    settings.PAYU_SECOND_KEY = ""
    assert not handler.is_offered(ctx)


def test_minor_amount():
    assert minor_amount(Decimal("36.90"), "PLN") == "3690"
    assert minor_amount(Decimal("0.005"), "PLN") == "1"
    assert minor_amount(Decimal("1000"), "EUR") == "100000"
