"""Booking a pickup window through order_place (L07): the window, the driver's data, capacity,
the order's info lines and ERP comments; a refused booking writes no order."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from backoffice.orders.checkout_methods import DELIVERY, method_handler
from backoffice.orders.models import Order
from backoffice.pickup.models import PickupBooking

from .conftest import at, book, make_point, value
from tests.checkout.conftest import fill, place

pytestmark = pytest.mark.django_db
NOW = at(2026, 3, 2, 8, 0)  # Monday 8:00 on the checkout tests' TODAY


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    """The checkout context reads timezone.now(): pin it to TODAY 8:00 for the windows."""
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def buyer(world, shop, cart):
    world.company.may_buy_on_terms = True
    world.company.save(update_fields=["may_buy_on_terms"])
    fill(cart, world.user, (shop.bit, "3"))
    return world


def pickup(point, start, **extra):
    fields = {"pickup_window": value(point, start), "pickup_driver_name": "Jan Kowalski", "pickup_driver_phone": "+48 600 100 200",
              "pickup_vehicle": "el 12345", "pickup_notes": "Przyjedzie busem"}
    fields.update(extra)
    return {"delivery_method": "pickup", "payment_method": "on_terms", "extra": fields}


def test_placing_books_the_window_free_of_charge(buyer, cart, shop, point):
    order = place(cart, buyer.user, shop, **pickup(point, at(2026, 3, 2, 12)))

    booking = PickupBooking.objects.get(order=order)
    assert (booking.point, booking.starts_at, booking.ends_at) == (point, at(2026, 3, 2, 12), at(2026, 3, 2, 13))
    assert (booking.driver_name, booking.driver_phone, booking.vehicle_registration) == ("Jan Kowalski", "+48 600 100 200", "EL 12345")
    assert order.delivery_method == "pickup" and order.shipping_net == Decimal("0")
    handler = method_handler(DELIVERY, "pickup")
    with translation.override("en"):
        info = handler.order_info(order)
        comments = handler.erp_comments(order)
    assert info[0].startswith("Pickup: Magazyn Łódź,") and "12:00–13:00" in info[0] and "Jan Kowalski (+48 600 100 200, EL 12345)" in info[0]
    assert "12:00–13:00" in comments[0] and "+48 600 100 200" in comments[0] and comments[1] == "Pickup notes: Przyjedzie busem"
    erp_comments = order.handoffs.get().document["comments"]  # the warehouse reads the window in the ERP document
    assert any("12:00–13:00" in c and "Jan Kowalski" in c and "EL 12345" in c for c in erp_comments)


@pytest.mark.parametrize("extra, field", [
    ({"pickup_window": ""}, "pickup_window"),
    ({"pickup_window": "garbage"}, "pickup_window"),
    ({"pickup_driver_name": " "}, "pickup_driver_name"),
    ({"pickup_driver_phone": ""}, "pickup_driver_phone"),
    ({"pickup_driver_phone": "call me"}, "pickup_driver_phone"),
    ({"pickup_vehicle": "<script>"}, "pickup_vehicle"),
])
def test_missing_or_bad_pickup_data_is_refused_and_nothing_is_written(buyer, cart, shop, point, extra, field):
    with pytest.raises(ValidationError) as error:
        place(cart, buyer.user, shop, **pickup(point, at(2026, 3, 2, 12), **extra))
    assert field in error.value.message_dict
    assert not Order.objects.exists() and not PickupBooking.objects.exists()


@pytest.mark.parametrize("start", [
    at(2026, 3, 2, 11),  # inside the preparation time
    at(2026, 3, 2, 12, 30),  # not a window boundary
    at(2026, 3, 2, 16),  # after closing
    at(2026, 3, 8, 10),  # Sunday
    at(2026, 3, 30, 10),  # beyond the days offered
])
def test_a_window_that_is_not_offered_is_refused(buyer, cart, shop, point, start):
    with pytest.raises(ValidationError) as error:
        place(cart, buyer.user, shop, **pickup(point, start))
    assert list(error.value.message_dict) == ["pickup_window"]
    assert not Order.objects.exists()


def test_a_full_window_is_refused_and_another_one_is_fine(buyer, cart, shop, point):
    noon = at(2026, 3, 2, 12)
    other = make_point("Inny").pk
    for _ in range(3):
        book(point, noon, buyer.company)
    with pytest.raises(ValidationError) as error:
        place(cart, buyer.user, shop, **pickup(point, noon))
    assert list(error.value.message_dict) == ["pickup_window"]
    with pytest.raises(ValidationError) as error:  # the window of one point, the point field says another
        place(cart, buyer.user, shop, **pickup(point, at(2026, 3, 2, 13), pickup_point=other))
    assert list(error.value.message_dict) == ["pickup_window"]
    order = place(cart, buyer.user, shop, **pickup(point, at(2026, 3, 2, 13)))
    assert order.pickup_booking.starts_at == at(2026, 3, 2, 13)


def test_pickup_is_not_offered_without_a_free_window(buyer, cart, shop):
    with pytest.raises(ValidationError) as error:
        place(cart, buyer.user, shop, delivery_method="pickup", payment_method="on_terms")
    assert "delivery_method" in error.value.message_dict
    point = make_point(days_ahead=1)  # today only: 12:00-15:00, 3 windows
    for hour in (12, 13, 14, 15):
        for _ in range(3):
            book(point, at(2026, 3, 2, hour), buyer.company)
    with pytest.raises(ValidationError) as error:
        place(cart, buyer.user, shop, **pickup(point, at(2026, 3, 2, 12)))
    assert "delivery_method" in error.value.message_dict


def test_the_courier_ignores_the_pickup_fields(buyer, cart, shop, point):
    order = place(cart, buyer.user, shop, delivery_method="courier", payment_method="on_terms",
                  extra={"pickup_window": "", "pickup_driver_name": ""})
    assert order.delivery_method == "courier" and not PickupBooking.objects.exists()
