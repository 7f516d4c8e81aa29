"""L06 on the checkout page: the panel with the label upload, placing with a multipart POST, and
a refused file shown on its field without an order."""
import re

import pytest

from backoffice.orders.models import Order
from backoffice.own_courier.models import OwnCourierLabel

from .conftest import fill, pdf_upload, png_upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_terms")]


def form_data(page, shop, **changes) -> dict:
    token = re.search(r'name="token" value="([0-9a-f]{32})"', page.content.decode()).group(1)
    data = {"token": token, "delivery_address": str(shop.address.pk), "requested_delivery_date": "", "customer_reference": "",
            "notes": "", "delivery_method": "own_courier", "payment_method": "on_terms", "own_courier_number": "INPOST-5566",
            "own_courier_carrier": "InPost"}
    data.update(changes)
    return data


def test_panel_asks_for_the_label_and_number(shopper, cart, world, shop):
    fill(cart, world.user, (shop.bit, "3"))
    html = shopper.get("/checkout/").content.decode()
    assert 'data-panel-for="own_courier"' in html and 'class="own-courier-panel"' in html
    assert 'type="file" name="own_courier_label"' in html and 'accept="application/pdf,image/png,image/jpeg' in html
    assert 'name="own_courier_number"' in html and 'name="own_courier_carrier"' in html


def test_placing_with_a_label_from_the_page(shopper, cart, world, shop):
    fill(cart, world.user, (shop.bit, "3"))
    page = shopper.get("/checkout/")
    response = shopper.post("/checkout/", {**form_data(page, shop), "own_courier_label": png_upload("etykieta.png")})
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/checkout/placed/{order.pk}/"
    label = OwnCourierLabel.objects.get(order=order)
    assert (label.number, label.carrier, label.content_type) == ("INPOST-5566", "InPost", "image/png")
    assert "INPOST-5566" in shopper.get(response["Location"]).content.decode()


def test_a_fake_pdf_is_refused_on_its_field(shopper, cart, world, shop):
    fill(cart, world.user, (shop.bit, "3"))
    page = shopper.get("/checkout/")
    response = shopper.post("/checkout/", {**form_data(page, shop), "own_courier_label": pdf_upload(content=b"<html>not a pdf</html>")})
    assert response.status_code == 200 and not Order.objects.exists() and not OwnCourierLabel.objects.exists()
    assert response.context["form"].errors["own_courier_label"]


def test_without_label_and_number_both_fields_say_so(shopper, cart, world, shop):
    fill(cart, world.user, (shop.bit, "3"))
    response = shopper.post("/checkout/", form_data(shopper.get("/checkout/"), shop, own_courier_number=""))
    errors = response.context["form"].errors
    assert "own_courier_label" in errors and "own_courier_number" in errors and not Order.objects.exists()
