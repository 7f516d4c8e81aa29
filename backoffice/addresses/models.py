"""A07/A08/A09: shipping addresses customers add, their approval policy.

The Address model itself lives in accounts (ERP addresses and customers' own share one table and
one checkout selector); this app holds the installation's default policy and the services."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class AddressSettings(models.Model):
    """One row (pk=1): the policy for companies without a customer group. Companies in a group follow
    the group's "shipping addresses need approval" flag (Pricing > Customer groups)."""

    default_needs_approval = models.BooleanField(
        _("new shipping addresses need approval"),
        default=True,
        help_text=_("For companies without a customer group. Dropshipping companies never wait: their addresses are one-off and usable at once."),
    )

    class Meta:
        verbose_name = _("shipping address settings")
        verbose_name_plural = _("shipping address settings")

    def __str__(self):
        return str(_("Shipping address settings"))

    @classmethod
    def current(cls) -> "AddressSettings":
        return cls.objects.filter(pk=1).first() or cls(pk=1)
