"""A07/A08/A09 services: adding (policy, validation, staff email), approving and rejecting
(customer email), hiding, and what checkout offers."""
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from backoffice.accounts.models import Address
from backoffice.addresses import services
from backoffice.addresses.models import AddressSettings
from backoffice.orders.checkout import HEAD_OFFICE, delivery_addresses_for

from .conftest import ADDRESS, customer_address, erp_address

pytestmark = pytest.mark.django_db


def keys(company):
    return [a.key for a in delivery_addresses_for(company)]


def test_an_address_needing_approval_waits_and_staff_are_emailed(world, staff_admin, django_capture_on_commit_callbacks):
    erp = erp_address(world.company)
    with django_capture_on_commit_callbacks(execute=True):
        address = services.address_add(company=world.company, user=world.user, data=ADDRESS)
    assert (address.status, address.source, address.is_one_off, address.created_by) == ("pending", "customer", False, world.user)
    assert keys(world.company) == [str(erp.pk)]  # pending: not offered at checkout
    staff = [m for m in mail.outbox if staff_admin.email in m.to]
    assert len(staff) == 1 and world.company.name in staff[0].subject and "ul. Nowa 7" in staff[0].body
    assert f"/admin/accounts/address/{address.pk}/change/" in staff[0].body
    assert world.user.email not in staff[0].to


def test_without_approval_the_address_is_usable_at_once_and_nobody_is_emailed(world, staff_admin, django_capture_on_commit_callbacks):
    AddressSettings.objects.create(pk=1, default_needs_approval=False)
    erp = erp_address(world.company)
    with django_capture_on_commit_callbacks(execute=True):
        address = services.address_add(company=world.company, user=world.user, data=ADDRESS)
    assert address.status == "approved" and not address.is_one_off
    assert set(keys(world.company)) == {str(erp.pk), str(address.pk)}
    assert mail.outbox == []


def test_dropshipping_address_is_one_off_and_usable_at_once(world):
    world.company.is_dropshipping = True
    world.company.save(update_fields=["is_dropshipping"])
    address = services.address_add(company=world.company, user=world.user, data=ADDRESS)
    assert (address.status, address.is_one_off) == ("approved", True)
    assert str(address.pk) in keys(world.company)


def test_head_office_stays_offered_next_to_the_customers_own_addresses(world):
    world.company.street, world.company.postal_code = "ul. Główna 1", "00-001"
    world.company.save(update_fields=["street", "postal_code"])
    assert keys(world.company) == [HEAD_OFFICE]
    address = customer_address(world.company, status=Address.Status.APPROVED)
    assert keys(world.company) == [HEAD_OFFICE, str(address.pk)]
    erp = erp_address(world.company)
    assert set(keys(world.company)) == {str(erp.pk), str(address.pk)}  # ERP addresses replace the head office, as before


@pytest.mark.parametrize("field,value", [("postal_code", "90123x"), ("postal_code", "9-0123"), ("street", ""), ("city", " "),
                                          ("country", "XX"), ("phone", "call me")])
def test_bad_input_is_refused_and_nothing_is_stored(world, field, value):
    with translation.override("en"), pytest.raises(ValidationError) as info:
        services.address_add(company=world.company, user=world.user, data={**ADDRESS, field: value})
    assert field in info.value.message_dict
    assert not Address.objects.exists()


def test_postal_code_is_normalised_and_foreign_codes_are_free(world):
    assert services.address_add(company=world.company, user=world.user, data={**ADDRESS, "postal_code": "90123"}).postal_code == "90-123"
    foreign = services.address_add(company=world.company, user=world.user, data={**ADDRESS, "country": "DE", "postal_code": "10115"})
    assert foreign.postal_code == "10115"


def test_approval_makes_it_usable_and_emails_the_customer(world, staff_admin, django_capture_on_commit_callbacks):
    address = customer_address(world.company, created_by=world.user)
    with django_capture_on_commit_callbacks(execute=True):
        decided = services.address_approve(address_id=address.pk, user=staff_admin)
    assert (decided.status, decided.decided_by, decided.decided_at is not None) == ("approved", staff_admin, True)
    assert str(address.pk) in keys(world.company)
    (message,) = mail.outbox
    assert message.to == [world.user.email] and "ul. Nowa 7" in message.body
    assert services.address_approve(address_id=address.pk, user=staff_admin) is None  # decided already: nothing happens


def test_rejection_needs_a_reason_which_the_customer_reads(world, staff_admin, django_capture_on_commit_callbacks):
    address = customer_address(world.company, created_by=world.user)
    with pytest.raises(ValidationError):
        services.address_reject(address_id=address.pk, user=staff_admin, reason="  ")
    address.refresh_from_db()
    assert address.status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        services.address_reject(address_id=address.pk, user=staff_admin, reason="Adres poza strefą dostaw")
    address.refresh_from_db()
    assert (address.status, address.rejection_reason) == ("rejected", "Adres poza strefą dostaw")
    assert str(address.pk) not in keys(world.company)
    (message,) = mail.outbox
    assert message.to == [world.user.email] and "Adres poza strefą dostaw" in message.body


def test_decision_email_goes_to_the_main_account_when_nobody_is_recorded(world, staff_admin, django_capture_on_commit_callbacks):
    address = customer_address(world.company)
    with django_capture_on_commit_callbacks(execute=True):
        services.address_approve(address_id=address.pk, user=staff_admin)
    assert [m.to for m in mail.outbox] == [[world.user.email]]


def test_customers_hide_their_own_addresses_but_not_erp_ones(world):
    own = customer_address(world.company, status=Address.Status.APPROVED)
    erp = erp_address(world.company)
    services.address_deactivate(address=own, user=world.user)
    own.refresh_from_db()
    assert not own.is_active and str(own.pk) not in keys(world.company)
    with pytest.raises(ValidationError):
        services.address_deactivate(address=erp, user=world.user)
    erp.refresh_from_db()
    assert erp.is_active


def test_one_off_checkout_address_is_reused_when_typed_again(world):
    world.company.is_dropshipping = True
    world.company.save(update_fields=["is_dropshipping"])
    first = services.one_off_address_for_checkout(company=world.company, data=ADDRESS)
    again = services.one_off_address_for_checkout(company=world.company, data={**ADDRESS, "postal_code": "90123"})
    assert first.pk == again.pk and first.is_one_off and first.status == "approved"
    world.company.is_dropshipping = False
    with pytest.raises(ValidationError):
        services.one_off_address_for_checkout(company=world.company, data={**ADDRESS, "city": "Kraków"})


def test_only_the_companys_own_rep_is_told_among_the_reps(world, make_user, django_capture_on_commit_callbacks):
    from backoffice.core.roles import Role

    own_rep, other_rep = make_user(Role.SALES_REP, email="rep-own@example.pl"), make_user(Role.SALES_REP, email="rep-other@example.pl")
    world.company.sales_rep = own_rep
    world.company.save(update_fields=["sales_rep"])
    with django_capture_on_commit_callbacks(execute=True):
        services.address_add(company=world.company, user=world.user, data=ADDRESS)
    recipients = {email for m in mail.outbox for email in m.to}
    assert "rep-own@example.pl" in recipients and "rep-other@example.pl" not in recipients
