"""Who buys for which company, and which orders a user may see: the ONE place that decides.

Every storefront view of carts, lists and orders starts here; another company's order answers
404, never 403.
"""
from django.http import Http404
from django.shortcuts import get_object_or_404

from backoffice.core.permissions import is_buyer

from .models import Order


def buying_company(user):
    """The company `user` buys for in the storefront; 404 for anybody who is not a buyer with
    platform access (staff use the back office)."""
    if not (user.is_authenticated and is_buyer(user)):
        raise Http404
    return user.company


def orders_visible_to(user):
    """Orders of the buyer's company (employees see all company orders, A10)."""
    company = buying_company(user)
    return Order.objects.filter(company_id=company.pk)


def order_get_for_user(user, pk) -> Order:
    return get_object_or_404(orders_visible_to(user), pk=pk)
