"""F09/L04: what the ERP reports about its order documents (contract file order_statuses.jsonl).

One row per ERP document: a part of a platform order (S04 splits an order per warehouse, each part
is its own ERP document) or an order that exists only in the ERP (ERP-mirror variant). The order's
own status is derived from the statuses of its documents (orders/erp_statuses.py).
"""
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models_order import ErpHandoff, Order


class ErpOrderDocument(models.Model):
    # The statuses an ERP reports are the order's own ERP statuses (Order.ERP_STATUSES).
    STATUS_CHOICES = [(status.value, status.label) for status in Order.Status if status in Order.ERP_STATUSES]

    erp_id = models.CharField(_("ERP id"), max_length=64, unique=True)
    erp_number = models.CharField(_("ERP document number"), max_length=64, blank=True)
    order = models.ForeignKey(Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="erp_documents")
    handoff = models.ForeignKey(
        ErpHandoff, verbose_name=_("hand-off"), null=True, blank=True, on_delete=models.SET_NULL, related_name="erp_documents"
    )
    status = models.CharField(_("ERP status"), max_length=16, choices=STATUS_CHOICES)
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)
    erp_hash = models.CharField(_("ERP record digest"), max_length=32, blank=True, editable=False, db_index=True)

    class Meta:
        verbose_name = _("ERP order document")
        verbose_name_plural = _("ERP order documents")
        ordering = ["order", "erp_number", "pk"]

    def __str__(self):
        return self.erp_number or self.erp_id
