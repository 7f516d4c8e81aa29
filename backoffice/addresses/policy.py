"""The one place that decides what happens to an address a customer adds (A07/A08/A09)."""
from dataclasses import dataclass

from .models import AddressSettings


@dataclass(frozen=True)
class AddressPolicy:
    needs_approval: bool  # A07: waits for an administrator before checkout offers it
    one_off: bool  # A09: a dropshipping delivery address, sent to the ERP as one-off


def address_policy_for(company) -> AddressPolicy:
    """Dropshipping companies: one-off, usable at once. Otherwise the customer group's flag
    (pricing.CustomerGroup.shipping_addresses_need_approval); without a group the installation's
    default (AddressSettings.default_needs_approval)."""
    if company.is_dropshipping:
        return AddressPolicy(needs_approval=False, one_off=True)
    group = company.customer_group
    if group is not None:
        return AddressPolicy(needs_approval=bool(group.shipping_addresses_need_approval), one_off=False)
    return AddressPolicy(needs_approval=AddressSettings.current().default_needs_approval, one_off=False)
