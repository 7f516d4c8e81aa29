"""Catalog admin: products, categories, brands, warehouses and customer codes, all owned by the ERP.

Staff browse, search and filter; ERP fields are never edited by hand, because the next ERP sync
would overwrite them (or, for ids, break the link to the ERP). The few platform-owned fields and
rows are editable: a category's `restricted` flag and its customers (C04, admin_visibility.py),
a product's variant group, similar and complementary products (C11/C12, admin_links.py) and
search synonyms (C07, admin_search.py). Every changelist loads its rows, their relations and
their translations in a fixed number of queries.
"""
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from parler.admin import TranslatableAdmin
from unfold.admin import ModelAdmin, TabularInline
from unfold.decorators import display

from backoffice.core import modules
from backoffice.core.admin_mixins import ReadOnlyAdminMixin
from backoffice.inventory.models import Stock
from backoffice.pricing.models import Price

from . import admin_search  # noqa: F401  (registers the synonym screen)
from . import services
from .admin_links import PRODUCT_LINKS_MODULE, ComplementaryProductInline, ProductLinkInline
from .admin_visibility import CategoryAccessInline
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


class PlatformFieldsOnlyMixin:
    """An ERP-owned record with a few platform-owned fields: those (and the inlines) may be
    changed by the roles of the section; the record is never added or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


CATEGORY_ERP_FIELDS = ("name", "erp_id", "parent", "level", "path", "warehouse", "sort", "is_active")


@admin.register(Category)
class CategoryAdmin(PlatformFieldsOnlyMixin, TranslatableAdmin, ModelAdmin):
    list_display = ("display_name", "erp_id", "level", "warehouse", "restricted", "is_active")
    list_filter = ("is_active", "restricted", "level")
    search_fields = ("erp_id", "translations__name")
    list_select_related = ("warehouse",)
    fields = (*CATEGORY_ERP_FIELDS, "restricted")
    readonly_fields = CATEGORY_ERP_FIELDS

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("warehouse").prefetch_related("translations")

    def get_inlines(self, request, obj):
        if obj is not None and modules.is_enabled(PRODUCT_LINKS_MODULE):
            return [CategoryAccessInline, ComplementaryProductInline]
        return [CategoryAccessInline]

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # Assigning categories to a customer (company page): only restricted ones need it.
        if request.GET.get("model_name") == "categoryaccess" and request.GET.get("field_name") == "category":
            queryset = queryset.filter(restricted=True)
        return queryset, may_have_duplicates

    def save_model(self, request, obj, form, change):
        services.category_set_restricted(category=obj, restricted=form.cleaned_data["restricted"])

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


PRODUCT_FIELDSETS = (
    (None, {"fields": ("sku", "name", "erp_id", "ean", "brand", "category", "is_active")}),
    (_("Description"), {"fields": ("description", "attributes")}),
    (_("Sales"), {"fields": ("vat_rate", "base_unit")}),
    (_("Logistics"), {"fields": ("weight_kg", "length_cm", "width_cm", "height_cm", "units_per_pallet", "is_oversize")}),
)
PRODUCT_ERP_FIELDS = tuple(name for _title, options in PRODUCT_FIELDSETS for name in options["fields"])
VARIANTS_FIELDSET = (_("Variants (set on this platform)"), {"fields": ("variant_group",)})


@admin.register(Product)
class ProductAdmin(PlatformFieldsOnlyMixin, TranslatableAdmin, ModelAdmin):
    list_display = ("sku", "display_name", "ean", "brand", "category", "vat_rate", "is_active")
    list_filter = ("is_active", "brand", "vat_rate", "is_oversize")
    search_fields = ("sku", "ean", "erp_id", "translations__name")
    list_select_related = ("brand", "category")
    readonly_fields = PRODUCT_ERP_FIELDS

    def get_fieldsets(self, request, obj=None):
        if modules.is_enabled(PRODUCT_LINKS_MODULE):
            return (*PRODUCT_FIELDSETS, VARIANTS_FIELDSET)
        return PRODUCT_FIELDSETS

    def get_inlines(self, request, obj):
        erp = [ProductUnitInline, ProductImageInline, StockInline, PriceInline]
        return [*erp, ProductLinkInline] if modules.is_enabled(PRODUCT_LINKS_MODULE) else erp

    def save_model(self, request, obj, form, change):
        if "variant_group" in form.cleaned_data:
            services.product_set_variant_group(product=obj, variant_group=form.cleaned_data["variant_group"])

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
