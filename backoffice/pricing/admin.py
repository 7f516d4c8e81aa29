"""Pricing admin: price lists, prices, contract prices and category discounts from the ERP, and
the rules staff configure here (promotions, quantity and order-value discounts, customer groups,
pricing settings) plus the price preview.

ERP records are view-only for every role (the next sync would overwrite edits); staff-configured
rules are editable by the roles of the pricing section. Changelists load rows and their relations
in a fixed number of queries.
"""
from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin, TabularInline
from unfold.decorators import display

from backoffice.catalog.admin import ErpOwnedMixin, ProductColumnsMixin, translated_name

from .models import (
    Bundle,
    BundleComponent,
    BundlePrice,
    CategoryDiscount,
    ContractPrice,
    CustomerGroup,
    OrderValueTier,
    Price,
    PriceList,
    PricingSettings,
    Promotion,
    QuantityDiscountTier,
)


@admin.register(PriceList)
class PriceListAdmin(ErpOwnedMixin, ModelAdmin):
    # No per-row counts of prices or companies: a price list may hold hundreds of thousands of rows.
    list_display = ("name", "erp_id", "currency", "is_active")
    list_filter = ("currency", "is_active")
    search_fields = ("name", "erp_id")


@admin.register(Price)
class PriceAdmin(ProductColumnsMixin, ErpOwnedMixin, ModelAdmin):
    list_display = ("product_sku", "product_name", "price_list", "net", "is_active")
    list_filter = ("is_active", "price_list")
    search_fields = ("product__sku", "product__ean", "product__erp_id", "price_list__erp_id", "price_list__name")
    list_select_related = ("product", "price_list")
    raw_id_fields = ("product",)
    fields = ("price_list", "product", "net", "is_active")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("product", "price_list").prefetch_related("product__translations")


@admin.register(ContractPrice)
class ContractPriceAdmin(ProductColumnsMixin, ErpOwnedMixin, ModelAdmin):
    list_display = ("company", "product_sku", "product_name", "net", "currency", "is_active")
    list_filter = ("is_active", "currency")
    search_fields = ("company__name", "company__erp_id", "company__nip", "product__sku", "product__erp_id")
    list_select_related = ("company", "product")
    raw_id_fields = ("company", "product")
    fields = ("company", "product", "net", "currency", "is_active")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("company", "product").prefetch_related("product__translations")


@admin.register(CategoryDiscount)
class CategoryDiscountAdmin(ErpOwnedMixin, ModelAdmin):
    list_display = ("company", "category_name", "percent", "is_active")
    list_filter = ("is_active",)
    search_fields = ("company__name", "company__erp_id", "company__nip", "category__erp_id")
    list_select_related = ("company", "category")
    raw_id_fields = ("company", "category")
    fields = ("company", "category", "percent", "is_active")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("company", "category").prefetch_related("category__translations")

    @display(description=_("category"))
    def category_name(self, obj):
        return translated_name(obj.category) or obj.category.erp_id


# ---------------------------------------------------------------- staff-configured rules (P05-P08)


@admin.register(PricingSettings)
class PricingSettingsAdmin(ModelAdmin):
    """A single row (pk=1): it can be added only while missing and is never deleted.
    Also hosts the price preview (admin:pricing_preview)."""

    list_display = ("__str__", "packaging_discount_percent", "bulk_unit_codes")

    fields = ("packaging_discount_percent", "bulk_unit_codes")

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not PricingSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if not change:
            obj.pk = 1  # PricingSettings.current() reads this row
        super().save_model(request, obj, form, change)

    def get_urls(self):
        from .views_admin import PricePreviewView

        view = self.admin_site.admin_view(PricePreviewView.as_view(admin_site=self.admin_site))
        return [path("preview/", view, name="pricing_preview")] + super().get_urls()


@admin.register(QuantityDiscountTier)
class QuantityDiscountTierAdmin(ModelAdmin):
    list_display = ("min_quantity", "percent", "valid_from", "valid_to", "is_active")
    list_filter = ("is_active",)
    fields = ("min_quantity", "percent", "valid_from", "valid_to", "is_active")


class OrderValueTierInline(TabularInline):
    model = OrderValueTier
    fields = ("threshold", "percent", "currency", "valid_from", "valid_to", "is_active")
    extra = 0


@admin.register(CustomerGroup)
class CustomerGroupAdmin(ModelAdmin):
    list_display = ("name", "description")
    search_fields = ("name",)
    fields = ("name", "description")
    inlines = [OrderValueTierInline]


@admin.register(OrderValueTier)
class OrderValueTierAdmin(ModelAdmin):
    list_display = ("group", "currency", "threshold", "percent", "valid_from", "valid_to", "is_active")
    list_filter = ("is_active", "currency", "group")
    search_fields = ("group__name",)
    list_select_related = ("group",)
    autocomplete_fields = ("group",)
    fields = ("group", "threshold", "percent", "currency", "valid_from", "valid_to", "is_active")


@admin.register(Promotion)
class PromotionAdmin(ProductColumnsMixin, ModelAdmin):
    list_display = ("name", "product_sku", "buy_quantity", "promo_price", "currency", "validity", "is_active")
    list_filter = ("is_active", "currency")
    search_fields = ("name", "product__sku", "product__ean")
    list_select_related = ("product",)
    autocomplete_fields = ("product",)
    date_hierarchy = "valid_from"
    fields = ("name", "product", "buy_quantity", "promo_price", "currency", "valid_from", "valid_to", "is_active")

    @display(description=_("valid"), ordering="valid_from")
    def validity(self, obj):
        return f"{obj.valid_from:%Y-%m-%d} – {obj.valid_to:%Y-%m-%d}"


# ---------------------------------------------------------------- bundles (C10)


class BundleComponentInline(TabularInline):
    model = BundleComponent
    fields = ("product", "quantity")
    autocomplete_fields = ["product"]
    extra = 0


class BundlePriceInline(TabularInline):
    model = BundlePrice
    fields = ("currency", "net")
    extra = 0


@admin.register(Bundle)
class BundleAdmin(ModelAdmin):
    list_display = ("code", "name", "is_active", "validity")
    list_filter = ("is_active",)
    search_fields = ("code", "name")
    fields = ("code", "name", "is_active", "valid_from", "valid_to")
    inlines = [BundleComponentInline, BundlePriceInline]

    @display(description=_("valid"), ordering="valid_from")
    def validity(self, obj):
        if not obj.valid_from and not obj.valid_to:
            return "–"
        start = f"{obj.valid_from:%Y-%m-%d}" if obj.valid_from else "…"
        end = f"{obj.valid_to:%Y-%m-%d}" if obj.valid_to else "…"
        return f"{start} – {end}"
