"""Reads of the customer's addresses. Objects come through access-checking selectors only."""
from django.shortcuts import get_object_or_404

from backoffice.accounts.models import Address
from backoffice.orders.selectors import buying_company


def company_addresses_for(user):
    """The shipping addresses of the company `user` buys for (404 for non-buyers): ERP ones and
    the customer's own in every status, hidden ones left out; one query."""
    company = buying_company(user)
    return (
        Address.objects.filter(company_id=company.pk, kind=Address.Kind.SHIPPING, is_active=True)
        .select_related("created_by")
        .order_by("source", "name", "pk")
    )


def address_get_for_user(user, pk) -> Address:
    """One of the buyer's company's shipping addresses, or 404 (another company's, hidden, unknown)."""
    return get_object_or_404(company_addresses_for(user), pk=pk)


def addresses_awaiting_approval():
    return Address.objects.filter(status=Address.Status.PENDING, is_active=True)
