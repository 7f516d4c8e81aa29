"""Pickup windows and bookings (L07).

pickup_windows: the windows a point offers from `now` on, with the room left in each, computed
from its opening hours, preparation time, public holidays and closed days, and the bookings of
orders that are not cancelled (one query for the bookings of the whole range).

pickup_book: inside the order's placing transaction. The point's row is locked first, so two
buyers taking the last place of a window queue up and the second one sees the first booking.
"""
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from backoffice.orders.calendar import polish_holidays
from backoffice.orders.models import Order

from .models import PHONE_VALIDATOR, REGISTRATION_VALIDATOR, PickupBooking, PickupPoint

FIELD = "pickup_window"


@dataclass(frozen=True)
class Window:
    start: datetime  # aware, Europe/Warsaw
    end: datetime
    left: int  # places left (0: full)

    @property
    def is_full(self) -> bool:
        return self.left <= 0


def window_value(point_id: int, start: datetime) -> str:
    """The checkout form's value of a window: "<point id>|<ISO start>"."""
    return f"{point_id}|{timezone.localtime(start).isoformat()}"


def parse_window_value(value) -> tuple[int, datetime] | None:
    try:
        point_id, start = str(value or "").split("|", 1)
        moment = datetime.fromisoformat(start)
        if timezone.is_naive(moment):
            return None
        return int(point_id), moment
    except (ValueError, TypeError):
        return None


def _is_closed(day: date, closed_days: set[date]) -> bool:
    # Public holidays are always closed, whatever the opening hours say.
    return day in closed_days or day in polish_holidays(day.year)


def _candidate_windows(point: PickupPoint, now: datetime) -> list[tuple[datetime, datetime]]:
    tz = timezone.get_default_timezone()
    today = timezone.localdate(now)
    last_day = today + timedelta(days=point.days_ahead - 1)
    not_before = now + timedelta(hours=point.lead_time_hours)
    hours_by_day: dict[int, list] = {}
    for row in point.opening_hours.all():
        hours_by_day.setdefault(row.weekday, []).append(row)
    closed_days = set(point.closures.filter(date__gte=today, date__lte=last_day).values_list("date", flat=True))
    length = timedelta(minutes=point.window_minutes)
    windows = []
    day = today
    while day <= last_day:
        if not _is_closed(day, closed_days):
            for row in sorted(hours_by_day.get(day.weekday(), []), key=lambda r: r.opens):
                start = timezone.make_aware(datetime.combine(day, row.opens), tz)
                closes = timezone.make_aware(datetime.combine(day, row.closes), tz)
                while start + length <= closes:
                    if start >= not_before:  # the preparation time ends at or before the window starts
                        windows.append((start, start + length))
                    start += length
        day += timedelta(days=1)
    return windows


def pickup_windows(point: PickupPoint, now: datetime | None = None) -> list[Window]:
    """Every window of the point from now + preparation time to the last offered day, full ones
    included (left=0) so the buyer sees them taken. Empty for an inactive point."""
    now = now or timezone.now()
    if not point.is_active:
        return []
    candidates = _candidate_windows(point, now)
    if not candidates:
        return []
    booked = dict(
        PickupBooking.objects.filter(point=point, starts_at__gte=candidates[0][0], starts_at__lte=candidates[-1][0])
        .exclude(order__status=Order.Status.CANCELLED)
        .values("starts_at").annotate(n=Count("pk")).values_list("starts_at", "n")
    )
    return [Window(start, end, max(point.capacity - booked.get(start, 0), 0)) for start, end in candidates]


def active_points():
    return PickupPoint.objects.filter(is_active=True).prefetch_related("opening_hours").order_by("name", "pk")


def find_window(windows: list[Window], start: datetime) -> Window | None:
    return next((w for w in windows if w.start == start), None)


def window_problem(point: PickupPoint | None, start: datetime | None, now: datetime, windows: list[Window] | None = None) -> str | None:
    """Why this window cannot be booked now (in the active language), or None when it can."""
    if point is None or not point.is_active or start is None:
        return _("Choose a pickup window.")
    windows = pickup_windows(point, now) if windows is None else windows
    window = find_window(windows, start)
    if window is None:
        return _("This pickup window is no longer available. Choose another one.")
    if window.is_full:
        return _("This pickup window has just been fully booked. Choose another one.")
    return None


def driver_problems(*, name: str, phone: str, vehicle: str = "") -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not (name or "").strip():
        errors["pickup_driver_name"] = [_("Enter the name of the person who will collect the order.")]
    phone = (phone or "").strip()
    if not phone:
        errors["pickup_driver_phone"] = [_("Enter the driver's phone number.")]
    else:
        try:
            PHONE_VALIDATOR(phone)
        except ValidationError:
            errors["pickup_driver_phone"] = [_("Enter a phone number, e.g. +48 600 100 200.")]
    if (vehicle or "").strip():
        try:
            REGISTRATION_VALIDATOR(vehicle.strip())
        except ValidationError:
            errors["pickup_vehicle"] = [_("Enter a vehicle registration number, e.g. EL 12345.")]
    return errors


def pickup_book(*, order: Order, point: PickupPoint, start: datetime, driver_name: str, driver_phone: str, vehicle: str = "",
                notes: str = "", now: datetime | None = None) -> PickupBooking:
    """Book the window for the order. Raises ValidationError({"pickup_window" or a driver field:
    [..]}) and writes nothing when the window is gone or full or the driver's data is missing."""
    now = now or timezone.now()
    errors = driver_problems(name=driver_name, phone=driver_phone, vehicle=vehicle)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # The lock serialises bookings of one point: the count below then sees every committed booking.
        locked = PickupPoint.objects.select_for_update().filter(pk=point.pk).first()
        windows = pickup_windows(locked, now) if locked is not None else []
        problem = window_problem(locked, start, now, windows)
        if problem:
            raise ValidationError({FIELD: [problem]})
        window = find_window(windows, start)
        return PickupBooking.objects.create(
            order=order, point=locked, starts_at=window.start, ends_at=window.end, driver_name=driver_name.strip()[:120],
            driver_phone=driver_phone.strip(), vehicle_registration=vehicle.strip().upper(), notes=(notes or "").strip()[:500],
        )


def pickup_mark_collected(*, booking: PickupBooking, user) -> bool:
    """Record the handover (idempotent): True when it was recorded now."""
    updated = PickupBooking.objects.filter(pk=booking.pk, collected_at__isnull=True).update(collected_at=timezone.now(), collected_by=user)
    return bool(updated)


def bookings_of_day(day: date):
    tz = timezone.get_default_timezone()
    start = timezone.make_aware(datetime.combine(day, datetime.min.time()), tz)
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), datetime.min.time()), tz)
    return (PickupBooking.objects.filter(starts_at__gte=start, starts_at__lt=end)
            .select_related("point", "order", "order__company", "collected_by").order_by("point__name", "starts_at", "pk"))
