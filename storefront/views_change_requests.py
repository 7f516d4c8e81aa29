"""Master-data change requests (A06): the company's requests with their status, one request, and
the form. Module "change_requests". Access: backoffice/change_requests/selectors.py (another
company's request is a 404); writes: change_requests/services.py."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from backoffice.change_requests import selectors, services
from backoffice.orders.selectors import buying_company

from .forms_change_requests import ChangeRequestForm


@require_GET
def request_list(request):
    requests = list(selectors.change_requests_for(request.user))
    return render(request, "storefront/change_requests/list.html", {"requests": requests})


@require_GET
def request_detail(request, pk):
    change_request = selectors.change_request_get_for_user(request.user, pk)
    return render(request, "storefront/change_requests/detail.html", {"change_request": change_request})


@require_http_methods(["GET", "POST"])
def request_new(request):
    company = buying_company(request.user)
    form = ChangeRequestForm(request.POST if request.method == "POST" else None, company=company)
    if request.method == "POST" and form.is_valid():
        try:
            change_request = services.change_request_create(company=company, user=request.user, new_values=form.new_values(),
                                                            message=form.cleaned_data.get("message", ""))
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, gettext("Your request has been sent. We will email you when it has been handled."))
            return redirect("change_requests:detail", pk=change_request.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "storefront/change_requests/form.html", {"form": form, "company": company}, status=status)
