"""Reads of A06. Buyers see their company's requests; another company's request is a 404."""
from django.shortcuts import get_object_or_404

from backoffice.orders.selectors import buying_company

from .models import ChangeRequest


def change_requests_for(user):
    """The requests of the company `user` buys for, newest first (404 for non-buyers); one query."""
    company = buying_company(user)
    return ChangeRequest.objects.filter(company_id=company.pk).select_related("requested_by").order_by("-created_at", "-pk")


def change_request_get_for_user(user, pk) -> ChangeRequest:
    return get_object_or_404(change_requests_for(user), pk=pk)
