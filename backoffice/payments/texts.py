"""How the payments app writes dates for buyers (amounts: backoffice.core.money.money_text)."""
from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import date_format


def day_text(moment: date | datetime) -> str:
    if isinstance(moment, datetime):
        moment = timezone.localdate(moment)
    return date_format(moment, "DATE_FORMAT")
