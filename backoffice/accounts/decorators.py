"""View decorators for the storefront's company pages (A10)."""
from functools import wraps

from django.http import Http404

from backoffice.core.permissions import may_manage_users, may_see_finance


def finance_required(view):
    """Finance pages (settlements, invoices, balances): 404 to anybody who may not see finance, as
    if the page did not exist (A10)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not may_see_finance(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def manage_users_required(view):
    """The company's user management pages: 404 to anybody who may not manage users."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not may_manage_users(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped
