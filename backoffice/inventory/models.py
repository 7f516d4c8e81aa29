"""Stock per warehouse (own and external supplier), synchronised from the ERP."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatableModel, TranslatedFields

from backoffice.core.synced import ErpSynced


class Stock(ErpSynced):
    warehouse = models.ForeignKey("catalog.Warehouse", verbose_name=_("warehouse"), on_delete=models.CASCADE, related_name="stock", db_index=False)
    product = models.ForeignKey("catalog.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="stock")
    quantity = models.DecimalField(_("quantity (base unit)"), max_digits=14, decimal_places=3)
    # Promised to placed orders the ERP has not yet counted (orders/reservations.py); never written
    # by the ERP sync. Customers may buy quantity - reserved (S01).
    reserved = models.DecimalField(_("reserved for orders"), max_digits=14, decimal_places=3, default=0, editable=False)
    next_delivery = models.DateField(_("next delivery"), null=True, blank=True)

    class Meta:
        verbose_name = _("stock level")
        verbose_name_plural = _("stock levels")
        constraints = [models.UniqueConstraint(fields=["warehouse", "product"], name="inventory_stock_unique")]

    def __str__(self):
        return f"{self.product_id}@{self.warehouse_id}: {self.quantity}"


class StockDisplaySettings(models.Model):
    """S01/S02: how stock is shown to customers; a single row (pk=1), read with `current()`."""

    class Mode(models.TextChoices):
        UNITS = "units", _("exact quantity")
        RANGES = "ranges", _("ranges (e.g. \"a lot\")")

    mode = models.CharField(_("show stock as"), max_length=8, choices=Mode.choices, default=Mode.RANGES)
    restock_days_min = models.PositiveSmallIntegerField(
        _("restock lead time from (days)"),
        default=5,
        help_text=_("S02: planned availability of quantities above all stock when the ERP gives no delivery date."),
    )
    restock_days_max = models.PositiveSmallIntegerField(_("restock lead time to (days)"), default=7)

    class Meta:
        verbose_name = _("stock display settings")
        verbose_name_plural = _("stock display settings")

    def __str__(self):
        return str(_("Stock display settings"))

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.restock_days_max < self.restock_days_min:
            raise ValidationError({"restock_days_max": _("The upper bound cannot be lower than the lower bound.")})

    @classmethod
    def current(cls) -> "StockDisplaySettings":
        return cls.objects.filter(pk=1).first() or cls(pk=1)


class StockRange(TranslatableModel):
    """S01: stock up to `up_to` base units (inclusive) is shown as `label`; above the highest bound
    the highest range applies."""

    up_to = models.DecimalField(_("up to (units)"), max_digits=14, decimal_places=3, unique=True)
    translations = TranslatedFields(label=models.CharField(_("label"), max_length=60))

    class Meta:
        verbose_name = _("stock range")
        verbose_name_plural = _("stock ranges")
        ordering = ["up_to"]

    def __str__(self):
        return self.safe_translation_getter("label", any_language=True) or str(self.up_to)


class PresaleOffer(models.Model):
    """S07: a pre-sale / contracting product: sold before it is in stock, up to `sellable_quantity`
    base units, delivered from `planned_delivery_date`. Orders with it wait (Order.AWAITING_STOCK)
    until stock arrives; then the offer closes and they are released automatically."""

    product = models.OneToOneField("catalog.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="presale")
    planned_delivery_date = models.DateField(_("planned delivery date"))
    sellable_quantity = models.DecimalField(_("sellable quantity (base unit)"), max_digits=14, decimal_places=3)
    is_active = models.BooleanField(_("pre-sale open"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("pre-sale product")
        verbose_name_plural = _("pre-sale products")
        ordering = ["planned_delivery_date", "pk"]

    def __str__(self):
        return str(self.product)
