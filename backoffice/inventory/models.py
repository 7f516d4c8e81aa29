"""Stock per warehouse (own and external supplier), synchronised from the ERP."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from backoffice.core.synced import ErpSynced


class Stock(ErpSynced):
    warehouse = models.ForeignKey("catalog.Warehouse", verbose_name=_("warehouse"), on_delete=models.CASCADE, related_name="stock", db_index=False)
    product = models.ForeignKey("catalog.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="stock")
    quantity = models.DecimalField(_("quantity (base unit)"), max_digits=14, decimal_places=3)
    next_delivery = models.DateField(_("next delivery"), null=True, blank=True)

    class Meta:
        verbose_name = _("stock level")
        verbose_name_plural = _("stock levels")
        constraints = [models.UniqueConstraint(fields=["warehouse", "product"], name="inventory_stock_unique")]

    def __str__(self):
        return f"{self.product_id}@{self.warehouse_id}: {self.quantity}"
