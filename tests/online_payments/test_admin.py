"""The Finance screens: payment attempts and the notification log, read-only."""
import pytest

from backoffice.core.roles import Role
from backoffice.online_payments.models import OnlinePayment, PaymentNotification

from .conftest import notify

pytestmark = pytest.mark.django_db


def test_admin_lists_and_details_are_read_only(payu, online_order, buyer, client, make_user):
    order_id = buyer.get(f"/pay/{online_order.pk}/")["Location"].rsplit("=", 1)[1]
    buyer.logout()
    notify(client, *payu.notification(order_id, "COMPLETED"))
    notify(client, b"{}", "sender=1;signature=00;algorithm=MD5")  # forged: logged without a payment
    client.force_login(make_user(Role.ADMIN))
    payments = client.get("/admin/online_payments/onlinepayment/?status__exact=completed")
    assert payments.status_code == 200 and online_order.number in payments.content.decode()
    log = client.get("/admin/online_payments/paymentnotification/?result__exact=forged")
    assert log.status_code == 200 and log.context["cl"].result_count == 1
    payment = OnlinePayment.objects.get()
    detail = client.get(f"/admin/online_payments/onlinepayment/{payment.pk}/change/")
    assert detail.status_code == 200 and order_id in detail.content.decode()
    assert client.get("/admin/online_payments/onlinepayment/add/").status_code == 403
    entry = PaymentNotification.objects.get(result="accepted")
    assert client.post(f"/admin/online_payments/paymentnotification/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert PaymentNotification.objects.count() == 2
