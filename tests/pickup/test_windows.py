"""pickup_windows (L07): opening hours cut into windows, preparation time (exact boundary, over
midnight and the weekend), public holidays, closed days, capacity and cancelled orders."""
from datetime import date

import pytest

from backoffice.orders.models import Order
from backoffice.pickup.models import PickupClosure
from backoffice.pickup.services import pickup_windows

from .conftest import at, book, make_point

pytestmark = pytest.mark.django_db


def starts(windows, count=None):
    return [w.start for w in windows[:count]]


def test_windows_follow_opening_hours_and_start_after_the_preparation_time(point):
    windows = pickup_windows(point, at(2026, 3, 2, 8, 0))  # Monday 8:00 + 4 h
    assert starts(windows, 5) == [at(2026, 3, 2, h) for h in (12, 13, 14, 15)] + [at(2026, 3, 3, 8)]
    assert (windows[0].end, windows[0].left) == (at(2026, 3, 2, 13), 3)


def test_a_window_starting_exactly_when_the_preparation_ends_is_offered(point):
    assert pickup_windows(point, at(2026, 3, 2, 9, 0))[0].start == at(2026, 3, 2, 13)
    assert pickup_windows(point, at(2026, 3, 2, 9, 0, 1))[0].start == at(2026, 3, 2, 14)  # one second late: the next window


def test_preparation_crossing_closing_time_moves_to_the_next_day(point):
    assert pickup_windows(point, at(2026, 3, 2, 11, 59))[0].start == at(2026, 3, 3, 8)


def test_preparation_crossing_midnight():
    point = make_point(lead=12)
    assert pickup_windows(point, at(2026, 3, 2, 20, 0))[0].start == at(2026, 3, 3, 8)  # exactly 12 h
    assert pickup_windows(point, at(2026, 3, 2, 20, 30))[0].start == at(2026, 3, 3, 9)


def test_friday_afternoon_goes_to_saturday_when_open_else_to_monday(point):
    assert pickup_windows(point, at(2026, 3, 6, 14, 0))[0].start == at(2026, 3, 7, 9)
    weekdays_only = make_point("Punkt 2", saturday=False)
    windows = pickup_windows(weekdays_only, at(2026, 3, 6, 14, 0))
    assert windows[0].start == at(2026, 3, 9, 8)
    assert all(w.start.weekday() < 5 for w in windows)  # no opening hours on weekends: closed


def test_public_holidays_are_closed_even_when_open_on_that_weekday(point):
    windows = pickup_windows(point, at(2026, 4, 30, 15, 0))  # Thursday; 1 May is a Friday
    assert windows[0].start == at(2026, 5, 2, 9)  # Saturday 2 May is open
    assert not [w for w in windows if w.start.date().isoformat() in ("2026-05-01", "2026-05-03")]
    assert pickup_windows(point, at(2026, 11, 10, 13, 0))[0].start == at(2026, 11, 12, 8)  # 11 November
    assert pickup_windows(point, at(2026, 8, 14, 13, 0))[0].start == at(2026, 8, 17, 8)  # Saturday 15 August


def test_closed_days_of_the_point(point):
    PickupClosure.objects.create(point=point, date=at(2026, 3, 3).date(), reason="Inwentaryzacja")
    windows = pickup_windows(point, at(2026, 3, 2, 15, 0))
    assert windows[0].start == at(2026, 3, 4, 8)


def test_several_opening_rows_a_day():
    point = make_point(hours=[(0, 8, 12), (0, 13, 16)])
    assert [w.start.hour for w in pickup_windows(point, at(2026, 3, 2, 0, 0)) if w.start.day == 2] == [8, 9, 10, 11, 13, 14, 15]


def test_a_window_shorter_than_the_window_length_is_not_offered():
    point = make_point(hours=[(0, 8, 10), (0, 12, 13)])
    point.window_minutes = 90
    point.save()
    assert [(w.start.hour, w.start.minute) for w in pickup_windows(point, at(2026, 3, 2)) if w.start.day == 2] == [(8, 0)]


def test_capacity_counts_bookings_but_not_cancelled_orders(point, world):
    noon = at(2026, 3, 2, 12)
    book(point, noon, world.company)
    book(point, noon, world.company, status=Order.Status.CANCELLED)
    assert pickup_windows(point, at(2026, 3, 2, 8))[0].left == 2
    book(point, noon, world.company)
    book(point, noon, world.company)
    first = pickup_windows(point, at(2026, 3, 2, 8))[0]
    assert (first.start, first.left, first.is_full) == (noon, 0, True)


def test_bookings_are_read_in_one_query(point, world, django_assert_max_num_queries):
    for hour in (12, 13, 14):
        book(point, at(2026, 3, 2, hour), world.company)
    point = type(point).objects.prefetch_related("opening_hours").get(pk=point.pk)
    with django_assert_max_num_queries(2):  # closed days + bookings
        windows = pickup_windows(point, at(2026, 3, 2, 8))
    assert [w.left for w in windows[:4]] == [2, 2, 2, 3]


def test_days_ahead_and_inactive_points(point):
    windows = pickup_windows(point, at(2026, 3, 2, 0, 0))
    assert windows[-1].start.date() == date(2026, 3, 14)  # 14 days from today on: the last one a Saturday (15 March is a Sunday)
    point.is_active = False
    assert pickup_windows(point, at(2026, 3, 2)) == []
