"""R01: a sales rep acts as a customer: the rep's customers, start and stop.

Access: backoffice/acting/access.py (reps their assigned companies, sales managers and
administrators any company; a company the user may not act for is a 404). Starting logs the
browser in as the company's main account (backoffice/acting/services.py); the banner on every
page offers to stop. The whole namespace is switched off with the "sales_reps" module (K00).
"""
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from backoffice.acting.access import actable_companies, actable_company_get, may_act, search_companies
from backoffice.acting.services import acting_start, acting_stop
from backoffice.core.paging import PageNavigation

PER_PAGE = 25
SEARCH_MAX = 100


@dataclass
class CustomerPage(PageNavigation):
    companies: list
    total: int
    page: int
    pages: int


def _page_number(raw: str) -> int:
    return int(raw) if raw.isdigit() and len(raw) < 7 else 1


@require_GET
def customers(request):
    """The companies the user may act for, searchable, with an "act as" button each (two queries)."""
    if not may_act(request.user):
        raise Http404
    phrase = request.GET.get("q", "")[:SEARCH_MAX]
    qs = search_companies(actable_companies(request.user), phrase)
    total = qs.count()
    pages = max(1, -(-total // PER_PAGE))
    page = min(_page_number(request.GET.get("page", "")), pages)
    start = (page - 1) * PER_PAGE
    rows = list(qs.order_by("name", "pk")[start:start + PER_PAGE]) if total else []
    return render(request, "storefront/acting/customers.html", {"page": CustomerPage(rows, total, page, pages), "phrase": phrase})


@require_POST
def start(request, company_pk):
    if not may_act(request.user):
        raise Http404
    company = actable_company_get(request.user, company_pk)
    try:
        session = acting_start(request, company)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("acting:customers")
    messages.success(
        request,
        gettext("You are now acting as %(customer)s (%(company)s).") % {"customer": session.customer.email, "company": company.name},
    )
    return redirect("/")


@require_POST
def stop(request):
    session = request.acting
    if session is None:
        raise Http404
    if request.POST.get("session") != str(session.pk):
        # A Stop button of an earlier acting session (another tab): the current one goes on.
        messages.warning(request, gettext("That acting session has already ended; use the Stop button at the top of this page."))
        return redirect("/")
    rep = acting_stop(request)
    if rep is None:
        return redirect("storefront:login")
    messages.success(request, gettext("You stopped acting as %(company)s.") % {"company": session.company.name})
    if rep.has_perm("accounts.view_company"):
        return redirect(reverse("admin:accounts_company_change", args=[session.company_id]))
    return redirect("acting:customers")
