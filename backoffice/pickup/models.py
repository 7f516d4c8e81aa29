"""Personal pickup at our warehouse (L07): pickup points, their opening hours and closed days, and
the buyers' bookings of a pickup window (one per order).

A point's day is cut into windows of `window_minutes` inside each opening-hours row; every window
takes at most `capacity` pickups. Polish public holidays are always closed; weekends are closed
unless opening hours exist for Saturday or Sunday.
"""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Digits, spaces, dashes, brackets and a leading "+": 7 to 20 characters ("+48 600 100 200").
PHONE_VALIDATOR = RegexValidator(r"^\+?[0-9][0-9 ()\-]{5,18}[0-9]$", _("Enter a phone number, e.g. +48 600 100 200."))
REGISTRATION_VALIDATOR = RegexValidator(r"^[A-Za-z0-9 \-]{2,16}$", _("Enter a vehicle registration number, e.g. EL 12345."))


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class PickupPoint(models.Model):
    name = models.CharField(_("name"), max_length=120)
    address = models.TextField(_("address"), max_length=500)
    warehouse = models.ForeignKey("catalog.Warehouse", verbose_name=_("warehouse"), null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="pickup_points")
    is_active = models.BooleanField(_("active"), default=True)
    lead_time_hours = models.PositiveSmallIntegerField(
        _("preparation time (hours)"), default=4, validators=[MaxValueValidator(24 * 14)],
        help_text=_("Orders can be collected from the first window starting at least this many hours after the order."))
    window_minutes = models.PositiveSmallIntegerField(_("window length (minutes)"), default=60,
                                                      validators=[MinValueValidator(15), MaxValueValidator(12 * 60)])
    capacity = models.PositiveSmallIntegerField(_("pickups per window"), default=3, validators=[MinValueValidator(1)])
    days_ahead = models.PositiveSmallIntegerField(_("days offered ahead"), default=14,
                                                  validators=[MinValueValidator(1), MaxValueValidator(90)],
                                                  help_text=_("How many days, starting today, buyers can choose from."))

    class Meta:
        verbose_name = _("pickup point")
        verbose_name_plural = _("pickup points")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


def overlapping_rows(rows) -> list:
    """The (weekday, opens, closes) rows that overlap another row of the same weekday."""
    bad = []
    by_day: dict[int, list] = {}
    for row in rows:
        by_day.setdefault(row[0], []).append(row)
    for day_rows in by_day.values():
        day_rows.sort(key=lambda r: (r[1], r[2]))
        for previous, current in zip(day_rows, day_rows[1:]):
            if current[1] < previous[2]:
                bad.append(current)
    return bad


class PickupOpeningHours(models.Model):
    point = models.ForeignKey(PickupPoint, verbose_name=_("pickup point"), on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens"]
        constraints = [models.CheckConstraint(condition=Q(closes__gt=F("opens")), name="pickup_hours_close_after_open")]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"

    def clean(self):
        if self.opens is not None and self.closes is not None and self.closes <= self.opens:
            raise ValidationError({"closes": _("The closing time must be later than the opening time.")})
        # Overlaps between rows are checked by the admin's formset, which sees all rows of the point at once.


class PickupClosure(models.Model):
    """A day a point is closed besides public holidays (stocktaking, a company holiday...)."""

    point = models.ForeignKey(PickupPoint, verbose_name=_("pickup point"), on_delete=models.CASCADE, related_name="closures")
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("closed day")
        verbose_name_plural = _("closed days")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["point", "date"], name="pickup_closure_once_a_day")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.reason}".strip()


class PickupBooking(models.Model):
    order = models.OneToOneField("orders.Order", verbose_name=_("order"), on_delete=models.CASCADE, related_name="pickup_booking")
    point = models.ForeignKey(PickupPoint, verbose_name=_("pickup point"), on_delete=models.PROTECT, related_name="bookings")
    starts_at = models.DateTimeField(_("window from"), db_index=True)
    ends_at = models.DateTimeField(_("window to"))
    driver_name = models.CharField(_("driver"), max_length=120)
    driver_phone = models.CharField(_("driver's phone"), max_length=32, validators=[PHONE_VALIDATOR])
    vehicle_registration = models.CharField(_("vehicle registration"), max_length=16, blank=True, validators=[REGISTRATION_VALIDATOR])
    notes = models.TextField(_("notes"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("booked at"), default=timezone.now)
    collected_at = models.DateTimeField(_("collected at"), null=True, blank=True)
    collected_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("handed over by"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("pickup booking")
        verbose_name_plural = _("pickup bookings")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["point", "starts_at"], name="pickup_booking_point_start")]

    def __str__(self):
        start, end = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        return f"{self.point} {start:%Y-%m-%d %H:%M}-{end:%H:%M}"
