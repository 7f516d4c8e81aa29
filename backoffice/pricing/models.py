"""Prices from the ERP: price lists (one currency each), contract prices, category discounts.

Amounts are net Decimals; the currency is the price list's (or the contract's) own, never converted.
Foreign keys that lead a unique constraint get no index of their own (db_index=False): the
constraint's index serves them, and every extra index slows the ERP import of millions of rows.
"""
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
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


# ---------------------------------------------------------------- staff-configured rules (P05-P08)
# Unlike the ERP-owned records above, these are set up by staff in the back office.

def _percent_validators():
    return [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class PricingSettings(models.Model):
    """Platform-wide pricing settings; a single row (pk=1), read with `PricingSettings.current()`."""

    packaging_discount_percent = models.DecimalField(
        _("bulk packaging discount %"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=_percent_validators(),
        help_text=_("P05: discount when a product is bought in a bulk unit (carton, pallet)."),
    )
    bulk_unit_codes = models.CharField(
        _("bulk unit codes"),
        max_length=255,
        blank=True,
        help_text=_('Comma-separated codes of units that count as bulk packaging, e.g. "karton,paleta".'),
    )

    class Meta:
        verbose_name = _("pricing settings")
        verbose_name_plural = _("pricing settings")
        ordering = ["pk"]

    def __str__(self):
        return str(_("Pricing settings"))

    def bulk_units(self) -> frozenset[str]:
        return frozenset(code.strip() for code in self.bulk_unit_codes.split(",") if code.strip())

    @classmethod
    def current(cls) -> "PricingSettings":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj


class QuantityDiscountTier(models.Model):
    """P07: from `min_quantity` base units of one product, `percent` off (the same for everybody)."""

    min_quantity = models.DecimalField(
        _("from quantity (base units)"), max_digits=14, decimal_places=3, validators=[MinValueValidator(Decimal("0.001"))]
    )
    percent = models.DecimalField(_("discount %"), max_digits=5, decimal_places=2, validators=_percent_validators())
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("quantity discount")
        verbose_name_plural = _("quantity discounts")
        ordering = ["min_quantity"]

    def __str__(self):
        return _("from %(quantity)s: %(percent)s%%") % {"quantity": self.min_quantity, "percent": self.percent}

    def clean(self):
        super().clean()
        _check_dates(self.valid_from, self.valid_to)


class CustomerGroup(models.Model):
    """P06: a group of customers sharing order-value discount tiers."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    shipping_addresses_need_approval = models.BooleanField(
        _("new shipping addresses need approval"),
        default=True,
        help_text=_("A07/A08: whether a shipping address added by a customer of this group waits for an administrator's approval."),
    )

    class Meta:
        verbose_name = _("customer group")
        verbose_name_plural = _("customer groups")
        ordering = ["name"]

    def __str__(self):
        return self.name


class OrderValueTier(models.Model):
    """P06: from an order net value of `threshold` (in `currency`), `percent` off the order."""

    group = models.ForeignKey(CustomerGroup, verbose_name=_("customer group"), on_delete=models.CASCADE, related_name="order_value_tiers", db_index=False)
    threshold = models.DecimalField(_("from order value (net)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0"))])
    percent = models.DecimalField(_("discount %"), max_digits=5, decimal_places=2, validators=_percent_validators())
    currency = CurrencyField(_("currency"), default="PLN")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("order value tier")
        verbose_name_plural = _("order value tiers")
        ordering = ["group", "currency", "threshold"]
        constraints = [models.UniqueConstraint(fields=["group", "currency", "threshold"], name="pricing_ordervaluetier_unique")]

    def __str__(self):
        return _("%(group)s: from %(threshold)s %(currency)s, %(percent)s%%") % {
            "group": self.group,
            "threshold": self.threshold,
            "currency": self.currency,
            "percent": self.percent,
        }

    def clean(self):
        super().clean()
        _check_dates(self.valid_from, self.valid_to)


class Promotion(models.Model):
    """P08: for every `buy_quantity` base units of the product, one more unit costs `promo_price`."""

    name = models.CharField(_("name"), max_length=200)
    product = models.ForeignKey("catalog.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="promotions")
    buy_quantity = models.PositiveIntegerField(_("buy quantity (X)"), validators=[MinValueValidator(1)])
    promo_price = models.DecimalField(
        _("promotional unit price (net)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Net price of the extra unit, e.g. 0.01 or 1.00."),
    )
    currency = CurrencyField(_("currency"), default="PLN")
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("promotion")
        verbose_name_plural = _("promotions")
        ordering = ["-valid_from", "name"]
        indexes = [models.Index(fields=["valid_from", "valid_to"], name="pricing_promo_validity")]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        _check_dates(self.valid_from, self.valid_to)


def _check_dates(valid_from, valid_to):
    if valid_from and valid_to and valid_from > valid_to:
        raise ValidationError({"valid_to": _("The end date cannot be earlier than the start date.")})


# ---------------------------------------------------------------- bundles (C10)


class Bundle(models.Model):
    """C10: a set of products (A x1 + B x3 + C x5) sold at one price; split into component lines
    on the order (pricing/bundles.py, pricing/bundle_quotes.py)."""

    code = models.CharField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    is_active = models.BooleanField(_("active"), default=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("bundle")
        verbose_name_plural = _("bundles")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} – {self.name}"

    def clean(self):
        super().clean()
        _check_dates(self.valid_from, self.valid_to)


class BundleComponent(models.Model):
    bundle = models.ForeignKey(Bundle, verbose_name=_("bundle"), on_delete=models.CASCADE, related_name="components", db_index=False)
    product = models.ForeignKey("catalog.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="bundle_components")
    quantity = models.DecimalField(
        _("quantity (base units)"), max_digits=12, decimal_places=3, validators=[MinValueValidator(Decimal("0.001"))]
    )

    class Meta:
        verbose_name = _("bundle component")
        verbose_name_plural = _("bundle components")
        ordering = ["bundle", "pk"]
        constraints = [models.UniqueConstraint(fields=["bundle", "product"], name="pricing_bundlecomponent_unique")]

    def __str__(self):
        return f"{self.product} x {self.quantity}"


class BundlePrice(models.Model):
    """The net price of ONE bundle (all component quantities) in `currency`."""

    bundle = models.ForeignKey(Bundle, verbose_name=_("bundle"), on_delete=models.CASCADE, related_name="prices", db_index=False)
    currency = CurrencyField(_("currency"), default="PLN")
    net = models.DecimalField(_("bundle price (net)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0"))])

    class Meta:
        verbose_name = _("bundle price")
        verbose_name_plural = _("bundle prices")
        ordering = ["bundle", "currency"]
        constraints = [models.UniqueConstraint(fields=["bundle", "currency"], name="pricing_bundleprice_unique")]

    def __str__(self):
        return f"{self.net} {self.currency}"
