"""Pricing admin: price lists, prices, contract prices and category discounts from the ERP.

View-only for every role (the next sync would overwrite edits); search and filters for staff.
Changelists load rows and their relations in a fixed number of queries.
"""
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin
from unfold.decorators import display

from backoffice.catalog.admin import ErpOwnedMixin, ProductColumnsMixin, translated_name

from .models import CategoryDiscount, ContractPrice, Price, PriceList


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
