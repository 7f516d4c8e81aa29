"""Stock admin: stock levels per warehouse, owned by the ERP (view-only, bounded queries)."""
from django.contrib import admin
from unfold.admin import ModelAdmin

from backoffice.catalog.admin import ErpOwnedMixin, ProductColumnsMixin

from .models import Stock


@admin.register(Stock)
class StockAdmin(ProductColumnsMixin, ErpOwnedMixin, ModelAdmin):
    list_display = ("product_sku", "product_name", "warehouse", "quantity", "next_delivery", "is_active")
    list_filter = ("is_active", "warehouse")
    search_fields = ("product__sku", "product__ean", "product__erp_id")
    list_select_related = ("product", "warehouse")
    fields = ("product", "warehouse", "quantity", "next_delivery", "is_active")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("product", "warehouse").prefetch_related("product__translations")
