"""Staff settings of the delivery and payment methods (checkout_methods.py): on/off, the customer
groups a method is for, its position and an optional fee (F04: cash on delivery)."""
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from djmoney.models.fields import CurrencyField


class CheckoutMethodSetting(models.Model):
    class Kind(models.TextChoices):
        DELIVERY = "delivery", _("delivery")
        PAYMENT = "payment", _("payment")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    code = models.CharField(_("method"), max_length=32)
    is_active = models.BooleanField(_("offered"), default=True)
    customer_groups = models.ManyToManyField(
        "pricing.CustomerGroup", verbose_name=_("only for customer groups"), blank=True, related_name="+",
        help_text=_("Empty: every customer. Otherwise only customers of the chosen groups are offered the method."),
    )
    position = models.PositiveSmallIntegerField(_("position"), null=True, blank=True)
    fee_net = models.DecimalField(_("fee (net)"), max_digits=14, decimal_places=2, default=Decimal("0"),
                                  validators=[MinValueValidator(Decimal("0"))],
                                  help_text=_("Added to orders in the fee's currency, e.g. the cash-on-delivery fee."))
    fee_currency = CurrencyField(_("fee currency"), default="PLN")

    class Meta:
        verbose_name = _("delivery or payment method")
        verbose_name_plural = _("delivery and payment methods")
        ordering = ["kind", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="orders_method_setting_unique")]

    def __str__(self):
        from .checkout_methods import method_handler

        handler = method_handler(self.kind, self.code)
        return str(handler.label) if handler is not None else self.code

    @classmethod
    def for_kind(cls, kind: str) -> dict[str, "CheckoutMethodSetting"]:
        rows = cls.objects.filter(kind=kind).prefetch_related("customer_groups")
        return {row.code: row for row in rows}

    def applies_to_group(self, group_id) -> bool:
        if not self.is_active:
            return False
        groups = {group.pk for group in self.customer_groups.all()}
        return not groups or group_id in groups
