"""Catalog admin: products, categories, brands, warehouses and customer codes, all owned by the ERP.

Staff browse, search and filter; nothing here is edited by hand, because the next ERP sync would
overwrite it (or, for ids, break the link to the ERP). Every changelist loads its rows, their
relations and their translations in a fixed number of queries.
"""
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from parler.admin import TranslatableAdmin
from unfold.admin import ModelAdmin, TabularInline
from unfold.decorators import display

from backoffice.core.admin_mixins import ReadOnlyAdminMixin
from backoffice.inventory.models import Stock
from backoffice.pricing.models import Price

from .models import Brand, Category, CustomerProductCode, Product, ProductImage, ProductUnit, Warehouse


ErpOwnedMixin = ReadOnlyAdminMixin  # the ERP is the master of these records


def translated_name(obj) -> str:
    """The name in the current language (falling back to any), from prefetched translations."""
    return obj.safe_translation_getter("name", any_language=True) or ""


@admin.register(Warehouse)
class WarehouseAdmin(ErpOwnedMixin, ModelAdmin):
    list_display = ("name", "erp_id", "kind", "lead_time_days_min", "lead_time_days_max", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "erp_id")


@admin.register(Category)
class CategoryAdmin(ErpOwnedMixin, TranslatableAdmin, ModelAdmin):
    list_display = ("display_name", "erp_id", "level", "warehouse", "is_active")
    list_filter = ("is_active", "level")
    search_fields = ("erp_id", "translations__name")
    list_select_related = ("warehouse",)
    fields = ("name", "erp_id", "parent", "level", "path", "warehouse", "sort", "is_active")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("warehouse").prefetch_related("translations")

    @display(description=_("name"))
    def display_name(self, obj):
        return translated_name(obj)


@admin.register(Brand)
class BrandAdmin(ErpOwnedMixin, ModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)


class ProductUnitInline(ErpOwnedMixin, TabularInline):
    model = ProductUnit
    fields = ("code", "factor", "ean")
    extra = 0


class ProductImageInline(ErpOwnedMixin, TabularInline):
    model = ProductImage
    fields = ("thumbnail", "sort")
    readonly_fields = ("thumbnail",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("image")

    @display(description=_("image"))
    def thumbnail(self, obj):
        if not obj.image_id or not obj.image.file:
            return "—"
        return format_html('<img src="{}" alt="" style="max-height:80px;max-width:120px">', obj.image.file.url)


class StockInline(ErpOwnedMixin, TabularInline):
    model = Stock
    fields = ("warehouse", "quantity", "next_delivery", "is_active")
    extra = 0
    per_page = 20

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("warehouse").order_by("warehouse__name")


class PriceInline(ErpOwnedMixin, TabularInline):
    model = Price
    fields = ("price_list", "net", "is_active")
    extra = 0
    per_page = 20
    verbose_name_plural = _("prices (from the ERP)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("price_list").order_by("price_list__name")


@admin.register(Product)
class ProductAdmin(ErpOwnedMixin, TranslatableAdmin, ModelAdmin):
    list_display = ("sku", "display_name", "ean", "brand", "category", "vat_rate", "is_active")
    list_filter = ("is_active", "brand", "vat_rate", "is_oversize")
    search_fields = ("sku", "ean", "erp_id", "translations__name")
    list_select_related = ("brand", "category")
    inlines = [ProductUnitInline, ProductImageInline, StockInline, PriceInline]
    fieldsets = (
        (None, {"fields": ("sku", "name", "erp_id", "ean", "brand", "category", "is_active")}),
        (_("Description"), {"fields": ("description", "attributes")}),
        (_("Sales"), {"fields": ("vat_rate", "base_unit")}),
        (_("Logistics"), {"fields": ("weight_kg", "length_cm", "width_cm", "height_cm", "units_per_pallet", "is_oversize")}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("brand", "category")
            .prefetch_related("translations", "category__translations")
        )

    @display(description=_("name"))
    def display_name(self, obj):
        return translated_name(obj)


@admin.register(CustomerProductCode)
class CustomerProductCodeAdmin(ErpOwnedMixin, ModelAdmin):
    list_display = ("code", "product_sku", "company", "is_active")
    list_filter = ("is_active",)
    search_fields = ("code", "product__sku", "company__name", "company__erp_id")
    list_select_related = ("product", "company")

    @display(description=_("SKU"), ordering="product__sku")
    def product_sku(self, obj):
        return obj.product.sku


class ProductColumnsMixin:
    @display(description=_("SKU"), ordering="product__sku")
    def product_sku(self, obj):
        return obj.product.sku

    @display(description=_("product"))
    def product_name(self, obj):
        return translated_name(obj.product)
