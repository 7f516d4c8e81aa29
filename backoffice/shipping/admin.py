"""Logistics section: our courier's shipping zones, rates (flat or a table of weight and size
bands, pallets, oversize surcharge, free delivery) and the staff's product shipping data."""
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin, TabularInline

from .models import ShippingBand, ShippingProductOverride, ShippingRate, ShippingZone


class BandFormSet(forms.BaseInlineFormSet):
    """The bands of one rate are checked together: no two bands for the same weight and size
    limits (they would overlap), at least one band for a table, none for a flat cost."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        seen: dict[tuple, int] = {}
        kept = 0
        for number, form in enumerate(self.forms, start=1):
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or data.get("max_weight_kg") is None:
                continue
            kept += 1
            key = (data["max_weight_kg"], data.get("max_size_cm"))
            if key in seen:
                raise ValidationError(_("Bands %(first)s and %(second)s have the same weight and size limits: they overlap. "
                                        "Change or remove one of them.") % {"first": seen[key], "second": number})
            seen[key] = number
        pricing = getattr(self.instance, "pricing", None)
        if pricing == ShippingRate.Pricing.TABLE and kept == 0:
            raise ValidationError(_("A table of bands needs at least one band."))
        if pricing == ShippingRate.Pricing.FLAT and kept:
            raise ValidationError(_("A flat cost has no bands: remove them or choose the table of bands."))


class ShippingBandInline(TabularInline):
    model = ShippingBand
    formset = BandFormSet
    fields = ("max_weight_kg", "max_size_cm", "net")
    extra = 0
    tab = False


class ShippingRateInline(TabularInline):
    """The zone's rates at a glance; bands are edited on the rate's own page."""

    model = ShippingRate
    fields = ("currency", "pricing", "flat_net", "free_above_net", "pallet_net", "oversize_net")
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ShippingZone)
class ShippingZoneAdmin(ModelAdmin):
    list_display = ("name", "countries_list", "is_rest_of_world", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name",)
    fields = ("name", "countries", "is_rest_of_world", "is_active")
    inlines = [ShippingRateInline]

    @admin.display(description=_("countries"))
    def countries_list(self, obj):
        return _("all other countries") if obj.is_rest_of_world else ", ".join(str(c.code) for c in obj.countries)


@admin.register(ShippingRate)
class ShippingRateAdmin(ModelAdmin):
    list_display = ("zone", "currency", "pricing", "flat_net", "free_above_net", "pallet_net", "pallet_from_percent", "oversize_net")
    list_filter = ("currency", "pricing", "zone")
    list_select_related = ("zone",)
    fieldsets = (
        (None, {"fields": ("zone", "currency", "pricing", "flat_net")}),
        (_("Free delivery"), {"fields": ("free_above_net",)}),
        (_("Pallets and oversize"), {"fields": ("pallet_net", "pallet_from_percent", "oversize_net")}),
    )
    inlines = [ShippingBandInline]


@admin.register(ShippingProductOverride)
class ShippingProductOverrideAdmin(ModelAdmin):
    list_display = ("product", "units_per_pallet", "is_oversize", "oversize_net", "oversize_currency")
    list_select_related = ("product",)
    search_fields = ("product__sku", "product__erp_id")
    autocomplete_fields = ("product",)
    fields = ("product", "units_per_pallet", "is_oversize", "oversize_net", "oversize_currency")
