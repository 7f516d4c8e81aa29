"""S07: the back office's own screen for pre-sale orders waiting for stock (admin_presale.py)."""
from django.utils.translation import gettext_lazy as _

from .models_order import Order


class PresaleOrder(Order):
    """Orders of a pre-sale product (Order.is_presale) still waiting for the goods: a proxy, so the
    waiting orders get their own place in the Orders section without a table of their own."""

    class Meta:
        proxy = True
        verbose_name = _("pre-sale order")
        verbose_name_plural = _("pre-sale orders")
