"""Carts and shopping lists: what a buyer is about to order (orders themselves: models_order.py)."""
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

QUANTITY = {"max_digits": 14, "decimal_places": 3, "validators": [MinValueValidator(Decimal("0.001"))]}


class Cart(models.Model):
    """One open cart per person and company they buy for (a rep acting for several customers has
    one per customer). Prices are never stored here: the price engine quotes them on every read."""

    company = models.ForeignKey("accounts.Company", verbose_name=_("customer"), on_delete=models.CASCADE, related_name="carts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="carts")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("cart")
        verbose_name_plural = _("carts")
        constraints = [models.UniqueConstraint(fields=["user", "company"], name="orders_cart_unique")]

    def __str__(self):
        return f"{self.company} / {self.user}"


class CartLine(models.Model):
    """A product in a sales unit ("" = base unit, S09) or a whole bundle (C10: one line, split into
    component lines only on the order)."""

    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey("catalog.Product", verbose_name=_("product"), null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    bundle = models.ForeignKey("pricing.Bundle", verbose_name=_("bundle"), null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    unit = models.CharField(_("unit"), max_length=16, blank=True)
    quantity = models.DecimalField(_("quantity"), **QUANTITY)
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("cart line")
        verbose_name_plural = _("cart lines")
        ordering = ["added_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(product__isnull=False) & Q(bundle__isnull=True)) | (Q(product__isnull=True) & Q(bundle__isnull=False)),
                name="orders_cartline_product_xor_bundle",
            ),
            models.UniqueConstraint(fields=["cart", "product", "unit"], condition=Q(product__isnull=False), name="orders_cartline_product_unique"),
            models.UniqueConstraint(fields=["cart", "bundle"], condition=Q(bundle__isnull=False), name="orders_cartline_bundle_unique"),
        ]


class ShoppingList(models.Model):
    """R03: a named list of products kept by a company for reuse (visible to the company's users)."""

    company = models.ForeignKey("accounts.Company", verbose_name=_("customer"), on_delete=models.CASCADE, related_name="shopping_lists")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("shopping list")
        verbose_name_plural = _("shopping lists")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class ShoppingListLine(models.Model):
    shopping_list = models.ForeignKey(ShoppingList, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey("catalog.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="+")
    unit = models.CharField(_("unit"), max_length=16, blank=True)
    quantity = models.DecimalField(_("quantity"), **QUANTITY)

    class Meta:
        verbose_name = _("shopping list line")
        verbose_name_plural = _("shopping list lines")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["shopping_list", "product", "unit"], name="orders_listline_unique")]


class OrderSettings(models.Model):
    """Ordering rules of the installation; a single row (pk=1), read with `current()`."""

    delivery_lead_working_days = models.PositiveSmallIntegerField(
        _("earliest requested delivery (working days)"),
        default=2,
        help_text=_("F06: the calendar offers dates from this many working days after today (Polish public holidays excluded)."),
    )
    order_number_prefix = models.CharField(_("order number prefix"), max_length=8, default="B2B")
    shipping_vat_rate = models.DecimalField(
        _("VAT rate of shipping and fees (%)"), max_digits=5, decimal_places=2, default=Decimal("23"),
        help_text=_("Shipping costs and payment fees are charged net plus this VAT rate."),
    )

    class Meta:
        verbose_name = _("ordering settings")
        verbose_name_plural = _("ordering settings")

    def __str__(self):
        return str(_("Ordering settings"))

    @classmethod
    def current(cls) -> "OrderSettings":
        return cls.objects.filter(pk=1).first() or cls(pk=1)


from .models_order import ErpHandoff, Order, OrderEvent, OrderLine, OrderShipment, StockReservation  # noqa: E402,F401
from .models_presale import PresaleOrder  # noqa: E402,F401
from .models_erp import ErpOrderDocument  # noqa: E402,F401
from .models_methods import CheckoutMethodSetting  # noqa: E402,F401
