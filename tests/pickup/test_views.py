"""Pickup on the checkout page (the windows grid, placing with a window) and "Pickups of the day"
in the back office (the list by window, the "collected" button, access)."""
import html
import re

import pytest
from django.utils import timezone

from backoffice.core.roles import Role
from backoffice.orders.models import Order
from backoffice.pickup.models import PickupBooking

from .conftest import at, book, make_point
from tests.checkout.conftest import fill

pytestmark = pytest.mark.django_db
DAY_URL = "/admin/pickup/pickupbooking/day/"
EVERY_DAY = [(day, 8, 16) for day in range(7)]


def token_of(text: str) -> str:
    return re.search(r'name="token" value="([0-9a-f]{32})"', text).group(1)


def free_windows(text: str) -> list[str]:
    return [html.unescape(v) for v in re.findall(r'name="pickup_window" value="([^"]+)"(?! disabled)>', text)]


def test_checkout_shows_the_pickup_windows_with_the_places_left(shopper, cart, world, shop):
    point = make_point(hours=EVERY_DAY, days_ahead=3)
    fill(cart, world.user, (shop.bit, "2"))
    first = timezone.localtime(timezone.now()) + timezone.timedelta(days=1)
    full_start = at(first.year, first.month, first.day, 10)
    if full_start.date().isoformat() not in {"2026-12-24", "2026-12-25", "2026-12-26", "2027-01-01", "2027-01-06"}:
        for _ in range(3):
            book(point, full_start, world.company)

    text = shopper.get("/checkout/").content.decode()

    assert 'value="pickup"' in text and 'id="pickup-panel"' in text
    assert 'data-left="3"' in text
    windows = free_windows(text)
    assert windows and all(w.startswith(f"{point.pk}|") for w in windows)
    if PickupBooking.objects.exists():
        assert 'class="pickup-slot full" data-left="0"' in text
        assert f"{point.pk}|{full_start.isoformat()}" not in windows  # the full window cannot be chosen
    assert 'name="pickup_driver_name"' in text and 'name="pickup_driver_phone"' in text


def test_with_several_points_the_buyer_chooses_the_point_too(shopper, cart, world, shop):
    first, second = make_point("Magazyn A", hours=EVERY_DAY, days_ahead=2), make_point("Magazyn B", hours=EVERY_DAY, days_ahead=2)
    make_point("Zamknięty", hours=EVERY_DAY, is_active=False)
    fill(cart, world.user, (shop.bit, "2"))
    text = shopper.get("/checkout/").content.decode()
    assert f'name="pickup_point" value="{first.pk}"' in text and f'name="pickup_point" value="{second.pk}"' in text
    assert {w.split("|")[0] for w in free_windows(text)} == {str(first.pk), str(second.pk)}  # not the inactive point


def test_placing_with_pickup_on_the_checkout_page(shopper, cart, world, shop):
    world.company.may_buy_on_terms = True
    world.company.save(update_fields=["may_buy_on_terms"])
    point = make_point(hours=EVERY_DAY, days_ahead=3)
    fill(cart, world.user, (shop.bit, "2"))
    text = shopper.get("/checkout/").content.decode()
    data = {"token": token_of(text), "delivery_address": str(shop.address.pk), "requested_delivery_date": "", "customer_reference": "",
            "notes": "", "delivery_method": "pickup", "payment_method": "on_terms", "pickup_driver_name": "Jan Kowalski",
            "pickup_driver_phone": "", "pickup_window": ""}

    refused = shopper.post("/checkout/", data)  # no window, no phone: the form again, nothing placed
    assert refused.status_code == 200 and not Order.objects.exists()
    assert {"pickup_window", "pickup_driver_phone"} <= set(refused.context["form"].errors)
    assert 'pickup-window-error' in refused.content.decode()

    window = free_windows(text)[0]
    data.update(pickup_window=window, pickup_driver_phone="600 100 200")
    response = shopper.post("/checkout/", data)
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/checkout/placed/{order.pk}/"
    assert order.pickup_booking.point == point and window.endswith(order.pickup_booking.starts_at.astimezone(timezone.get_default_timezone()).isoformat())
    placed = shopper.get(response["Location"]).content.decode()
    assert f"{timezone.localtime(order.pickup_booking.starts_at):%H:%M}–" in placed and "Jan Kowalski" in placed


def test_pickups_of_the_day_lists_bookings_by_window_and_marks_them_collected(client, admin_user, world, point):
    first = book(point, at(2026, 3, 2, 12), world.company, number="ZAM/2026/000001")
    book(point, at(2026, 3, 2, 12), world.company, number="ZAM/2026/000002")
    book(point, at(2026, 3, 3, 12), world.company, number="ZAM/2026/000003")  # another day
    client.force_login(admin_user)

    text = client.get(DAY_URL, {"date": "2026-03-02"}).content.decode()

    assert text.count('class="flex flex-col gap-2 pickup-window"') == 1
    assert "ZAM/2026/000001" in text and "ZAM/2026/000002" in text and "ZAM/2026/000003" not in text
    assert f'href="/admin/orders/order/{first.order_id}/change/"' in text and world.company.name in text
    assert 'data-count="2" data-collected="0"' in text

    response = client.post(DAY_URL, {"date": "2026-03-02", "booking": str(first.pk)})
    assert response.status_code == 302 and response["Location"] == f"{DAY_URL}?date=2026-03-02"
    first.refresh_from_db()
    assert first.collected_at is not None and first.collected_by == admin_user
    assert 'data-count="2" data-collected="1"' in client.get(DAY_URL, {"date": "2026-03-02"}).content.decode()
    client.post(DAY_URL, {"date": "2026-03-02", "booking": str(first.pk)})  # twice: still the first handover
    assert PickupBooking.objects.get(pk=first.pk).collected_at == first.collected_at


def test_pickups_of_the_day_defaults_to_today_and_reports_a_bad_date(client, admin_user):
    client.force_login(admin_user)
    response = client.get(DAY_URL)
    assert response.status_code == 200 and response.context["day"] == timezone.localdate()
    assert 'id="no-pickups"' in response.content.decode()
    response = client.get(DAY_URL, {"date": "2026-13-45"})
    assert response.status_code == 200 and response.context["date_error"]


@pytest.mark.parametrize("role", [Role.SALES_MANAGER, Role.SALES_REP, Role.MARKETING])
def test_only_logistics_staff_see_the_pickups_of_the_day(client, make_user, role, point, world):
    booking = book(point, at(2026, 3, 2, 12), world.company)
    client.force_login(make_user(role))
    assert client.get(DAY_URL).status_code == 404
    assert client.post(DAY_URL, {"booking": str(booking.pk)}).status_code == 404
    assert PickupBooking.objects.get(pk=booking.pk).collected_at is None
