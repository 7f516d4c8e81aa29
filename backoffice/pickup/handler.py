"""Personal pickup at our warehouse (L07): the buyer books a pickup window and names the driver.

Free of charge. Offered while an active pickup point has at least one free window. The window is
booked by pickup_book inside the placing transaction (the point's row locked), so two buyers
cannot both take the last place of a window.
"""
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backoffice.orders.checkout import DeliveryMethod
from backoffice.orders.checkout_methods import DELIVERY, ZERO, CheckoutMethod, MethodContext

from .models import PickupBooking, PickupPoint
from .services import FIELD, Window, active_points, driver_problems, parse_window_value, pickup_book, pickup_windows, window_problem, \
    window_value

CACHE_KEY = "pickup_windows"


@dataclass(frozen=True)
class PointWindows:
    point: PickupPoint
    windows: list[Window]

    @property
    def has_room(self) -> bool:
        return any(not w.is_full for w in self.windows)


def _points_with_windows(ctx: MethodContext) -> dict[int, PointWindows]:
    """Active points and their windows from ctx.now, once per request."""
    if CACHE_KEY not in ctx.cache:
        ctx.cache[CACHE_KEY] = {point.pk: PointWindows(point, pickup_windows(point, ctx.now)) for point in active_points()}
    return ctx.cache[CACHE_KEY]


def _time_range(start, end) -> str:
    start, end = timezone.localtime(start), timezone.localtime(end)
    return f"{date_format(start.date(), 'DATE_FORMAT')} {start:%H:%M}–{end:%H:%M}"


class PickupDelivery(CheckoutMethod):
    kind = DELIVERY
    code = DeliveryMethod.PICKUP.value
    label = gettext_lazy("personal pickup at our warehouse")
    position = 30
    panel_template = "pickup/panel.html"

    def is_offered(self, ctx: MethodContext) -> bool:
        return any(entry.has_room for entry in _points_with_windows(ctx).values())

    def extra_fields(self) -> dict[str, forms.Field]:
        return {
            "pickup_point": forms.IntegerField(label=gettext_lazy("Pickup point"), required=False, min_value=1),
            FIELD: forms.CharField(label=gettext_lazy("Pickup window"), required=False, max_length=80),
            "pickup_driver_name": forms.CharField(label=gettext_lazy("Driver's name"), required=False, max_length=120),
            "pickup_driver_phone": forms.CharField(label=gettext_lazy("Driver's phone"), required=False, max_length=32,
                                                   widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})),
            "pickup_vehicle": forms.CharField(label=gettext_lazy("Vehicle registration (optional)"), required=False, max_length=16),
            "pickup_notes": forms.CharField(label=gettext_lazy("Notes for the warehouse (optional)"), required=False, max_length=500,
                                            widget=forms.Textarea(attrs={"rows": 2})),
        }

    def validate(self, ctx: MethodContext, extra: Mapping[str, Any]) -> dict[str, list[str]]:
        errors = driver_problems(name=extra.get("pickup_driver_name") or "", phone=extra.get("pickup_driver_phone") or "",
                                 vehicle=extra.get("pickup_vehicle") or "")
        parsed = parse_window_value(extra.get(FIELD))
        if parsed is None:
            errors[FIELD] = [_("Choose a pickup window.")]
            return errors
        point_id, start = parsed
        chosen_point = extra.get("pickup_point")
        if chosen_point and int(chosen_point) != point_id:
            errors[FIELD] = [_("The chosen window belongs to another pickup point. Choose a window of your pickup point.")]
            return errors
        entry = _points_with_windows(ctx).get(point_id)
        problem = window_problem(entry.point if entry else None, start, ctx.now, entry.windows if entry else [])
        if problem:
            errors[FIELD] = [problem]
        return errors

    def panel_context(self, ctx: MethodContext) -> dict:
        points = []
        for entry in _points_with_windows(ctx).values():
            if not entry.windows:
                continue
            days = []
            for day, windows in groupby(entry.windows, key=lambda w: timezone.localdate(w.start)):
                days.append({"date": day, "windows": [
                    {"value": window_value(entry.point.pk, w.start), "start": timezone.localtime(w.start), "end": timezone.localtime(w.end),
                     "left": w.left, "full": w.is_full} for w in windows]})
            points.append({"point": entry.point, "days": days})
        return {"pickup_points": points, "pickup_many_points": len(points) > 1}

    def cost_net(self, ctx: MethodContext, setting=None):
        return ZERO  # collecting at our warehouse is free

    def on_placed(self, order, ctx: MethodContext, extra: Mapping[str, Any]) -> None:
        parsed = parse_window_value(extra.get(FIELD))
        if parsed is None:
            raise ValidationError({FIELD: [_("Choose a pickup window.")]})
        point_id, start = parsed
        pickup_book(order=order, point=PickupPoint(pk=point_id), start=start, driver_name=extra.get("pickup_driver_name") or "",
                    driver_phone=extra.get("pickup_driver_phone") or "", vehicle=extra.get("pickup_vehicle") or "",
                    notes=extra.get("pickup_notes") or "", now=ctx.now)

    @staticmethod
    def _booking(order) -> PickupBooking | None:
        return PickupBooking.objects.select_related("point").filter(order_id=order.pk).first()

    def order_info(self, order) -> list[str]:
        booking = self._booking(order)
        if booking is None:
            return []
        driver = booking.driver_name + f" ({booking.driver_phone}"
        driver += f", {booking.vehicle_registration})" if booking.vehicle_registration else ")"
        lines = [
            _("Pickup: %(point)s, %(window)s, driver %(driver)s") % {
                "point": booking.point.name, "window": _time_range(booking.starts_at, booking.ends_at), "driver": driver},
            _("Pickup address: %(address)s") % {"address": " ".join(booking.point.address.split())},
        ]
        if booking.collected_at:
            lines.append(_("Collected on %(when)s.") % {"when": date_format(timezone.localtime(booking.collected_at), "DATETIME_FORMAT")})
        return lines

    def erp_comments(self, order) -> list[str]:
        booking = self._booking(order)
        if booking is None:
            return []
        comment = _("PERSONAL PICKUP %(window)s at %(point)s; driver %(name)s, phone %(phone)s") % {
            "window": _time_range(booking.starts_at, booking.ends_at), "point": booking.point.name, "name": booking.driver_name,
            "phone": booking.driver_phone}
        if booking.vehicle_registration:
            comment += _("; vehicle %(vehicle)s") % {"vehicle": booking.vehicle_registration}
        comments = [comment]
        if booking.notes:
            comments.append(_("Pickup notes: %(notes)s") % {"notes": " ".join(booking.notes.split())})
        return comments


HANDLER = PickupDelivery()
