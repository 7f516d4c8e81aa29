""""Pickups of the day" for the warehouse (L07): the day's bookings by window, with the order,
customer, driver and vehicle, and a "collected" button per booking."""
from datetime import date
from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from .models import PickupBooking
from .services import bookings_of_day, pickup_mark_collected


def _day_from(value: str | None) -> date | None:
    try:
        return parse_date(value) if value else None
    except ValueError:
        return None


class PickupDayView(TemplateView):
    template_name = "pickup/admin/day.html"
    admin_site = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("pickup.view_pickupbooking"):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("pickup.change_pickupbooking"):
            raise PermissionDenied
        day = _day_from(request.POST.get("date")) or timezone.localdate()
        booking_id = request.POST.get("booking", "")
        if booking_id.isdigit():
            booking = get_object_or_404(PickupBooking, pk=int(booking_id))
            if pickup_mark_collected(booking=booking, user=request.user):
                messages.success(request, _("Order %(number)s marked as collected.") % {"number": booking.order.number or booking.order_id})
            else:
                messages.info(request, _("This order was already marked as collected."))
        else:
            messages.error(request, _("Choose a pickup to mark as collected."))
        return redirect(f"{reverse('admin:pickup_pickupbooking_day')}?date={day.isoformat()}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.admin_site.each_context(self.request))
        raw = self.request.GET.get("date")
        day = _day_from(raw)
        if raw and day is None:
            context["date_error"] = _("Enter a date as YYYY-MM-DD.")
        day = day or timezone.localdate()
        bookings = list(bookings_of_day(day))
        windows = []
        for (point, start, end), rows in groupby(bookings, key=lambda b: (b.point, b.starts_at, b.ends_at)):
            windows.append({"point": point, "start": timezone.localtime(start), "end": timezone.localtime(end), "bookings": list(rows)})
        context.update(
            title=_("Pickups of the day"), day=day, windows=windows, count=len(bookings),
            collected=sum(1 for b in bookings if b.collected_at), can_change=self.request.user.has_perm("pickup.change_pickupbooking"),
        )
        return context
