"""Access-matrix rules of the pickup area (see tests/access_matrix_rules.py and tests/access_rules/__init__.py).

"Pickups of the day" (L07) is a Logistics screen: staff with Logistics rights (administrators)
see it and mark pickups collected; other staff get 404 like the other custom admin screens of a
section they do not have. The pickup points and bookings themselves follow the admin group rule.
"""
from tests.access_matrix_rules import ADMIN_WALL, Rule, S

DAY = "/admin/pickup/pickupbooking/day/"

RULES: tuple[Rule, ...] = (
    Rule(
        "admin-pickup-day",
        names=("admin:pickup_pickupbooking_day",),
        every=ADMIN_WALL,
        samples=(
            S(DAY, staff="404", admin="ok"),
            S(DAY + "?date=2026-03-02", staff="404", admin="ok"),
            S(DAY + "?date=2026-13-45", staff="404", admin="ok"),  # the error is shown, today's list
            # "collected": back to the day's list; a missing booking is a 404 for everybody
            S(DAY, method="POST", data={"date": "2026-03-02", "booking": "{pickup_booking}"}, staff="404", admin=f"redirect:{DAY}"),
            S(DAY, method="POST", data={"booking": "999999"}, staff="404"),
        ),
    ),
)


def world(users, values) -> dict:
    """A booking of the customer's company in a pickup window on 2 March 2026."""
    from datetime import datetime

    from django.utils import timezone

    from backoffice.orders.models import Order
    from backoffice.pickup.models import PickupBooking, PickupPoint

    point = PickupPoint.objects.create(name="Matrix pickup", address="ul. Testowa 1")
    order = Order.objects.create(company=users["customer"].company, number="MATRIX/PICKUP/1", placed_by=users["customer"])
    start = timezone.make_aware(datetime(2026, 3, 2, 12), timezone.get_default_timezone())
    booking = PickupBooking.objects.create(order=order, point=point, starts_at=start, ends_at=start + timezone.timedelta(hours=1),
                                           driver_name="Jan", driver_phone="600100200")
    return {"pickup_booking": booking.pk}
