"""F06 calendar (backoffice/orders/calendar.py): Polish public holidays and working days."""
from datetime import date

import pytest

from backoffice.orders.calendar import (add_working_days, earliest_delivery_date, easter_sunday, is_working_day,
                                        latest_delivery_date, polish_holidays)
from backoffice.orders.checkout import earliest_date_for
from backoffice.orders.models import OrderSettings


@pytest.mark.parametrize("year, easter", [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)),
                                          (2027, date(2027, 3, 28)), (2038, date(2038, 4, 25))])
def test_easter_sunday(year, easter):
    assert easter_sunday(year) == easter


def test_holidays_2026():
    assert sorted(polish_holidays(2026)) == [
        date(2026, 1, 1), date(2026, 1, 6),
        date(2026, 4, 5), date(2026, 4, 6),  # Easter Sunday and Monday
        date(2026, 5, 1), date(2026, 5, 3),
        date(2026, 5, 24),  # Pentecost Sunday
        date(2026, 6, 4),  # Corpus Christi
        date(2026, 8, 15), date(2026, 11, 1), date(2026, 11, 11),
        date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 26),
    ]


def test_holidays_2027_moveable_feasts():
    holidays = polish_holidays(2027)
    assert {date(2027, 3, 28), date(2027, 3, 29), date(2027, 5, 16), date(2027, 5, 27)} <= holidays
    assert {date(2027, 11, 11), date(2027, 12, 24)} <= holidays
    assert len(holidays) == 14


def test_christmas_eve_is_a_holiday_only_from_2025():
    assert date(2024, 12, 24) not in polish_holidays(2024)
    assert date(2025, 12, 24) in polish_holidays(2025)


@pytest.mark.parametrize("day, working", [
    (date(2026, 4, 6), False),  # Easter Monday
    (date(2026, 6, 4), False),  # Corpus Christi (Thursday)
    (date(2026, 6, 5), True),
    (date(2026, 11, 11), False),  # Wednesday
    (date(2026, 12, 24), False),  # Thursday
    (date(2027, 3, 29), False),  # Easter Monday 2027
    (date(2027, 5, 27), False),  # Corpus Christi 2027
    (date(2026, 3, 7), False),  # Saturday
    (date(2026, 3, 8), False),  # Sunday
    (date(2026, 3, 9), True),  # Monday
])
def test_working_days(day, working):
    assert is_working_day(day) is working


def test_add_working_days_skips_weekends_and_holidays():
    assert add_working_days(date(2026, 3, 6), 2) == date(2026, 3, 10)  # Friday + 2 -> Tuesday
    assert add_working_days(date(2026, 4, 2), 2) == date(2026, 4, 7)  # Thu + 2: Fri, (Easter weekend and Monday), Tue
    assert add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 28)  # 24, 25, 26, 27 are all off
    assert add_working_days(date(2026, 11, 10), 1) == date(2026, 11, 12)
    assert add_working_days(date(2026, 3, 7), 0) == date(2026, 3, 9)  # 0 on a Saturday: the next working day
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 2), -1)


def test_earliest_delivery_date_respects_lead_days_and_a_later_planned_date():
    assert earliest_delivery_date(2, today=date(2026, 6, 2)) == date(2026, 6, 5)  # Tue + 2, Thursday 4.06 is Corpus Christi
    assert earliest_delivery_date(0, today=date(2026, 6, 4)) == date(2026, 6, 5)
    assert earliest_delivery_date(2, today=date(2026, 6, 2), not_before=date(2026, 7, 4)) == date(2026, 7, 6)  # Saturday -> Monday
    assert earliest_delivery_date(2, today=date(2026, 6, 2), not_before=date(2026, 6, 3)) == date(2026, 6, 5)
    assert latest_delivery_date(today=date(2026, 6, 2)) == date(2027, 6, 3)


@pytest.mark.django_db
def test_lead_days_come_from_the_ordering_settings():
    monday = date(2026, 3, 2)
    assert earliest_date_for(today=monday) == date(2026, 3, 4)  # default: 2 working days
    OrderSettings.objects.create(pk=1, delivery_lead_working_days=5)
    assert earliest_date_for(today=monday) == date(2026, 3, 9)
    assert earliest_date_for(today=monday, presale_dates=[date(2026, 4, 6)]) == date(2026, 4, 7)  # Easter Monday -> Tuesday
