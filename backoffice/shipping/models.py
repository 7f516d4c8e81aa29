"""Staff configuration of our courier's shipping costs (L01-L03, L05).

A zone is a set of destination countries (or "all other countries"). Per zone and currency a
ShippingRate says how a shipment is priced: a flat cost, or a table of bands by weight and size;
plus the pallet cost, the oversize surcharge and the default free-delivery threshold. The rules
themselves are in quote.py (module docstring); validation with the buyer-independent messages is
here (model clean) and in admin.py (the bands, checked together).
"""
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from djmoney.models.fields import CurrencyField

ZERO = Decimal("0")
NOT_NEGATIVE = [MinValueValidator(ZERO)]


def _money_field(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, validators=NOT_NEGATIVE, **kwargs)


class ShippingZone(models.Model):
    name = models.CharField(_("name"), max_length=100)
    countries = CountryField(_("countries"), multiple=True, blank=True)
    is_rest_of_world = models.BooleanField(
        _("all other countries"), default=False,
        help_text=_("The zone of every destination country no other zone lists. Leave its countries empty."))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("shipping zone")
        verbose_name_plural = _("shipping zones")
        ordering = ["is_rest_of_world", "name"]
        constraints = [
            models.UniqueConstraint(fields=["is_rest_of_world"], condition=models.Q(is_rest_of_world=True),
                                    name="shipping_one_rest_of_world_zone",
                                    violation_error_message=_("Another zone already covers all other countries.")),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        codes = [str(c.code) if hasattr(c, "code") else str(c) for c in (self.countries or [])]
        if self.is_rest_of_world:
            if codes:
                raise ValidationError({"countries": _("The zone of all other countries lists no countries: leave the list empty.")})
            if ShippingZone.objects.filter(is_rest_of_world=True).exclude(pk=self.pk).exists():
                raise ValidationError({"is_rest_of_world": _("Another zone already covers all other countries.")})
            return
        if not codes:
            raise ValidationError({"countries": _("Choose at least one country, or mark the zone as covering all other countries.")})
        taken = []
        for zone in ShippingZone.objects.exclude(pk=self.pk).filter(is_rest_of_world=False):
            common = set(codes) & {str(c.code) for c in zone.countries}
            taken.extend(_("%(country)s is already in the zone %(zone)s.") % {"country": code, "zone": zone.name}
                         for code in sorted(common))
        if taken:
            raise ValidationError({"countries": taken})


class ShippingRate(models.Model):
    class Pricing(models.TextChoices):
        FLAT = "flat", _("flat cost")
        TABLE = "table", _("table of weight and size bands")

    zone = models.ForeignKey(ShippingZone, verbose_name=_("zone"), on_delete=models.CASCADE, related_name="rates")
    currency = CurrencyField(_("currency"), default="PLN",
                             help_text=_("Applies to customers who buy in this currency; all amounts below are in it."))
    pricing = models.CharField(_("pricing"), max_length=8, choices=Pricing.choices, default=Pricing.TABLE)
    flat_net = _money_field(_("flat cost (net)"), null=True, blank=True)
    free_above_net = _money_field(
        _("free delivery from (net)"), null=True, blank=True,
        help_text=_("Used for customers without a logistic minimum from the ERP. Empty: those customers always pay."))
    pallet_net = _money_field(_("cost per pallet (net)"), null=True, blank=True,
                              help_text=_("Empty: this zone does not ship on pallets."))
    pallet_from_percent = models.DecimalField(
        _("ship on pallets from (share of a pallet, %)"), max_digits=5, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("1000"))],
        help_text=_("The order goes on pallets when the products fill at least this share of a pallet, e.g. 50. "
                    "Empty: only when the order is too heavy or too large for the bands."))
    oversize_net = _money_field(_("oversize surcharge per unit (net)"), default=ZERO,
                                help_text=_("Charged for every unit of an oversize product, even with free delivery."))

    class Meta:
        verbose_name = _("shipping rate")
        verbose_name_plural = _("shipping rates")
        ordering = ["zone__is_rest_of_world", "zone__name", "currency"]
        constraints = [models.UniqueConstraint(fields=["zone", "currency"], name="shipping_rate_zone_currency_unique",
                                               violation_error_message=_("This zone already has a rate in this currency."))]

    def __str__(self):
        return f"{self.zone} · {self.currency}"

    def clean(self):
        errors = {}
        if self.pricing == self.Pricing.FLAT and self.flat_net is None:
            errors["flat_net"] = _("Enter the flat cost (0 for free shipping).")
        if self.pricing == self.Pricing.TABLE and self.flat_net is not None:
            errors["flat_net"] = _("A table of bands has no flat cost: leave it empty or choose the flat cost.")
        if self.pallet_from_percent is not None and self.pallet_net is None:
            errors["pallet_from_percent"] = _("Enter the cost per pallet first.")
        if errors:
            raise ValidationError(errors)


class ShippingBand(models.Model):
    """"Up to W kg and up to S cm: N net". A shipment takes the first band it fits, lightest first,
    then smallest size (empty size = any size)."""

    rate = models.ForeignKey(ShippingRate, verbose_name=_("rate"), on_delete=models.CASCADE, related_name="bands")
    max_weight_kg = models.DecimalField(_("weight up to (kg)"), max_digits=10, decimal_places=3,
                                        validators=[MinValueValidator(Decimal("0.001"))])
    max_size_cm = models.DecimalField(_("largest dimension up to (cm)"), max_digits=8, decimal_places=1, null=True, blank=True,
                                      validators=[MinValueValidator(Decimal("0.1"))], help_text=_("Empty: any size."))
    net = _money_field(_("cost (net)"))

    class Meta:
        verbose_name = _("band")
        verbose_name_plural = _("bands")
        ordering = ["rate", "max_weight_kg", models.F("max_size_cm").asc(nulls_last=True)]

    def __str__(self):
        return f"≤ {self.max_weight_kg} kg / ≤ {self.max_size_cm or '∞'} cm: {self.net}"


class ShippingProductOverride(models.Model):
    """Staff's shipping data of a product: wins over the ERP's values (the ERP sync overwrites the
    Product fields, never this row). Empty fields keep the ERP value."""

    product = models.OneToOneField("catalog.Product", verbose_name=_("product"), on_delete=models.CASCADE,
                                   related_name="shipping_override")
    units_per_pallet = models.PositiveIntegerField(_("units per pallet"), null=True, blank=True,
                                                   validators=[MinValueValidator(1)], help_text=_("Empty: the ERP value."))
    is_oversize = models.BooleanField(_("oversize"), null=True, blank=True, help_text=_("Empty: the ERP value."))
    oversize_net = _money_field(_("own oversize surcharge per unit (net)"), null=True, blank=True,
                                help_text=_("Replaces the zone's surcharge for this product when the order is in this currency."))
    oversize_currency = CurrencyField(_("surcharge currency"), default="PLN")

    class Meta:
        verbose_name = _("product shipping data")
        verbose_name_plural = _("product shipping data")
        ordering = ["product__sku"]

    def __str__(self):
        return str(self.product.sku)
