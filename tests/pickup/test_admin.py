"""Pickup in the back office: points with opening hours (overlaps refused), bookings with the
"collected" action, and the demo data command."""
from datetime import time
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from backoffice.pickup.models import PickupBooking, PickupOpeningHours, PickupPoint, overlapping_rows

from .conftest import at, book

pytestmark = pytest.mark.django_db
POINTS = "/admin/pickup/pickuppoint/"


def point_form(**changes):
    data = {"name": "Magazyn Łódź", "address": "ul. Magazynowa 10", "warehouse": "", "is_active": "on", "lead_time_hours": "4",
            "window_minutes": "60", "capacity": "3", "days_ahead": "14",
            "opening_hours-TOTAL_FORMS": "2", "opening_hours-INITIAL_FORMS": "0", "opening_hours-MIN_NUM_FORMS": "0",
            "opening_hours-MAX_NUM_FORMS": "1000",
            "opening_hours-0-weekday": "0", "opening_hours-0-opens": "08:00", "opening_hours-0-closes": "12:00",
            "opening_hours-1-weekday": "0", "opening_hours-1-opens": "12:30", "opening_hours-1-closes": "16:00",
            "closures-TOTAL_FORMS": "1", "closures-INITIAL_FORMS": "0", "closures-MIN_NUM_FORMS": "0", "closures-MAX_NUM_FORMS": "1000",
            "closures-0-date": "2026-03-03", "closures-0-reason": "Inwentaryzacja"}
    data.update(changes)
    return data


def test_staff_add_a_point_with_opening_hours_and_a_closed_day(client, admin_user):
    client.force_login(admin_user)
    response = client.post(POINTS + "add/", point_form())
    assert response.status_code == 302, response.context["errors"] if response.context else response
    point = PickupPoint.objects.get()
    assert [(h.opens, h.closes) for h in point.opening_hours.all()] == [(time(8), time(12)), (time(12, 30), time(16))]
    assert point.closures.get().reason == "Inwentaryzacja"


@pytest.mark.parametrize("changes", [
    {"opening_hours-1-opens": "11:00"},  # overlaps 8-12
    {"opening_hours-1-opens": "12:30", "opening_hours-1-closes": "12:00"},  # closes before it opens
])
def test_overlapping_or_reversed_opening_hours_are_refused(client, admin_user, changes):
    client.force_login(admin_user)
    response = client.post(POINTS + "add/", point_form(**changes))
    assert response.status_code == 200 and not PickupPoint.objects.exists()


def test_overlap_rules_and_the_model_check():
    assert overlapping_rows([(0, time(8), time(12)), (0, time(12), time(16)), (1, time(8), time(16))]) == []
    assert overlapping_rows([(0, time(8), time(12)), (0, time(11), time(16))]) == [(0, time(11), time(16))]
    with pytest.raises(ValidationError):
        PickupOpeningHours(weekday=0, opens=time(16), closes=time(8)).clean()


def test_bookings_list_and_the_collected_action(client, admin_user, world, point):
    booking = book(point, at(2026, 3, 2, 12), world.company, number="ZAM/2026/000009")
    client.force_login(admin_user)
    assert "ZAM/2026/000009" in client.get("/admin/pickup/pickupbooking/").content.decode()
    assert client.get(f"/admin/pickup/pickupbooking/{booking.pk}/change/").status_code == 200
    response = client.post("/admin/pickup/pickupbooking/", {"action": "mark_collected", "_selected_action": [booking.pk]})
    assert response.status_code == 302
    assert PickupBooking.objects.get(pk=booking.pk).collected_by == admin_user
    assert client.get(POINTS).status_code == 200 and client.get(f"{POINTS}{point.pk}/change/").status_code == 200


def test_demo_pickup_point_is_idempotent():
    call_command("load_demo_pickup", stdout=StringIO())
    call_command("load_demo_pickup", stdout=StringIO())
    point = PickupPoint.objects.get()
    assert (point.name, point.capacity, point.lead_time_hours, point.window_minutes) == ("Magazyn Łódź", 3, 4, 60)
    hours = [(h.weekday, h.opens.hour, h.closes.hour) for h in point.opening_hours.all()]
    assert hours == [(0, 8, 16), (1, 8, 16), (2, 8, 16), (3, 8, 16), (4, 8, 16), (5, 9, 13)]
