"""Pickup test data: the demo-like point (Mon-Fri 8-16, Sat 9-13, 1-hour windows for 3 pickups,
4 hours to prepare) and helpers for aware Warsaw times and bookings."""
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from backoffice.orders.models import Order
from backoffice.pickup.models import PickupBooking, PickupOpeningHours, PickupPoint
from backoffice.pickup.services import window_value
from tests.checkout.conftest import cart, shop  # noqa: F401 - fixtures for the placing tests

WEEKDAYS = (0, 1, 2, 3, 4)


def at(year, month, day, hour=0, minute=0, second=0) -> datetime:
    """An aware Europe/Warsaw moment."""
    return timezone.make_aware(datetime(year, month, day, hour, minute, second), timezone.get_default_timezone())


def make_point(name="Magazyn Łódź", *, saturday=True, capacity=3, lead=4, days_ahead=14, hours=None, **fields) -> PickupPoint:
    point = PickupPoint.objects.create(name=name, address="ul. Magazynowa 10\n90-001 Łódź", capacity=capacity, lead_time_hours=lead,
                                       window_minutes=60, days_ahead=days_ahead, **fields)
    rows = hours if hours is not None else [(day, 8, 16) for day in WEEKDAYS] + ([(5, 9, 13)] if saturday else [])
    PickupOpeningHours.objects.bulk_create(PickupOpeningHours(point=point, weekday=d, opens=time(o), closes=time(c)) for d, o, c in rows)
    return point


def book(point, start, company, *, status=Order.Status.PLACED, number=None) -> PickupBooking:
    """A booking made earlier by another order (straight in the table)."""
    order = Order.objects.create(company=company, number=number or f"T/{PickupBooking.objects.count() + 1}/{start:%H%M}", status=status)
    return PickupBooking.objects.create(order=order, point=point, starts_at=start, ends_at=start + timedelta(minutes=point.window_minutes),
                                        driver_name="Jan", driver_phone="600100200")


@pytest.fixture
def point(db):
    return make_point()


def value(point, start) -> str:
    return window_value(point.pk, start)
