"""Personal pickup in the back office (Logistics): pickup points with their opening hours and
closed days, the bookings, and "Pickups of the day" (admin_day.py) for the warehouse."""
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from unfold.admin import ModelAdmin, TabularInline
from unfold.decorators import display

from .models import PickupBooking, PickupClosure, PickupOpeningHours, PickupPoint, overlapping_rows
from .services import pickup_mark_collected


class OpeningHoursFormSet(BaseInlineFormSet):
    """Rows of one weekday must not overlap (checked across the whole formset, before saving)."""

    def clean(self):
        super().clean()
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or data.get("opens") is None or data.get("closes") is None:
                continue
            rows.append((data["weekday"], data["opens"], data["closes"]))
        if overlapping_rows(rows):
            raise ValidationError(_("Opening hours of the same day overlap. Make them separate, e.g. 8:00-12:00 and 12:30-16:00."))


class OpeningHoursInline(TabularInline):
    model = PickupOpeningHours
    formset = OpeningHoursFormSet
    fields = ("weekday", "opens", "closes")
    extra = 0


class ClosureInline(TabularInline):
    model = PickupClosure
    fields = ("date", "reason")
    extra = 0


@admin.register(PickupPoint)
class PickupPointAdmin(ModelAdmin):
    list_display = ("name", "warehouse", "is_active", "lead_time_hours", "window_minutes", "capacity", "days_ahead")
    list_filter = ("is_active",)
    search_fields = ("name", "address")
    fields = ("name", "address", "warehouse", "is_active", "lead_time_hours", "window_minutes", "capacity", "days_ahead")
    inlines = [OpeningHoursInline, ClosureInline]


@admin.register(PickupBooking)
class PickupBookingAdmin(ModelAdmin):
    list_display = ("window", "point", "order_link", "customer", "driver_name", "driver_phone", "vehicle_registration", "collected")
    list_filter = ("point", ("collected_at", admin.EmptyFieldListFilter))
    search_fields = ("order__number", "order__company__name", "driver_name", "driver_phone", "vehicle_registration")
    list_select_related = ("point", "order", "order__company")
    date_hierarchy = "starts_at"
    fields = ("order_link", "point", "starts_at", "ends_at", "driver_name", "driver_phone", "vehicle_registration", "notes", "created_at",
              "collected_at", "collected_by")
    readonly_fields = ("order_link", "point", "starts_at", "ends_at", "created_at", "collected_at", "collected_by")
    actions = ["mark_collected"]

    def has_add_permission(self, request):
        return False  # bookings are made at checkout, with the window's capacity checked

    def get_urls(self):
        from .admin_day import PickupDayView

        view = self.admin_site.admin_view(PickupDayView.as_view(admin_site=self.admin_site))
        return [path("day/", view, name="pickup_pickupbooking_day")] + super().get_urls()

    @display(description=_("window"), ordering="starts_at")
    def window(self, obj):
        start, end = timezone.localtime(obj.starts_at), timezone.localtime(obj.ends_at)
        return f"{date_format(start.date(), 'SHORT_DATE_FORMAT')} {start:%H:%M}–{end:%H:%M}"

    @display(description=_("order"), ordering="order__placed_at")
    def order_link(self, obj):
        return format_html('<a href="{}" class="text-primary-600">{}</a>', reverse("admin:orders_order_change", args=(obj.order_id,)),
                           obj.order.number or obj.order_id)

    @display(description=_("customer"), ordering="order__company__name")
    def customer(self, obj):
        return obj.order.company

    @display(description=_("collected"), boolean=True, ordering="collected_at")
    def collected(self, obj):
        return obj.collected_at is not None

    @admin.action(description=_("Mark as collected"), permissions=["change"])
    def mark_collected(self, request, queryset):
        count = sum(pickup_mark_collected(booking=booking, user=request.user) for booking in queryset)
        messages.success(request, ngettext("%(count)d pickup marked as collected.", "%(count)d pickups marked as collected.", count)
                         % {"count": count})
