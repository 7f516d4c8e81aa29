"""L06: staff download the label through a permission-checked view; the list shows labels of
the customers the staff member may see."""
import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from backoffice.core.roles import Role
from backoffice.own_courier.admin import order_label_link
from backoffice.own_courier.models import OwnCourierLabel

from .conftest import PDF_BYTES, fill, own_courier_extra, pdf_upload, place

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_terms")]


@pytest.fixture
def label(cart, world, shop):
    fill(cart, world.user, (shop.bit, "1"))
    order = place(cart, world.user, shop, delivery_method="own_courier", payment_method="on_terms",
                  extra=own_courier_extra(label=pdf_upload('etykieta "DPD".pdf')))
    return OwnCourierLabel.objects.get(order=order)


def download(client, label):
    return client.get(reverse("admin:own_courier_owncourierlabel_download", args=(label.pk,)))


def test_admin_downloads_the_label_as_an_attachment(client, label, admin_user):
    client.force_login(admin_user)
    response = download(client, label)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;") and 'filename="etykieta _DPD.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("role", [Role.SALES_MANAGER, Role.SALES_REP, Role.MARKETING])
def test_staff_without_the_permission_are_refused(client, label, make_user, role):
    client.force_login(make_user(role))
    assert download(client, label).status_code == 403


def test_a_group_permission_lets_a_logistics_person_download(client, label, make_user):
    person = make_user(Role.SALES_MANAGER)
    group = Group.objects.create(name="Logistyka")
    group.permissions.add(Permission.objects.get(content_type__app_label="own_courier", codename="view_owncourierlabel"))
    person.groups.add(group)
    client.force_login(person)
    assert download(client, label).status_code == 200


def test_buyers_never_reach_the_label(client, label, world):
    response = download(client, label)  # anonymous
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    client.force_login(world.user)
    assert download(client, label).status_code == 404  # the back office does not exist for buyers


def test_missing_label_is_404(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("admin:own_courier_owncourierlabel_download", args=(999999,))).status_code == 404


def test_list_and_detail_pages_render_with_the_download_link(client, label, admin_user):
    client.force_login(admin_user)
    listing = client.get(reverse("admin:own_courier_owncourierlabel_changelist"))
    assert listing.status_code == 200
    url = reverse("admin:own_courier_owncourierlabel_download", args=(label.pk,))
    assert url.encode() in listing.content and b"DPD0001234567" in listing.content
    detail = client.get(reverse("admin:own_courier_owncourierlabel_change", args=(label.pk,)))
    assert detail.status_code == 200 and url.encode() in detail.content
    assert url in order_label_link(label.order)
