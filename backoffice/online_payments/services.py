"""F03: starting an online payment for an order and applying the gateway's notifications.

The order is marked paid only by a COMPLETED notification whose signature, payment id, amount
and currency all check out, through orders.payment_state.order_mark_paid (idempotent). The
buyer's return from the gateway never marks anything.
"""
import json
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from backoffice.core.money import quantize
from backoffice.orders.checkout import PaymentMethod
from backoffice.orders.models import Order, OrderEvent
from backoffice.orders.payment_state import PaymentSource, order_mark_paid
from backoffice.orders.status import order_log

from .models import BODY_MAX, OnlinePayment, PaymentNotification
from .payu import PayUConfig, PayUError, order_create, payu_config
from .signature import parse_signature_header, signature_valid

log = logging.getLogger(__name__)

P = OnlinePayment.Status
R = PaymentNotification.Result
PAYU_STATUSES = {"PENDING": P.PENDING, "WAITING_FOR_CONFIRMATION": P.WAITING, "COMPLETED": P.COMPLETED, "CANCELED": P.CANCELED}
REUSE_WITHIN = timedelta(minutes=15)  # a second click on "Pay now" goes to the same gateway page


def site_url() -> str:
    from django.conf import settings

    return settings.SITE_URL.rstrip("/")


def minor_amount(amount, currency: str) -> str:
    """PayU's totalAmount: the rounded amount in hundredths, as an integer string (PayU counts in
    hundredths even for currencies without subunits)."""
    return str(int(quantize(amount, currency) * 100))


def payment_due(order: Order) -> bool:
    return order.payment_method == PaymentMethod.ONLINE and order.status == Order.Status.AWAITING_PAYMENT and order.paid_at is None


def latest_payment(order: Order) -> OnlinePayment | None:
    return order.online_payments.order_by("-created_at", "-pk").first()


def order_document(*, config: PayUConfig, order: Order, payment: OnlinePayment, customer_ip: str, user) -> dict:
    """PayU's OrderCreateRequest for one payment attempt."""
    total = minor_amount(payment.amount, payment.currency)
    description = f"Zamówienie {order.number}"
    buyer = {"email": (getattr(user, "email", "") or order.company.email or "")[:255], "language": (order.language or "pl")[:2]}
    if getattr(user, "first_name", ""):
        buyer["firstName"] = user.first_name[:100]
    if getattr(user, "last_name", ""):
        buyer["lastName"] = user.last_name[:100]
    return {
        "notifyUrl": site_url() + reverse("orders:payu_notify"),
        "continueUrl": site_url() + reverse("orders:online_payment_return", args=[order.pk]),
        "customerIp": customer_ip or "127.0.0.1",
        "merchantPosId": config.pos_id,
        "description": description,
        "currencyCode": payment.currency,
        "totalAmount": total,
        "extOrderId": payment.ext_order_id,
        "buyer": {k: v for k, v in buyer.items() if v},
        # One summary line: the order's lines, shipping and fees are already in its gross total.
        "products": [{"name": description, "unitPrice": total, "quantity": "1"}],
    }


@dataclass(frozen=True)
class StartResult:
    payment: OnlinePayment | None
    redirect_uri: str = ""
    error: str = ""  # for the buyer, in the active language


def payment_start(*, order_id: int, user, customer_ip: str) -> StartResult:
    """Create a payment attempt at PayU and return where to send the buyer. On any gateway error
    the attempt is FAILED (logged) and the order keeps waiting for payment: the buyer may retry."""
    config = payu_config()
    if config is None:
        return StartResult(None, error=_("Online payment is not available at the moment. Please choose another way to pay or contact us."))
    with transaction.atomic():
        order = Order.objects.select_for_update().select_related("company").get(pk=order_id)
        if not payment_due(order):
            return StartResult(None, error=_("This order does not wait for an online payment."))
        recent = latest_payment(order)
        if (recent is not None and recent.status == P.NEW and recent.redirect_uri and recent.amount == order.gross
                and timezone.now() - recent.created_at < REUSE_WITHIN):
            return StartResult(recent, redirect_uri=recent.redirect_uri)
        attempt = order.online_payments.count() + 1
        payment = OnlinePayment.objects.create(order=order, provider=OnlinePayment.Provider.PAYU, ext_order_id=f"{order.number}-{attempt}",
                                               amount=quantize(order.gross, order.currency), currency=str(order.currency))
    # The gateway is called outside the transaction: no row lock is held while we wait for it.
    try:
        created = order_create(config, order_document(config=config, order=order, payment=payment, customer_ip=customer_ip, user=user))
    except PayUError as exc:
        log.warning("PayU order create failed for %s: %s", payment.ext_order_id, exc)
        payment.status, payment.error = P.FAILED, str(exc)[:500]
        payment.save(update_fields=["status", "error"])
        return StartResult(payment, error=_("The payment service could not be reached. Your order is saved and waits for payment: "
                                            "please try again in a moment."))
    OnlinePayment.objects.filter(pk=payment.pk, provider_order_id="").update(provider_order_id=created.order_id[:64],
                                                                              redirect_uri=created.redirect_uri[:1024])
    payment.refresh_from_db()
    return StartResult(payment, redirect_uri=created.redirect_uri)


