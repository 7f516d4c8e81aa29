"""F03: online payment attempts at a gateway (PayU) and the log of every notification received.

An order may have several attempts (the buyer cancelled at the gateway and tried again); each
has our own id sent to the gateway (ext_order_id) and the gateway's id (provider_order_id).
The order itself is marked paid only through orders.payment_state.order_mark_paid.
"""
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 14, "decimal_places": 2}
BODY_MAX = 8000  # characters of a notification body kept in the log


class OnlinePayment(models.Model):
    class Provider(models.TextChoices):
        PAYU = "payu", "PayU"

    class Status(models.TextChoices):
        NEW = "new", _("new")  # the gateway's order is created, the buyer was sent to pay
        PENDING = "pending", _("pending")
        WAITING = "waiting", _("waiting for confirmation")
        COMPLETED = "completed", _("completed")
        CANCELED = "canceled", _("canceled")
        FAILED = "failed", _("failed")  # the gateway refused or could not be reached

    # Statuses only move forward: a late PENDING after COMPLETED changes nothing. FAILED (we could
    # not create the gateway's order) is lowest: PayU may still report an order it did create.
    # COMPLETED outranks CANCELED: money reported taken is never ignored.
    RANK = {Status.FAILED: 0, Status.NEW: 1, Status.PENDING: 2, Status.WAITING: 3, Status.CANCELED: 4, Status.COMPLETED: 5}

    order = models.ForeignKey("orders.Order", verbose_name=_("order"), on_delete=models.PROTECT, related_name="online_payments")
    provider = models.CharField(_("provider"), max_length=16, choices=Provider.choices, default=Provider.PAYU)
    ext_order_id = models.CharField(_("our payment id"), max_length=64, unique=True)
    provider_order_id = models.CharField(_("gateway order id"), max_length=64, blank=True, db_index=True)
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NEW, db_index=True)
    redirect_uri = models.URLField(_("gateway payment page"), max_length=1024, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("online payment")
        verbose_name_plural = _("online payments")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.ext_order_id


class PaymentNotification(models.Model):
    """Every notification the gateway sent, whatever came of it (forged ones too)."""

    class Result(models.TextChoices):
        ACCEPTED = "accepted", _("accepted")
        DUPLICATE = "duplicate", _("duplicate or outdated")
        FORGED = "forged", _("forged (bad signature)")
        UNKNOWN_ORDER = "unknown_order", _("unknown payment")
        AMOUNT_MISMATCH = "amount_mismatch", _("amount or currency mismatch")
        INVALID = "invalid", _("invalid document")

    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    provider = models.CharField(_("provider"), max_length=16, choices=OnlinePayment.Provider.choices, default=OnlinePayment.Provider.PAYU)
    remote_addr = models.CharField(_("sender address"), max_length=64, blank=True)
    body = models.TextField(_("body"), blank=True)
    signature_header = models.CharField(_("signature header"), max_length=500, blank=True)
    signature_valid = models.BooleanField(_("signature valid"), default=False)
    status = models.CharField(_("reported status"), max_length=32, blank=True)
    result = models.CharField(_("result"), max_length=16, choices=Result.choices, db_index=True)
    payment = models.ForeignKey(OnlinePayment, verbose_name=_("online payment"), null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="notifications")

    class Meta:
        verbose_name = _("payment notification")
        verbose_name_plural = _("payment notifications")
        ordering = ["-received_at", "-pk"]

    def __str__(self):
        return f"{self.get_provider_display()} {self.received_at:%Y-%m-%d %H:%M:%S} {self.result}"
