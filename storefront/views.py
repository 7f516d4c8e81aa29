"""Storefront pages that are not CMS pages."""
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from backoffice.accounts import selectors as account_selectors
from backoffice.core.permissions import is_applicant, is_buyer, landing_url, may_see_finance


@require_GET
def healthz(request):
    """For load balancers and monitoring: answers without touching sessions or data."""
    return HttpResponse("ok", content_type="text/plain")


def account(request):
    """My account: the company's master data (read-only, A06), its commercial terms and shipping
    addresses from the ERP; balances and limits only for users who may see finance."""
    if not is_buyer(request.user):
        raise Http404
    company = account_selectors.company_get_for_user(request.user, request.user.company_id)
    context = {
        "company": company,
        "show_finance": may_see_finance(request.user),
        "shipping_addresses": list(account_selectors.shipping_addresses_for(company)),
    }
    return render(request, "storefront/account/account.html", context)


def application_pending(request):
    """Applicants see only this until an administrator approves their company (A04): what they
    applied with and when (their own application only)."""
    if not is_applicant(request.user):
        return redirect(landing_url(request.user))
    from backoffice.registration.selectors import application_for_applicant

    return render(request, "storefront/account/application_pending.html", {"application": application_for_applicant(request.user)})