@dataclass(frozen=True)
class NotifyOutcome:
    http_status: int
    result: str


def notification_receive(*, body: bytes, signature: str, remote_addr: str) -> NotifyOutcome:
    """Check and apply one PayU notification; every notification is logged.

    Answers: 400 for a forged or unreadable document (PayU retries; a forger learns nothing);
    200 for everything signed with our key, applied or not (unknown payment, amount mismatch,
    duplicate): PayU retries non-200 answers, and a retry would never change the outcome, so
    those are logged for staff instead."""
    config = payu_config()
    entry = PaymentNotification(remote_addr=remote_addr[:64], body=body.decode("utf-8", "replace")[:BODY_MAX],
                                signature_header=signature[:500])
    if config is None or not signature_valid(body, signature, config.second_key):
        entry.result = R.FORGED
        entry.save()
        log.warning("PayU notification with a bad signature from %s (%s)", remote_addr, (parse_signature_header(signature) or {}).get("sender"))
        return NotifyOutcome(400, entry.result)
    entry.signature_valid = True
    try:
        document = json.loads(body)
        data = document["order"]
        ext_order_id, reported = str(data["extOrderId"]), str(data["status"])
    except (ValueError, KeyError, TypeError):
        entry.result = R.INVALID
        entry.save()
        return NotifyOutcome(400, entry.result)
    entry.status = reported[:32]
    status = PAYU_STATUSES.get(reported)
    with transaction.atomic():
        payment = OnlinePayment.objects.select_for_update().filter(provider=OnlinePayment.Provider.PAYU, ext_order_id=ext_order_id).first()
        provider_id = str(data.get("orderId") or "")
        if payment is None or (payment.provider_order_id and provider_id and payment.provider_order_id != provider_id):
            entry.result = R.UNKNOWN_ORDER
            entry.payment = payment
            entry.save()
            log.warning("PayU notification for an unknown payment %s / %s", ext_order_id, provider_id)
            return NotifyOutcome(200, entry.result)
        entry.payment = payment
        if status is None:
            entry.result = R.INVALID
        elif str(data.get("totalAmount")) != minor_amount(payment.amount, payment.currency) or data.get("currencyCode") != payment.currency:
            entry.result = R.AMOUNT_MISMATCH
            order_log(order=payment.order, kind=OrderEvent.Kind.NOTE, message=_(
                "The payment gateway reported %(amount)s %(currency)s (%(status)s) for payment %(payment)s, which does not match the "
                "order: not applied, check it.") % {"amount": data.get("totalAmount"), "currency": data.get("currencyCode"),
                                                    "status": reported, "payment": payment.ext_order_id})
            log.warning("PayU notification amount mismatch for %s: %s %s", ext_order_id, data.get("totalAmount"), data.get("currencyCode"))
        elif OnlinePayment.RANK[status] <= OnlinePayment.RANK[payment.status]:
            entry.result = R.DUPLICATE
        else:
            entry.result = R.ACCEPTED
            _apply(payment, status, provider_id)
        entry.save()
    return NotifyOutcome(200, entry.result)


def _apply(payment: OnlinePayment, status: str, provider_id: str) -> None:
    payment.status = status
    fields = ["status"]
    if provider_id and not payment.provider_order_id:
        payment.provider_order_id, fields = provider_id[:64], [*fields, "provider_order_id"]
    if status == P.COMPLETED:
        payment.completed_at, fields = timezone.now(), [*fields, "completed_at"]
    payment.save(update_fields=fields)
    reference = payment.provider_order_id or payment.ext_order_id
    if status == P.COMPLETED:
        recorded = order_mark_paid(order_id=payment.order_id, source=PaymentSource.GATEWAY, reference=reference)
        order = Order.objects.get(pk=payment.order_id)
        if not recorded and order.status != Order.Status.CANCELLED and order.payment_reference != reference:
            # Paid twice (two attempts, or also by transfer): staff refund one of them.
            order_log(order=order, kind=OrderEvent.Kind.NOTE, message=_(
                "A second payment (%(reference)s) was reported for this already paid order: refund it.") % {"reference": reference})
    elif status == P.CANCELED:
        order_log(order=payment.order, kind=OrderEvent.Kind.NOTE,
                  message=_("Online payment %(payment)s was cancelled; the order still waits for payment.") % {"payment": payment.ext_order_id})
