"""Working days in Poland (F06): public holidays, working days and the earliest delivery date a
customer may ask for. Pure functions over dates; "today" is the caller's (Europe/Warsaw by
default: settings.TIME_ZONE, read through timezone.localdate()).

Public holidays (ustawa o dniach wolnych od pracy): 1 Jan, 6 Jan, Easter Sunday and Monday,
1 May, 3 May, Pentecost Sunday, Corpus Christi (Easter + 60 days), 15 Aug, 1 Nov, 11 Nov,
24 Dec (from 2025), 25 Dec, 26 Dec. Saturdays and Sundays are never working days.
"""
from datetime import date, timedelta
from functools import lru_cache

from django.utils import timezone

CHRISTMAS_EVE_FROM = 2025  # 24 December is a public holiday from 2025 on
FIXED_HOLIDAYS = ((1, 1), (1, 6), (5, 1), (5, 3), (8, 15), (11, 1), (11, 11), (12, 25), (12, 26))
MAX_DAYS_AHEAD = 366  # customers plan at most about a year ahead


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher")."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def polish_holidays(year: int) -> frozenset[date]:
    easter = easter_sunday(year)
    days = {date(year, month, day) for month, day in FIXED_HOLIDAYS}
    days |= {easter, easter + timedelta(days=1), easter + timedelta(days=49), easter + timedelta(days=60)}
    if year >= CHRISTMAS_EVE_FROM:
        days.add(date(year, 12, 24))
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in polish_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day after `start` (start itself never counts); 0 -> `start` itself
    if it is a working day, else the next working day."""
    if days < 0:
        raise ValueError(f"days must not be negative, got {days}")
    current = start
    if days == 0:
        while not is_working_day(current):
            current += timedelta(days=1)
        return current
    left = days
    while left:
        current += timedelta(days=1)
        if is_working_day(current):
            left -= 1
    return current


def earliest_delivery_date(lead_working_days: int, *, today: date | None = None, not_before: date | None = None) -> date:
    """The first date a customer may request: `lead_working_days` working days after today
    (a working day itself), and not before `not_before` (e.g. a pre-sale's planned delivery)."""
    today = today or timezone.localdate()
    earliest = add_working_days(today, lead_working_days)
    if not_before is not None and not_before > earliest:
        earliest = add_working_days(not_before, 0)
    return earliest


def latest_delivery_date(*, today: date | None = None) -> date:
    return (today or timezone.localdate()) + timedelta(days=MAX_DAYS_AHEAD)
