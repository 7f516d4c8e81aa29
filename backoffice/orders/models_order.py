"""Orders: a snapshot of what was bought at which price, its status history, shipments, the stock
it reserved and its hand-off to the ERP (outbox)."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from djmoney.models.fields import CurrencyField

MONEY = {"max_digits": 14, "decimal_places": 2, "default": 0}
QTY = {"max_digits": 14, "decimal_places": 3}


class Order(models.Model):
    class Status(models.TextChoices):
        AWAITING_APPROVAL = "awaiting_approval", _("awaiting distributor approval")
        AWAITING_PAYMENT = "awaiting_payment", _("awaiting payment")
        AWAITING_STOCK = "awaiting_stock", _("pre-sale: awaiting stock")
        PLACED = "placed", _("placed")
        SENT = "sent", _("sent to the ERP")
        ACCEPTED = "accepted", _("accepted")
        ON_HOLD = "on_hold", _("on hold")
        IN_PROGRESS = "in_progress", _("in progress")
        SHIPPED = "shipped", _("shipped")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    # The state machine (orders/status.py applies it and records an OrderEvent per change).
    # ERP statuses (F09) may follow each other in any order the ERP reports them.
    ERP_STATUSES = frozenset({Status.ACCEPTED, Status.ON_HOLD, Status.IN_PROGRESS, Status.SHIPPED, Status.COMPLETED, Status.CANCELLED})
    TRANSITIONS: dict[str, frozenset[str]] = {
        Status.AWAITING_APPROVAL: frozenset({Status.PLACED, Status.AWAITING_PAYMENT, Status.AWAITING_STOCK, Status.CANCELLED}),
        Status.AWAITING_PAYMENT: frozenset({Status.PLACED, Status.AWAITING_STOCK, Status.CANCELLED}),
        Status.AWAITING_STOCK: frozenset({Status.PLACED, Status.CANCELLED}),
        Status.PLACED: frozenset({Status.SENT, Status.CANCELLED, *ERP_STATUSES}),
        Status.SENT: ERP_STATUSES,
        Status.ACCEPTED: ERP_STATUSES - {Status.ACCEPTED},
        Status.ON_HOLD: ERP_STATUSES - {Status.ON_HOLD},
        Status.IN_PROGRESS: ERP_STATUSES - {Status.IN_PROGRESS},
        Status.SHIPPED: frozenset({Status.COMPLETED, Status.CANCELLED}),
        Status.COMPLETED: frozenset(),
        Status.CANCELLED: frozenset(),
    }

    class Source(models.TextChoices):
        PLATFORM = "platform", _("B2B platform")
        ERP = "erp", _("ERP")

    class ShippingPreference(models.TextChoices):
        COMPLETE = "complete", _("ship complete (later)")
        SPLIT = "split", _("split into shipments")

    number = models.CharField(_("number"), max_length=32, unique=True, null=True, blank=True)
    company = models.ForeignKey("accounts.Company", verbose_name=_("customer"), on_delete=models.PROTECT, related_name="orders")
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("placed by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="orders_placed"
    )
    acting_rep = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("placed by the sales rep"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders_placed_for_customers",
    )
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.PLATFORM)
    erp_id = models.CharField(_("ERP id"), max_length=64, unique=True, null=True, blank=True)
    erp_number = models.CharField(_("ERP document number"), max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.PLACED, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    placed_at = models.DateTimeField(_("placed at"), default=timezone.now)
    language = models.CharField(_("language"), max_length=8, default="pl")

    currency = CurrencyField(_("currency"), default="PLN")
    net = models.DecimalField(_("net"), **MONEY)
    vat = models.DecimalField(_("VAT"), **MONEY)
    gross = models.DecimalField(_("gross"), **MONEY)
    order_discount_percent = models.DecimalField(_("order discount %"), max_digits=5, decimal_places=2, default=0)
    order_discount = models.DecimalField(_("order discount"), **MONEY)
    shipping_net = models.DecimalField(_("shipping (net)"), **MONEY)
    payment_fee_net = models.DecimalField(_("payment fee (net)"), **MONEY)
    charges_vat_rate = models.DecimalField(_("VAT rate of shipping and fees (%)"), max_digits=5, decimal_places=2, default=23)
    charges = models.JSONField(_("shipping and fees, itemised"), default=list, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=128, blank=True)
    payment_check_required = models.BooleanField(
        _("check payments"), default=False,
        help_text=_("F16/F17: the customer could not buy on terms (credit limit or overdue payments); the ERP document says so."),
    )
    pricing_rules = models.JSONField(_("order-level price rules"), default=list, blank=True)

    delivery_address = models.ForeignKey(
        "accounts.Address", verbose_name=_("delivery address"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    delivery_name = models.CharField(_("recipient"), max_length=255, blank=True)
    delivery_street = models.CharField(_("street and number"), max_length=255, blank=True)
    delivery_postal_code = models.CharField(_("postal code"), max_length=16, blank=True)
    delivery_city = models.CharField(_("city"), max_length=128, blank=True)
    delivery_country = CountryField(_("country"), default="PL")
    delivery_phone = models.CharField(_("phone"), max_length=32, blank=True)
    requested_delivery_date = models.DateField(_("requested delivery date"), null=True, blank=True)
    customer_reference = models.CharField(_("your order number (PO)"), max_length=64, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    delivery_method = models.CharField(_("delivery method"), max_length=32, blank=True)
    payment_method = models.CharField(_("payment method"), max_length=32, blank=True)
    shipping_preference = models.CharField(_("shipping"), max_length=16, choices=ShippingPreference.choices, blank=True)
    is_presale = models.BooleanField(_("pre-sale order"), default=False, db_index=True)
    # A11: an end customer's order, snapshot at placing. The ERP sells to the distributor (the
    # document's payer) at the distributor's own prices; margin = net - distributor_net.
    distributor = models.ForeignKey(
        "accounts.Company", verbose_name=_("distributor"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="end_customer_orders", help_text=_("Set when an end customer of this distributor placed the order."),
    )
    distributor_net = models.DecimalField(_("net at the distributor's prices"), max_digits=14, decimal_places=2, null=True, blank=True)
    distributor_vat = models.DecimalField(_("VAT at the distributor's prices"), max_digits=14, decimal_places=2, null=True, blank=True)
    distributor_gross = models.DecimalField(_("gross at the distributor's prices"), max_digits=14, decimal_places=2, null=True, blank=True)
    distributor_order_discount = models.DecimalField(_("distributor's order discount"), max_digits=14, decimal_places=2, null=True, blank=True)
    distributor_order_discount_percent = models.DecimalField(_("distributor's order discount (percent)"), max_digits=5, decimal_places=2, null=True,
                                                             blank=True)
    idempotency_key = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-placed_at", "-pk"]
        indexes = [models.Index(fields=["company", "-placed_at"], name="orders_company_placed")]
        constraints = [
            models.UniqueConstraint(fields=["company", "idempotency_key"], condition=~Q(idempotency_key=""), name="orders_order_idempotent")
        ]

    def __str__(self):
        return self.number or self.erp_number or f"#{self.pk}"

    def may_become(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, frozenset())


class OrderLine(models.Model):
    """A product line with the price it was sold at (never recomputed). Lines split from a bundle
    (C10) carry the bundle and its code."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField(_("position"), default=0)
    product = models.ForeignKey("catalog.Product", verbose_name=_("product"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sku = models.CharField(_("SKU"), max_length=64)
    name = models.CharField(_("name"), max_length=255)
    unit = models.CharField(_("unit"), max_length=16, blank=True)
    quantity = models.DecimalField(_("quantity"), **QTY)
    base_quantity = models.DecimalField(_("quantity (base unit)"), **QTY)
    unit_net = models.DecimalField(_("unit price (net)"), max_digits=14, decimal_places=4)
    vat_rate = models.DecimalField(_("VAT rate %"), max_digits=5, decimal_places=2)
    line_net = models.DecimalField(_("net"), **MONEY)
    line_gross = models.DecimalField(_("gross"), **MONEY)
    rules = models.JSONField(_("price rules applied"), default=list, blank=True)
    bundle = models.ForeignKey("pricing.Bundle", verbose_name=_("bundle"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    bundle_code = models.CharField(_("from bundle"), max_length=64, blank=True)
    warehouse = models.ForeignKey(
        "catalog.Warehouse", verbose_name=_("ships from"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_presale = models.BooleanField(_("pre-sale"), default=False)
    # A11: the distributor's own price of the line (end-customer orders only; the ERP gets these).
    distributor_unit_net = models.DecimalField(_("distributor's unit price (net)"), max_digits=14, decimal_places=4, null=True, blank=True)
    distributor_line_net = models.DecimalField(_("net at the distributor's price"), max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["order", "position", "pk"]
        indexes = [models.Index(fields=["product", "order"], name="orders_line_product")]

    def __str__(self):
        return f"{self.sku} x {self.quantity}"


class OrderEvent(models.Model):
    """What happened to an order and who did it: status changes, hand-off attempts, emails, notes."""

    class Kind(models.TextChoices):
        STATUS = "status", _("status change")
        HANDOFF = "handoff", _("ERP hand-off")
        EMAIL = "email", _("email sent")
        NOTE = "note", _("note")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status_from = models.CharField(_("from"), max_length=24, blank=True)
    status_to = models.CharField(_("to"), max_length=24, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    message = models.TextField(_("message"), blank=True)

    class Meta:
        verbose_name = _("order event")
        verbose_name_plural = _("order events")
        ordering = ["created_at", "pk"]


class OrderShipment(models.Model):
    """L04: a parcel of the order with the tracking number the ERP reported."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="shipments")
    tracking_number = models.CharField(_("tracking number"), max_length=64)
    carrier = models.CharField(_("carrier"), max_length=64, blank=True)
    shipped_at = models.DateTimeField(_("shipped at"), null=True, blank=True)

    class Meta:
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["order", "tracking_number"], name="orders_shipment_unique")]

    def __str__(self):
        return self.tracking_number


class StockReservation(models.Model):
    """Stock promised to a placed order until the ERP's stock figures include it (released then).
    Available to sell = ERP stock - open reservations (S01)."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="reservations")
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="+")
    warehouse = models.ForeignKey("catalog.Warehouse", on_delete=models.CASCADE, related_name="+")
    quantity = models.DecimalField(_("quantity (base unit)"), **QTY)
    created_at = models.DateTimeField(default=timezone.now)
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("stock reservation")
        verbose_name_plural = _("stock reservations")
        indexes = [models.Index(fields=["product", "warehouse"], condition=Q(released_at__isnull=True), name="orders_reservation_open")]


class ErpHandoff(models.Model):
    """F05/S04 outbox: one "customer order" document per order part (warehouse), delivered to the
    ERP by a django-q2 task with retries; `dedup_key` is stable so the ERP can ignore repeats."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("being delivered")
        SENT = "sent", _("delivered")
        FAILED = "failed", _("failed (retrying)")
        GAVE_UP = "gave_up", _("failed (needs staff)")

    order = models.ForeignKey(Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="handoffs")
    dedup_key = models.CharField(_("document key"), max_length=96, unique=True)
    warehouse = models.ForeignKey(
        "catalog.Warehouse", verbose_name=_("warehouse"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    document = models.JSONField(_("document"), default=dict)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("ERP hand-off")
        verbose_name_plural = _("ERP hand-offs")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.dedup_key
