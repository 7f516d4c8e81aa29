"""A07/A08/A09: one function decides what happens to an address a customer adds."""
import pytest

from backoffice.addresses.models import AddressSettings
from backoffice.addresses.policy import address_policy_for
from backoffice.pricing.models import CustomerGroup

pytestmark = pytest.mark.django_db


def test_companies_without_a_group_follow_the_installation_default(world):
    assert address_policy_for(world.company).needs_approval is True  # default: approval (A07)
    AddressSettings.objects.create(pk=1, default_needs_approval=False)
    policy = address_policy_for(world.company)
    assert (policy.needs_approval, policy.one_off) == (False, False)  # A08


@pytest.mark.parametrize("flag", [True, False])
def test_the_customer_group_decides_for_its_companies(world, flag):
    AddressSettings.objects.create(pk=1, default_needs_approval=not flag)
    world.company.customer_group = CustomerGroup.objects.create(name=f"Grupa {flag}", shipping_addresses_need_approval=flag)
    world.company.save(update_fields=["customer_group"])
    assert address_policy_for(world.company).needs_approval is flag


def test_dropshipping_companies_add_one_off_addresses_usable_at_once(world):
    world.company.is_dropshipping = True
    world.company.customer_group = CustomerGroup.objects.create(name="Wymaga akceptacji", shipping_addresses_need_approval=True)
    world.company.save(update_fields=["is_dropshipping", "customer_group"])
    policy = address_policy_for(world.company)
    assert (policy.needs_approval, policy.one_off) == (False, True)
