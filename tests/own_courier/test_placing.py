"""L06: placing an order shipped by the buyer's own courier: the label is stored privately (outside
MEDIA_ROOT, random name), no shipping fee, staff get it by email, the buyer and the ERP are told the
number; a bad label refuses the order and writes nothing."""
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from backoffice.orders.checkout_methods import order_method_info
from backoffice.orders.handoff import documents_for
from backoffice.orders.models import Order
from backoffice.own_courier.handler import LABEL, NUMBER
from backoffice.own_courier.models import OwnCourierLabel
from backoffice.own_courier.notify import label_staff_recipients

from .conftest import PDF_BYTES, fill, own_courier_extra, pdf_upload, place, png_upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_terms")]


def place_own_courier(cart, world, shop, **extra):
    fill(cart, world.user, (shop.bit, "3"))
    return place(cart, world.user, shop, delivery_method="own_courier", payment_method="on_terms", extra=own_courier_extra(**extra))


def test_label_is_stored_privately_with_a_random_name(cart, world, shop, staff_admin):
    order = place_own_courier(cart, world, shop, label=pdf_upload("../Moja etykieta.pdf"), number=" DPD 123 456 ")
    label = OwnCourierLabel.objects.get(order=order)
    assert (label.original_name, label.content_type, label.size, label.number, label.carrier) == (
        "Moja etykieta.pdf", "application/pdf", len(PDF_BYTES), "DPD 123 456", "DPD")
    path = Path(label.file.path).resolve()
    private, media = Path(settings.PRIVATE_MEDIA_ROOT).resolve(), Path(settings.MEDIA_ROOT).resolve()
    assert private in path.parents and media not in path.parents
    assert path.read_bytes() == PDF_BYTES and "etykieta" not in path.name.lower() and path.suffix == ".pdf"
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)
    with pytest.raises(ValueError):
        label.file.url  # noqa: B018 - private files have no URL


def test_no_shipping_fee_and_totals_of_the_goods_only(cart, world, shop):
    order = place_own_courier(cart, world, shop)
    assert (order.delivery_method, order.shipping_net) == ("own_courier", Decimal("0.00"))
    assert (order.net, order.gross) == (Decimal("30.00"), Decimal("36.90"))


def test_staff_get_the_label_by_email(cart, world, shop, staff_admin, settings, django_capture_on_commit_callbacks):
    settings.ADMINS = [("Ops", "ops@example.pl")]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        order = place_own_courier(cart, world, shop, label=png_upload("scan.png"))
    assert label_staff_recipients() == sorted(["admin-logistyka@example.pl", "ops@example.pl"])
    staff_mails = [m for m in mail.outbox if "admin-logistyka@example.pl" in m.to]
    assert len(staff_mails) == 1
    message = staff_mails[0]
    assert world.user.email not in message.to  # the buyer gets the confirmation only
    assert order.number in message.subject and order.number in message.body and world.company.name in message.body
    assert "DPD0001234567" in message.body
    (name, content, mimetype), = message.attachments
    assert (name, mimetype) == ("scan.png", "image/png") and content.startswith(b"\x89PNG")


def test_buyer_and_erp_are_told_the_courier_and_number(cart, world, shop, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order = place_own_courier(cart, world, shop, carrier="InPost", number="IP-998877")
    with translation.override("en"):
        info, actions = order_method_info(order)
    assert "Your courier: InPost IP-998877" in info and actions == []
    documents = documents_for(order)
    assert all(any("IP-998877" in c for c in document.get("comments", [])) for document in documents)
    confirmation = next(m for m in mail.outbox if world.user.email in m.to)
    assert "IP-998877" in confirmation.body


@pytest.mark.parametrize("extra, field", [
    ({"label": pdf_upload(content=b"PK\x03\x04 renamed zip")}, LABEL),
    ({"number": ""}, NUMBER),
])
def test_a_bad_label_or_number_refuses_the_order_and_writes_nothing(cart, world, shop, extra, field):
    fill(cart, world.user, (shop.bit, "3"))
    with pytest.raises(ValidationError) as refused:
        place(cart, world.user, shop, delivery_method="own_courier", payment_method="on_terms", extra=own_courier_extra(**extra))
    assert field in refused.value.message_dict
    assert not Order.objects.exists() and not OwnCourierLabel.objects.exists()
    assert cart.lines.count() == 1


def test_missing_label_is_refused(cart, world, shop):
    fill(cart, world.user, (shop.bit, "3"))
    with pytest.raises(ValidationError) as refused:
        place(cart, world.user, shop, delivery_method="own_courier", payment_method="on_terms", extra={"own_courier_number": "DPD123"})
    assert LABEL in refused.value.message_dict and not Order.objects.exists()


def test_other_delivery_methods_ignore_the_label_fields(cart, world, shop):
    fill(cart, world.user, (shop.bit, "3"))
    order = place(cart, world.user, shop, delivery_method="courier", extra={"own_courier_label": None, "own_courier_number": ""})
    assert order.delivery_method == "courier" and not OwnCourierLabel.objects.exists()
