"""Prices from the ERP: price lists (one currency each), contract prices, category discounts.

Amounts are net Decimals; the currency is the price list's (or the contract's) own, never converted.
Foreign keys that lead a unique constraint get no index of their own (db_index=False): the
constraint's index serves them, and every extra index slows the ERP import of millions of rows.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _
from djmoney.models.fields import CurrencyField

from backoffice.core.synced import ErpSynced


class PriceList(ErpSynced):
    erp_id = models.CharField(_("ERP id"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=120)
    currency = CurrencyField(_("currency"), default="PLN")

    class Meta:
        verbose_name = _("price list")
        verbose_name_plural = _("price lists")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.currency})"


class Price(ErpSynced):
    price_list = models.ForeignKey(PriceList, on_delete=models.CASCADE, related_name="prices", db_index=False)
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="prices")
    net = models.DecimalField(_("net price"), max_digits=14, decimal_places=4)

    class Meta:
        verbose_name = _("price")
        verbose_name_plural = _("prices")
        constraints = [models.UniqueConstraint(fields=["price_list", "product"], name="pricing_price_unique")]


class ContractPrice(ErpSynced):
    """P04: a customer's individual price for a product; beats every discount."""

    company = models.ForeignKey("accounts.Company", on_delete=models.CASCADE, related_name="contract_prices", db_index=False)
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="contract_prices")
    net = models.DecimalField(_("net price"), max_digits=14, decimal_places=4)
    currency = CurrencyField(_("currency"), default="PLN")

    class Meta:
        verbose_name = _("contract price")
        verbose_name_plural = _("contract prices")
        constraints = [models.UniqueConstraint(fields=["company", "product"], name="pricing_contract_unique")]


class CategoryDiscount(ErpSynced):
    """P03: a customer's % discount on a top-level category."""

    company = models.ForeignKey("accounts.Company", on_delete=models.CASCADE, related_name="category_discounts", db_index=False)
    category = models.ForeignKey("catalog.Category", on_delete=models.CASCADE, related_name="+")
    percent = models.DecimalField(_("discount %"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("category discount")
        verbose_name_plural = _("category discounts")
        constraints = [models.UniqueConstraint(fields=["company", "category"], name="pricing_catdiscount_unique")]
