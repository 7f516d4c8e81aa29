"""F02: bank-transfer prepayment: offered only with an account for the currency; the order waits for
the money (no ERP hand-off), the buyer gets the instructions (page and email); staff mark it paid
(list and order page), once; unpaid orders are cancelled after the configured days."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from backoffice.orders.checkout_methods import PAYMENT, MethodContext, methods_offered
from backoffice.orders.models import ErpHandoff, Order, OrderEvent, StockReservation
from backoffice.payments.bank_transfer import HANDLER
from backoffice.payments.iban import iban_display, iban_normalize, validate_iban
from backoffice.payments.models import PaymentSettings
from backoffice.payments.unpaid import SCHEDULE_NAME, unpaid_orders_cancel, unpaid_schedule_ensure
from tests.checkout.test_views import form_data

from .conftest import PLN_IBAN, TODAY, configure_bank_transfer, fill, place

pytestmark = pytest.mark.django_db
S = Order.Status


def offered_codes(world, currency="PLN"):
    ctx = MethodContext(company=world.company, user=world.user, view=None, currency=currency, goods_net=Decimal("10"),
                        goods_gross=Decimal("12.30"), today=TODAY)
    return [m.code for m in methods_offered(PAYMENT, ctx).offered]


def test_offered_only_with_an_account_for_the_currency(world):
    assert "bank_transfer" not in offered_codes(world)
    configure_bank_transfer()
    assert "bank_transfer" in offered_codes(world) and "bank_transfer" not in offered_codes(world, "EUR")
    configure_bank_transfer(eur=True)
    assert "bank_transfer" in offered_codes(world, "EUR")
    configure_bank_transfer(iban="", currency="PLN")
    assert "bank_transfer" not in offered_codes(world) and "bank_transfer" in offered_codes(world, "EUR")


@pytest.mark.parametrize("value, ok", [
    ("PL61 1090 1014 0000 0712 1981 2874", True),
    ("pl61109010140000071219812874", True),
    ("PL62 1090 1014 0000 0712 1981 2874", False),  # check digits
    ("PL61 1090 1014 0000 0712 1981 287", False),  # a digit short
    ("DE89 3704 0044 0532 0130 00", True),
    ("NO93 8601 1117 947", True),  # a country without a length on our list: the generic rule
    ("NO94 8601 1117 947", False),
    ("1090 1014 0000 0712 1981 2874", False),
    ("", False),
])
def test_iban_validation(value, ok):
    if ok:
        validate_iban(value)
    else:
        with pytest.raises(ValidationError):
            validate_iban(value)


def test_settings_normalise_the_iban_and_check_the_title():
    row = PaymentSettings(pk=1, iban="pl61 1090-1014 0000 0712 1981 2874", transfer_title="Zapłata")
    with pytest.raises(ValidationError) as info:
        row.full_clean()
    assert set(info.value.message_dict) == {"transfer_title"}
    row.transfer_title = "Zamówienie {number}"
    row.full_clean()
    assert row.iban == "PL61109010140000071219812874" and row.iban_display == iban_display(PLN_IBAN)
    assert iban_normalize(row.iban_display) == row.iban


def test_order_waits_for_the_money_with_instructions(cart, world, shop, bank_account):
    fill(cart, world.user, (shop.bit, "3"))
    order = place(cart, world.user, shop, payment_method="bank_transfer")
    assert order.status == S.AWAITING_PAYMENT and order.paid_at is None
    assert not ErpHandoff.objects.filter(order=order).exists()  # nothing reaches the ERP before the money
    assert StockReservation.objects.filter(order=order).exists()  # the goods are kept meanwhile
    with translation.override("en"):
        info = "\n".join(HANDLER.order_info(order))
    assert "36.90 PLN" in info and iban_display(PLN_IBAN) in info and "Bank Testowy" in info
    assert f"Transfer title: Zamówienie {order.number}" in info and "Hurtownia Testowa Sp. z o.o., ul. Bankowa 1 00-950 Warszawa" in info


def test_instructions_on_the_placed_page_and_in_the_email(shopper, cart, world, shop, bank_account, django_capture_on_commit_callbacks):
    fill(cart, world.user, (shop.bit, "3"))
    page = shopper.get("/checkout/")
    with django_capture_on_commit_callbacks(execute=True):
        response = shopper.post("/checkout/", form_data(page, shop, payment_method="bank_transfer"))
    order = Order.objects.get()
    assert order.status == S.AWAITING_PAYMENT and response.status_code == 302
    html = shopper.get(response["Location"]).content.decode()
    assert 'class="method-info"' in html and iban_display(PLN_IBAN) in html and f"Zamówienie {order.number}" in html
    email = next(m for m in mail.outbox if order.number in m.subject)
    assert iban_display(PLN_IBAN) in email.body and f"Zamówienie {order.number}" in email.body
    assert iban_display(PLN_IBAN) in email.alternatives[0][0]


def test_eur_order_gets_the_eur_account(world):
    row = configure_bank_transfer(eur=True)
    order = Order(company=world.company, number="B2B/2026/000123", currency="EUR", gross=Decimal("99.00"), status=S.AWAITING_PAYMENT)
    with translation.override("en"):
        info = "\n".join(HANDLER.order_info(order))
    assert row.accounts.get().iban_display in info and "SWIFT/BIC: WBKPPLPP" in info and "99.00 EUR" in info


def test_staff_mark_paid_from_the_list_once(client, staff, cart, world, shop, bank_account, django_capture_on_commit_callbacks):
    fill(cart, world.user, (shop.bit, "3"))
    order = place(cart, world.user, shop, payment_method="bank_transfer")
    other = place(cart, world.user, shop, payment_method="cod") if fill(cart, world.user, (shop.bit, "1")) else None
    user = staff("admin")
    url = reverse("admin:orders_order_changelist")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "mark_paid", "_selected_action": [order.pk, other.pk]}, follow=True)
    order.refresh_from_db()
    assert order.status in (S.PLACED, S.SENT) and order.paid_at is not None  # SENT: the hand-off went out after commit
    assert ErpHandoff.objects.filter(order=order).exists()
    texts = [str(m) for m in response.context["messages"]]
    assert "Orders marked as paid and sent on: 1." in texts and "Orders not awaiting a prepayment, left as they were: 1." in texts
    assert order.events.filter(kind=OrderEvent.Kind.STATUS, status_to=S.PLACED, user=user).exists()
    assert any(order.number in m.subject for m in mail.outbox)  # the buyer hears the money is in
    events, handoffs = order.events.count(), ErpHandoff.objects.count()
    client.post(url, {"action": "mark_paid", "_selected_action": [order.pk]}, follow=True)
    assert (order.events.count(), ErpHandoff.objects.count()) == (events, handoffs)  # twice changes nothing
    response = client.get(url, {"payment": "paid"})
    assert [o.pk for o in response.context["cl"].result_list] == [order.pk]
    with translation.override("en"):
        assert HANDLER.order_info(Order.objects.get(pk=order.pk))[0].startswith("Paid on ")


def test_staff_mark_paid_on_the_order_page(client, staff, cart, world, shop, bank_account):
    fill(cart, world.user, (shop.bit, "3"))
    order = place(cart, world.user, shop, payment_method="bank_transfer")
    staff("sales_manager")
    url = reverse("admin:orders_order_mark_paid_detail", args=(order.pk,))
    change = reverse("admin:orders_order_change", args=(order.pk,))
    assert url in client.get(change).content.decode()
    assert client.get(url).status_code == 200 and Order.objects.get(pk=order.pk).paid_at is None  # GET only asks
    response = client.post(url, {"reference": "WB 12/2026 poz. 4"})
    assert response.status_code == 302 and response["Location"] == change
    order.refresh_from_db()
    assert order.status == S.PLACED and order.payment_reference == "WB 12/2026 poz. 4"
    assert url not in client.get(change).content.decode()  # nothing left to mark


def test_sales_reps_do_not_book_payments(client, staff, cart, world, shop, bank_account):
    fill(cart, world.user, (shop.bit, "3"))
    order = place(cart, world.user, shop, payment_method="bank_transfer")
    rep = staff("sales_rep")
    world.company.sales_rep = rep
    world.company.save(update_fields=["sales_rep"])
    client.post(reverse("admin:orders_order_changelist"), {"action": "mark_paid", "_selected_action": [order.pk]})
    assert client.post(reverse("admin:orders_order_mark_paid_detail", args=(order.pk,))).status_code in (302, 403)
    assert Order.objects.get(pk=order.pk).status == S.AWAITING_PAYMENT


def test_unpaid_orders_are_cancelled_after_the_configured_days(cart, world, shop, bank_account):
    fill(cart, world.user, (shop.bit, "3"))
    old = place(cart, world.user, shop, payment_method="bank_transfer")
    fill(cart, world.user, (shop.bit, "2"))
    fresh = place(cart, world.user, shop, payment_method="bank_transfer")
    Order.objects.filter(pk=old.pk).update(placed_at=timezone.now() - timedelta(days=15), status_changed_at=timezone.now() - timedelta(days=15))
    assert unpaid_orders_cancel() == []  # no setting: never
    bank_account.cancel_unpaid_after_days = 14
    bank_account.save()
    assert unpaid_orders_cancel() == [old.number]
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.status == S.CANCELLED and fresh.status == S.AWAITING_PAYMENT
    assert not StockReservation.objects.filter(order=old, released_at__isnull=True).exists()
    assert unpaid_orders_cancel() == []
    unpaid_schedule_ensure()
    unpaid_schedule_ensure()
    from django_q.models import Schedule

    assert Schedule.objects.filter(name=SCHEDULE_NAME).count() == 1


def test_admin_edits_the_settings_with_a_checked_iban(client, staff):
    staff("admin")
    response = client.get(reverse("admin:payments_paymentsettings_changelist"))
    url = reverse("admin:payments_paymentsettings_change", args=(1,))
    assert response.status_code == 302 and response["Location"] == url
    assert client.get(url).status_code == 200
    data = {"beneficiary_name": "Hurtownia", "beneficiary_address": "", "currency": "PLN", "iban": "PL62 1090 1014 0000 0712 1981 2874",
            "bank_name": "", "swift": "", "transfer_title": "Zamówienie {number}", "cancel_unpaid_after_days": "7",
            "cod_max_gross": "", "cod_max_currency": "PLN", "accounts-TOTAL_FORMS": "0", "accounts-INITIAL_FORMS": "0",
            "accounts-MIN_NUM_FORMS": "0", "accounts-MAX_NUM_FORMS": "1000"}
    response = client.post(url, data)
    assert response.status_code == 200 and "iban" in response.context["adminform"].form.errors
    assert PaymentSettings.current().iban == ""
    response = client.post(url, {**data, "iban": "PL61 1090 1014 0000 0712 1981 2874"})
    assert response.status_code == 302
    row = PaymentSettings.current()
    assert row.iban == PLN_IBAN and row.cancel_unpaid_after_days == 7
    from django_q.models import Schedule

    assert Schedule.objects.filter(name=SCHEDULE_NAME).exists()


def test_unpaid_wait_counts_from_when_the_order_started_awaiting_payment(cart, world, shop, bank_account):
    """An order placed long ago but awaiting payment only since yesterday (e.g. approved late by a
    distributor) gets the full time."""
    fill(cart, world.user, (shop.bit, "3"))
    order = place(cart, world.user, shop, payment_method="bank_transfer")
    Order.objects.filter(pk=order.pk).update(placed_at=timezone.now() - timedelta(days=20), status_changed_at=timezone.now() - timedelta(days=1))
    bank_account.cancel_unpaid_after_days = 14
    bank_account.save()
    assert unpaid_orders_cancel() == []
