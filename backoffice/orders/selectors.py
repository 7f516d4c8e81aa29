"""Who buys for which company, and which orders a user may see: the ONE place that decides.

Every storefront view of carts, lists and orders starts here; another company's order answers
404, never 403.
"""
from django.http import Http404
from django.shortcuts import get_object_or_404

from backoffice.core.modules import is_enabled
from backoffice.core.permissions import is_buyer

from .models import Order, OrderLine


def buying_company(user):
    """The company `user` buys for in the storefront; 404 for anybody who is not a buyer with
    platform access (staff use the back office)."""
    if not (user.is_authenticated and is_buyer(user)):
        raise Http404
    return user.company


def erp_orders_shown() -> bool:
    """F09: orders that exist only in the ERP (source=erp) are shown to customers only in the
    ERP-mirror variant (module "erp_order_history")."""
    return is_enabled("erp_order_history")


def orders_visible_to(user):
    """Orders of the buyer's company (employees see all company orders, A10); ERP-only orders
    only while the ERP-mirror module is on."""
    company = buying_company(user)
    qs = Order.objects.filter(company_id=company.pk)
    return qs if erp_orders_shown() else qs.exclude(source=Order.Source.ERP)


def order_lines_visible_to(user):
    """Lines of the orders `orders_visible_to(user)` returns, as a join rather than a subquery
    (recently bought aggregates thousands of them per page)."""
    company = buying_company(user)
    qs = OrderLine.objects.filter(order__company_id=company.pk)
    return qs if erp_orders_shown() else qs.exclude(order__source=Order.Source.ERP)


def order_get_for_user(user, pk) -> Order:
    return get_object_or_404(orders_visible_to(user), pk=pk)
