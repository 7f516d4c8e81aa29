"""The back office's approval queue (Customers > Addresses): pending first, approve / reject with a
reason in bulk and one by one; reps only look; ERP addresses stay read-only."""
import pytest
from django.core import mail

from backoffice.accounts.models import Address
from backoffice.core.roles import Role

from .conftest import customer_address, erp_address

pytestmark = pytest.mark.django_db

LIST = "/admin/accounts/address/"


@pytest.fixture
def admin_client_(client, staff_admin):
    client.force_login(staff_admin)
    return client


def test_queue_lists_pending_first_with_a_status_filter(admin_client_, world):
    erp = erp_address(world.company)
    pending = customer_address(world.company)
    response = admin_client_.get(LIST)
    assert response.status_code == 200
    assert [obj.pk for obj in response.context["cl"].result_list][:1] == [pending.pk]
    filtered = admin_client_.get(LIST + "?status__exact=pending")
    assert [obj.pk for obj in filtered.context["cl"].result_list] == [pending.pk]
    assert erp.pk not in [obj.pk for obj in filtered.context["cl"].result_list]


def test_bulk_approve_and_bulk_reject_with_a_reason(admin_client_, world, django_capture_on_commit_callbacks):
    first, second, third = (customer_address(world.company, street=f"ul. Nowa {n}", created_by=world.user) for n in range(3))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(LIST, {"action": "approve_selected", "_selected_action": [first.pk]})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == "approved"
    # reject: first the reason form, nothing changes; then the rejection
    response = admin_client_.post(LIST, {"action": "reject_selected", "_selected_action": [second.pk, third.pk, first.pk]})
    assert response.status_code == 200 and 'name="reason"' in response.content.decode()
    assert Address.objects.filter(status="pending").count() == 2
    response = admin_client_.post(LIST, {"action": "reject_selected", "_selected_action": [second.pk, third.pk], "reason": ""})
    assert response.status_code == 200 and Address.objects.filter(status="pending").count() == 2  # no reason: asked again
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(LIST, {"action": "reject_selected", "_selected_action": [second.pk, third.pk, first.pk],
                                             "reason": "Brak rampy"})
    assert response.status_code == 302
    assert set(Address.objects.filter(rejection_reason="Brak rampy").values_list("pk", flat=True)) == {second.pk, third.pk}
    first.refresh_from_db()
    assert first.status == "approved"  # decided before: left alone
    assert len(mail.outbox) == 2 and all("Brak rampy" in m.body for m in mail.outbox)


def test_decide_on_the_address_page(admin_client_, world, django_capture_on_commit_callbacks):
    address = customer_address(world.company, created_by=world.user)
    url = f"{LIST}{address.pk}/decide/"
    page = admin_client_.get(url)
    assert page.status_code == 200 and "ul. Nowa 7" in page.content.decode()
    assert admin_client_.post(url, {"decision": "reject", "reason": " "}).status_code == 400
    address.refresh_from_db()
    assert address.status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(url, {"decision": "approve"})
    assert response.status_code == 302
    address.refresh_from_db()
    assert address.status == "approved" and len(mail.outbox) == 1
    assert admin_client_.get(f"{LIST}{address.pk}/change/").status_code == 200


def test_reps_only_look_and_erp_addresses_are_read_only(client, make_user, world):
    rep = make_user(Role.SALES_REP)
    world.company.sales_rep = rep
    world.company.save(update_fields=["sales_rep"])
    address = customer_address(world.company)
    client.force_login(rep)
    assert client.get(LIST).status_code == 200
    assert client.get(f"{LIST}{address.pk}/decide/").status_code == 403
    client.post(LIST, {"action": "approve_selected", "_selected_action": [address.pk]})
    address.refresh_from_db()
    assert address.status == "pending"
    erp = erp_address(world.company)
    client.force_login(make_user(Role.ADMIN))
    client.post(f"{LIST}{erp.pk}/change/", {"street": "ul. Zmieniona 1"})
    erp.refresh_from_db()
    assert erp.street == "ul. Krótka 2"


def test_address_settings_open_the_single_row(admin_client_):
    response = admin_client_.get("/admin/addresses/addresssettings/")
    assert response.status_code == 302 and response["Location"] == "/admin/addresses/addresssettings/1/change/"
    response = admin_client_.post("/admin/addresses/addresssettings/1/change/", {"default_needs_approval": ""})
    assert response.status_code == 302
    from backoffice.addresses.models import AddressSettings

    assert AddressSettings.current().default_needs_approval is False
