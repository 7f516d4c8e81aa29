"""Who may pay which order, and the public notification URL (signature only)."""
import pytest

from backoffice.core.roles import Role
from backoffice.online_payments.models import OnlinePayment, PaymentNotification
from backoffice.orders.models import Order

from .conftest import notify

pytestmark = pytest.mark.django_db


def test_another_companys_order_is_404(payu, online_order, client, make_user):
    client.force_login(make_user(Role.CUSTOMER))  # a buyer of another company
    assert client.get(f"/pay/{online_order.pk}/").status_code == 404
    assert client.post(f"/pay/{online_order.pk}/").status_code == 404
    assert client.get(f"/pay/{online_order.pk}/return/").status_code == 404
    assert not OnlinePayment.objects.exists() and not payu.orders


def test_order_paid_another_way_is_404(payu, online_order, buyer):
    Order.objects.filter(pk=online_order.pk).update(payment_method="bank_transfer")
    assert buyer.get(f"/pay/{online_order.pk}/").status_code == 404


def test_anonymous_buyer_must_log_in(payu, online_order, client):
    response = client.get(f"/pay/{online_order.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_anonymous_notification_only_with_a_valid_signature(payu, online_order, buyer, client):
    order_id = buyer.get(f"/pay/{online_order.pk}/")["Location"].rsplit("=", 1)[1]
    buyer.logout()
    body, header = payu.notification(order_id, "COMPLETED")
    assert notify(client, body, "sender=1;signature=00;algorithm=MD5").status_code == 400  # no login wall, but no signature
    assert Order.objects.get(pk=online_order.pk).paid_at is None
    assert notify(client, body, header).status_code == 200
    assert Order.objects.get(pk=online_order.pk).paid_at is not None
    assert list(PaymentNotification.objects.order_by("pk").values_list("result", flat=True)) == ["forged", "accepted"]


def test_notification_url_refuses_get(client, payu):
    assert client.get("/pay/payu/notify/").status_code == 405


def test_without_payu_settings_every_notification_is_refused(payu, online_order, buyer, client, settings):
    order_id = buyer.get(f"/pay/{online_order.pk}/")["Location"].rsplit("=", 1)[1]
    body, header = payu.notification(order_id, "COMPLETED")
    settings.PAYU_SECOND_KEY = ""
    assert notify(client, body, header).status_code == 400
    assert Order.objects.get(pk=online_order.pk).paid_at is None
