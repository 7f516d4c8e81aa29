"""A11 end-customer accounts: creation (company, main account, welcome link, currency, markup),
validation that writes nothing, changes of terms, and the markup in the prices."""
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404

from backoffice.accounts.models import Company, User
from backoffice.core.roles import Role
from backoffice.distributors.services import EndCustomerData, end_customer_create, end_customer_update
from backoffice.pricing.selectors import pricing_input_for

from .conftest import make_end_customer, place_as

pytestmark = pytest.mark.django_db
D = Decimal


def data(**changes) -> EndCustomerData:
    values = {"name": "Sklep ABC", "email": "Sklep@ABC.pl", "markup_percent": D("12.5"), "nip": "398-259-79-16", "city": "Kraków"}
    values.update(changes)
    return EndCustomerData(**values)


def test_create_makes_the_company_and_its_main_account_with_a_set_password_link(world, django_capture_on_commit_callbacks):
    world.company.currency = "EUR"
    world.company.save(update_fields=["currency"])
    with django_capture_on_commit_callbacks(execute=True):
        company = end_customer_create(user=world.user, data=data(orders_auto_approved=True))
    assert (company.distributor, str(company.currency), company.markup_percent, company.nip) == (world.company, "EUR", D("12.5"), "3982597916")
    assert company.orders_auto_approved and company.is_active and company.b2b_access and company.price_list is None
    account = User.objects.get(company=company)
    assert (account.email, account.role, account.created_by, account.has_usable_password()) == (
        "sklep@abc.pl", Role.END_CUSTOMER, world.user, False)
    (welcome,) = [m for m in mail.outbox if m.to == ["sklep@abc.pl"]]
    assert "/reset/" in welcome.body or "password" in welcome.body.lower() or "hasło" in welcome.body.lower()


@pytest.mark.parametrize("changes, field", [
    ({"name": " "}, "name"), ({"nip": "1234567890"}, "nip"), ({"markup_percent": D("-1")}, "markup_percent"),
    ({"markup_percent": D("100.01")}, "markup_percent"), ({"email": ""}, "email"),
])
def test_bad_input_writes_nothing(world, changes, field):
    before = (Company.objects.count(), User.objects.count())
    with pytest.raises(ValidationError) as caught:
        end_customer_create(user=world.user, data=data(**changes))
    assert field in caught.value.message_dict
    assert (Company.objects.count(), User.objects.count()) == before


def test_nip_is_optional_and_email_must_be_new(world):
    company = end_customer_create(user=world.user, data=data(nip=""))
    assert company.nip == ""
    with pytest.raises(ValidationError) as caught:
        end_customer_create(user=world.user, data=data(email="SKLEP@abc.pl", name="Drugi"))
    assert "email" in caught.value.message_dict


def test_only_users_who_may_serve_end_customers_create(world, make_user, end_user):
    with pytest.raises(Http404):
        end_customer_create(user=end_user, data=data())
    with pytest.raises(Http404):
        end_customer_create(user=make_user(Role.CUSTOMER), data=data())
    employee = make_user(Role.EMPLOYEE, company=world.company)
    assert end_customer_create(user=employee, data=data()).distributor == world.company


def test_update_terms_and_another_distributor_is_refused(world, end_user, make_user):
    company = end_user.company
    end_customer_update(user=world.user, company=company, markup_percent=D("5"), orders_auto_approved=True, is_active=False)
    company.refresh_from_db()
    assert (company.markup_percent, company.orders_auto_approved, company.is_active) == (D("5.00"), True, False)
    other = make_user(Role.DISTRIBUTOR)
    Company.objects.filter(pk=other.company_id).update(is_distributor=True)
    other.refresh_from_db()
    with pytest.raises(ValidationError):
        end_customer_update(user=other, company=company, markup_percent=D("1"), orders_auto_approved=False, is_active=True)


def test_own_markup_wins_over_the_distributors_default(world, shop):
    own = make_end_customer(world.user, markup="20").company
    assert pricing_input_for(own, [shop.bit.pk]).distributor_markup == D("20")
    Company.objects.filter(pk=own.pk).update(markup_percent=None)
    own.refresh_from_db()
    assert pricing_input_for(own, [shop.bit.pk]).distributor_markup == D("10")  # the distributor's default
    Company.objects.filter(pk=world.company.pk).update(markup_percent=None)
    own = Company.objects.get(pk=own.pk)
    assert pricing_input_for(own, [shop.bit.pk]).distributor_markup == D("0")


def test_two_end_customers_two_markups_one_price_list(world, shop):
    five = make_end_customer(world.user, markup="5", name="Pięć")
    fifty = make_end_customer(world.user, markup="50", name="Pięćdziesiąt")
    assert place_as(five, shop, (shop.drill, "1")).lines.get().unit_net == D("105")
    assert place_as(fifty, shop, (shop.drill, "1")).lines.get().unit_net == D("150")
