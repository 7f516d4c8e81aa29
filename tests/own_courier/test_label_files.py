"""L06: a label is checked by what it contains, not by its name or the browser's content type."""
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from backoffice.orders.checkout_methods import MethodContext
from backoffice.own_courier.handler import HANDLER, LABEL, NUMBER
from backoffice.own_courier.label_files import JPEG, PDF, PNG, LabelRefused, label_inspect, safe_name, sniff

from .conftest import PDF_BYTES, image_bytes, own_courier_extra, pdf_upload, png_upload


def test_real_pdf_png_and_jpeg_are_accepted():
    assert label_inspect(pdf_upload()).content_type == PDF
    png = label_inspect(png_upload())
    assert (png.content_type, png.name) == (PNG, "label.png")
    jpeg = label_inspect(SimpleUploadedFile("photo.JPEG", image_bytes("JPEG"), content_type="image/jpeg"))
    assert (jpeg.content_type, jpeg.name) == (JPEG, "photo.jpg")
    assert len(png.sha256) == 64 and png.size == len(image_bytes("PNG"))


def test_a_file_renamed_to_pdf_is_refused():
    with pytest.raises(LabelRefused):
        label_inspect(pdf_upload("label.pdf", b"MZ\x90\x00 this is an exe renamed to .pdf"))
    with pytest.raises(LabelRefused):  # starts like a PDF but is cut off
        label_inspect(pdf_upload("label.pdf", b"%PDF-1.4\n" + b"x" * 5000))


def test_a_zip_is_refused_whatever_its_name_and_type():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("label.pdf", PDF_BYTES)
    with pytest.raises(LabelRefused):
        label_inspect(pdf_upload("label.pdf", buffer.getvalue()))


def test_a_broken_image_is_refused():
    png = image_bytes("PNG")
    with pytest.raises(LabelRefused):
        label_inspect(SimpleUploadedFile("label.png", png[:40] + b"\x00" * 30, content_type="image/png"))


def test_empty_and_oversized_labels_are_refused():
    with pytest.raises(LabelRefused):
        label_inspect(SimpleUploadedFile("label.pdf", b"", content_type="application/pdf"))
    big = PDF_BYTES[:-6] + b" " * (1024 * 1024) + b"%%EOF\n"
    with override_settings(OWN_COURIER_LABEL_MAX_MB=1):
        with pytest.raises(LabelRefused):
            label_inspect(pdf_upload(content=big))
    assert label_inspect(pdf_upload(content=big)).size == len(big)  # the default limit is 5 MB


def test_the_file_is_left_at_its_start_for_the_next_reader():
    upload = pdf_upload()
    label_inspect(upload)
    assert upload.read() == PDF_BYTES


@pytest.mark.parametrize("original, expected", [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("C:\\Users\\jan\\Etykieta DPD.PDF", "Etykieta DPD.pdf"),
    ("<script>x</script>.png", "script.pdf"), ("a<b>c\x00.png", "a_b_c.pdf"),
    ("", "label.pdf"),
    ("label.exe", "label.pdf"),
])
def test_names_are_sanitised_and_get_the_real_extension(original, expected):
    assert safe_name(original, PDF) == expected


def test_sniff_knows_only_the_three_types():
    assert sniff(b"GIF89a") is None and sniff(b"%PDF-1.7") == PDF


def test_validate_asks_for_the_label_and_a_sane_number(db):
    ctx = MethodContext(company=None, user=None, view=None, currency="PLN", goods_net=0, goods_gross=0)
    assert HANDLER.validate(ctx, own_courier_extra()) == {}
    errors = HANDLER.validate(ctx, {})
    assert set(errors) == {LABEL, NUMBER}
    errors = HANDLER.validate(ctx, own_courier_extra(label=pdf_upload(content=b"not a pdf"), number="<b>1</b>"))
    assert set(errors) == {LABEL, NUMBER}
