"""Own-courier tests reuse the checkout world (tests/checkout/conftest.py) and make label files."""
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.checkout.conftest import TODAY, cart, checkout_data, fill, place, shop  # noqa: F401  (fixtures and helpers)

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def image_bytes(fmt: str = "PNG", size=(40, 20)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def pdf_upload(name: str = "etykieta.pdf", content: bytes = PDF_BYTES, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def png_upload(name: str = "label.png"):
    return SimpleUploadedFile(name, image_bytes("PNG"), content_type="image/png")


def own_courier_extra(label=None, number="DPD0001234567", carrier="DPD") -> dict:
    return {"own_courier_label": pdf_upload() if label is None else label, "own_courier_number": number, "own_courier_carrier": carrier}


@pytest.fixture
def staff_admin(make_user):
    from backoffice.core.roles import Role

    return make_user(Role.ADMIN, email="admin-logistyka@example.pl")


@pytest.fixture
def on_terms(world):
    """The customer may pay on terms (cash on delivery goes with our courier only)."""
    world.company.may_buy_on_terms = True
    world.company.save(update_fields=["may_buy_on_terms"])
    return world.company
