"""Stock admin: stock levels per warehouse, owned by the ERP (view-only, bounded queries), and how
stock is shown to customers (S01/S02): the display settings (a single row) and the ranges."""
from dataclasses import replace
from decimal import Decimal

from django.contrib import admin
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from parler.admin import TranslatableAdmin
from unfold.admin import ModelAdmin
from unfold.decorators import display

from backoffice.catalog.admin import ErpOwnedMixin, ProductColumnsMixin

from .display import stock_display, stock_display_changed
from .models import Stock, StockDisplaySettings, StockRange

PREVIEW_QUANTITIES = (0, 1, 5, 20, 100, 1000)


@admin.register(Stock)
class StockAdmin(ProductColumnsMixin, ErpOwnedMixin, ModelAdmin):
    list_display = ("product_sku", "product_name", "warehouse", "quantity", "next_delivery", "is_active")
    list_filter = ("is_active", "warehouse")
    search_fields = ("product__sku", "product__ean", "product__erp_id")
    list_select_related = ("product", "warehouse")
    fields = ("product", "warehouse", "quantity", "next_delivery", "is_active")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("product", "warehouse").prefetch_related("product__translations")


def _display_changed() -> None:
    """The storefront caches settings and ranges (inventory/display.py): drop them now and again
    after the commit, so no request re-caches the old state in between."""
    stock_display_changed()
    transaction.on_commit(stock_display_changed)


def stock_preview_rows() -> list[tuple[int, str, str]]:
    """(quantity, shown with ranges, shown to customers now) for a few sample quantities, worded
    by the storefront's own StockDisplay so the preview cannot drift from the shop."""
    display = stock_display()
    with_ranges = replace(display, mode=StockDisplaySettings.Mode.RANGES)
    return [
        (quantity, with_ranges.label(Decimal(quantity)) if display.ranges else "—", display.label(Decimal(quantity)))
        for quantity in PREVIEW_QUANTITIES
    ]


@admin.register(StockDisplaySettings)
class StockDisplaySettingsAdmin(ModelAdmin):
    """A single row (pk=1): it can be added only while missing and is never deleted. The form
    shows how sample quantities are displayed with the saved settings and ranges."""

    list_display = ("__str__", "mode", "restock_days_min", "restock_days_max")
    fields = ("mode", "restock_days_min", "restock_days_max", "preview")
    readonly_fields = ("preview",)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not StockDisplaySettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if not change:
            obj.pk = 1  # StockDisplaySettings.current() reads this row
        super().save_model(request, obj, form, change)
        _display_changed()

    @display(description=_("preview (saved settings)"))
    def preview(self, obj):
        return render_to_string(
            "inventory/admin/stock_preview.html",
            {"rows": stock_preview_rows(), "mode": stock_display().mode, "ranges_url": reverse("admin:inventory_stockrange_changelist")},
        )


@admin.register(StockRange)
class StockRangeAdmin(TranslatableAdmin, ModelAdmin):
    """S01: "up to N units -> label", the label in Polish and English (language tabs)."""

    list_display = ("up_to", "display_label")
    fields = ("up_to", "label")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")

    @display(description=_("label"))
    def display_label(self, obj):
        return obj.safe_translation_getter("label", any_language=True) or ""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _display_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        _display_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        _display_changed()
from . import admin_presale  # noqa: E402,F401  (S07 pre-sale products)
