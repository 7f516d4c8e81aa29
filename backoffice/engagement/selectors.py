"""Reads of customer events for the back-office reports."""
import calendar
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Max, QuerySet
from django.db.models.functions import Lower, Trim
from django.utils import timezone

from .models import CustomerEvent

DEFAULT_REPORT_MONTHS = 6


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier, clamped to the month's end (31 Aug - 6 months = 28/29 Feb)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_report_period(today: date | None = None) -> tuple[date, date]:
    today = today or timezone.localdate()
    return months_before(today, DEFAULT_REPORT_MONTHS), today


def _day_bounds(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    """[start of date_from, start of the day after date_to) in the platform's time zone (Warsaw)."""
    zone = timezone.get_default_timezone()
    start = timezone.make_aware(datetime.combine(date_from, time.min), zone)
    end = timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min), zone)
    return start, end


def zero_result_phrases(date_from: date, date_to: date) -> QuerySet:
    """C08: phrases customers searched in the period that found nothing, most searched first.

    One row per phrase, grouped case-insensitively (lower() in SQL; diacritics stay apart):
    {"key" (the phrase, trimmed, lower case), "searches", "customers" (distinct companies),
    "last_searched"}. A lazy queryset:
    paginate it (a count and one page) or iterate it for an export."""
    start, end = _day_bounds(date_from, date_to)
    return (
        CustomerEvent.objects.filter(kind=CustomerEvent.Kind.SEARCH, result_count=0, created_at__gte=start, created_at__lt=end)
        .exclude(phrase="")
        .annotate(key=Lower(Trim("phrase")))
        .values("key")
        .annotate(searches=Count("pk"), customers=Count("company", distinct=True), last_searched=Max("created_at"))
        .values("key", "searches", "customers", "last_searched")
        .order_by("-searches", "-last_searched", "key")
    )
